import type { Handlers } from '../dispatch'
import type { Core } from '../core'

export function appHandlers(core: Core): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => {
      const keychain = await core.vault.keychainStatus()
      return {
        name: 'Account Inspector',
        version: core.version,
        host: core.host,
        platform: process.platform,
        keychain: keychain.available ? 'available' : 'unavailable',
        ...(keychain.problem ? { keychainProblem: keychain.problem } : {}),
      }
    },
  }
}
