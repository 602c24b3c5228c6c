// Impersonation history and the profile editor's connection test.
import type { ImpersonationView } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { Core } from '../core'
import type { CallContext, Handlers } from '../dispatch'
import { historyFor } from '../history'
import { testConnection } from '../inspector/testConnection'
import { profileGone } from '../profiles'

type WorkspaceCalls = 'history.list' | 'history.clear' | 'profiles.testConnection'

export function workspaceHandlers(core: Core): Pick<Handlers, WorkspaceCalls> {
  const history = historyFor(core)
  return {
    'history.list': async ({ profileId }) => history.list(profileId),
    'history.clear': async ({ profileId }) => {
      history.clear(profileId)
      return history.list(profileId)
    },
    'profiles.testConnection': async ({ profileId, profile: unsaved, secret: typed, operationId }, { signal }) => {
      const saved = profileId ? core.profiles.get(profileId) : undefined
      if (profileId && !saved && !unsaved) profileGone()
      const profile = unsaved ?? saved
      if (!profile) fail('invalid-input', 'Say which profile to test: a saved one, or the editor’s values.')
      let secret = typed ?? null
      // The stored secret goes only where it was saved for: edited to point elsewhere, the
      // editor's values are tested with a typed secret (the demo's built-in one is no secret).
      const samePlace =
        saved !== undefined &&
        JSON.stringify([saved.environment, saved.clientId]) === JSON.stringify([profile.environment, profile.clientId])
      if (!secret && saved && samePlace) secret = await core.vault.getClientSecret(saved.id)
      if (!secret) secret = core.demo.builtInSecret({ ...profile, id: saved?.id ?? '' })
      if (!secret && saved && !samePlace) {
        fail('secret-missing', 'The profile now points at another environment or application, so its saved secret is not sent there.', {
          hint: 'Type the client secret to test these values, or save them first.',
          where: 'secret',
        })
      }
      return core.operations.run({ id: operationId, profileId: saved?.id ?? null, parent: signal }, (s) =>
        testConnection(
          profile,
          secret,
          {
            demoUrl: () => core.demo.url(),
            timeoutMs: core.settings.get().kiboTimeoutSeconds * 1000,
            onEvent: saved ? core.inspector.requestLog.observer(saved.id) : undefined,
          },
          s,
        ),
      )
    },
  }
}

type Impersonate = Handlers['kibo.impersonate']

/** kibo.impersonate, recording each success in the profile's history. */
export function recordingImpersonations(core: Core, impersonate: Impersonate): Impersonate {
  return async (input, context: CallContext): Promise<ImpersonationView> => {
    const answer = await impersonate(input, context)
    try {
      historyFor(core).record(input.profileId, input.target, answer.account, answer.responseFields)
    } catch {
      // History is a convenience: a settings folder that cannot be written must not fail an impersonation.
    }
    return answer
  }
}

type RemoveProfile = Handlers['profiles.remove']

/** profiles.remove, forgetting whom the removed profile impersonated. */
export function forgettingHistory(core: Core, remove: RemoveProfile): RemoveProfile {
  return async (input, context) => {
    const answer = await remove(input, context)
    historyFor(core).clear(input.id)
    return answer
  }
}
