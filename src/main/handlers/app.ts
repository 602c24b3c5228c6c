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
      }
    },
    'settings.get': async () => core.settings.get(),
    'settings.save': async ({ settings }) => {
      const saved = core.settings.save(settings)
      // Clients are built with the timeout: the next call of every profile builds anew.
      for (const profile of core.profiles.list()) core.inspector.profileChanged(profile.id)
      return saved
    },
  }
}
