import type { Core } from '../core'
import type { Handlers } from '../dispatch'

type KiboCalls =
  'kibo.impersonate' | 'kibo.refreshTicket' | 'kibo.searchAccounts' | 'kibo.getAccount' | 'ops.cancel' | 'log.requests' | 'log.clear'

export function kiboHandlers(core: Core): Pick<Handlers, KiboCalls> {
  const { inspector, operations } = core
  const run = <T>(profileId: string, operationId: string | undefined, parent: AbortSignal, work: (signal: AbortSignal) => Promise<T>) =>
    operations.run({ id: operationId, profileId, parent }, work)

  return {
    'kibo.impersonate': ({ profileId, operationId, target, responseFields, confirmProduction }, { signal }) =>
      run(profileId, operationId, signal, (s) => inspector.impersonate(profileId, { target, responseFields, confirmProduction }, s)),
    'kibo.refreshTicket': ({ profileId, operationId }, { signal }) =>
      run(profileId, operationId, signal, (s) => inspector.refreshTicket(profileId, s)),
    'kibo.searchAccounts': ({ profileId, operationId, ...params }, { signal }) =>
      run(profileId, operationId, signal, (s) => inspector.searchAccounts(profileId, params, s)),
    'kibo.getAccount': ({ profileId, operationId, accountId, responseFields }, { signal }) =>
      run(profileId, operationId, signal, (s) => inspector.getAccount(profileId, accountId, responseFields, s)),
    'ops.cancel': async ({ operationId }) => ({ cancelled: operations.cancel(operationId) }),
    'log.requests': async (query) => inspector.requestLog.list(query),
    'log.clear': async ({ profileId }) => ({ cleared: inspector.requestLog.clear(profileId) }),
  }
}
