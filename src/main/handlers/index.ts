// Every call of the contract, implemented once for both hosts.
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { appHandlers } from './app'
import { fileHandlers } from './files'
import { kiboHandlers } from './kibo'
import { offlineHandlers } from './offline'
import { profileHandlers } from './profiles'

export function createHandlers(core: Core): Handlers {
  return { ...appHandlers(core), ...profileHandlers(core), ...kiboHandlers(core), ...offlineHandlers(core), ...fileHandlers(core) }
}
