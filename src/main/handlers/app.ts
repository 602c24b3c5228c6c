import type { Handlers } from '../dispatch'
import type { Core } from '../core'

export function appHandlers(core: Core): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.save'> {
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
        ...(core.files.exportFolder ? { exportFolder: core.files.exportFolder } : {}),
      }
    },
    'settings.get': async () => core.settings.get(),
    // The timeout is part of each client's signature: the next call of every profile builds a
    // client with the new one, keeping its app token.
    'settings.save': async ({ settings }) => core.settings.save(settings),
  }
}
