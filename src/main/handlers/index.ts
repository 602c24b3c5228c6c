// Every call of the contract, implemented once for both hosts.
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { appHandlers } from './app'
import { bundleHandlers } from './bundles'
import { customerHandlers } from './customer'
import { fileHandlers } from './files'
import { kiboHandlers } from './kibo'
import { offlineHandlers } from './offline'
import { profileHandlers } from './profiles'
import { forgettingHistory, recordingImpersonations, workspaceHandlers } from './workspace'

export function createHandlers(core: Core): Handlers {
  const kibo = kiboHandlers(core)
  const profiles = profileHandlers(core)
  return {
    ...appHandlers(core),
    ...profiles,
    'profiles.remove': forgettingHistory(core, profiles['profiles.remove']),
    ...kibo,
    'kibo.impersonate': recordingImpersonations(core, kibo['kibo.impersonate']),
    ...customerHandlers(core),
    ...offlineHandlers(core),
    ...fileHandlers(core),
    ...workspaceHandlers(core),
    ...bundleHandlers(core),
  }
}
