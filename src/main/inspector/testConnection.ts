// "Test connection" in the profile editor: a fresh application token (never one from the cache,
// or a wrong secret would pass) and one one-row read of the accounts, GET
// /commerce/customer/accounts?pageSize=1, which needs the same rights as a search. What comes
// back is Kibo's answer (status, where it went, correlation id, time); a failure is the
// client's typed AppFailure, in plain words, never holding the secret or the token.
import type { ConnectionTestView } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { Profile } from '../../shared/profile'
import { AppTokenCache, createKiboClient, resolveEndpoint, type KiboEvent, type Transport } from '../kibo'

export interface ConnectionTestDeps {
  /** The built-in emulator's API URL; starts it on first use. */
  demoUrl(): Promise<string>
  timeoutMs?: number
  /** The request log, when the profile is saved (an unsaved one has nowhere to log to). */
  onEvent?: (event: KiboEvent) => void
  /** For tests: replace the HTTP exchange. */
  transport?: Transport
}

export async function testConnection(
  profile: Pick<Profile, 'name' | 'environment' | 'clientId'>,
  secret: string | null,
  deps: ConnectionTestDeps,
  signal: AbortSignal,
): Promise<ConnectionTestView> {
  if (!profile.clientId.trim()) {
    fail('config', 'There is no application client id to test.', {
      hint: 'Enter the client id of your Kibo application.',
      where: 'clientId',
    })
  }
  if (!secret) {
    fail('secret-missing', 'There is no client secret to test with.', {
      hint: 'Enter the client secret of the Kibo application.',
      where: 'secret',
    })
  }
  const demoUrl = profile.environment.kind === 'demo' ? await deps.demoUrl() : undefined
  const endpoint = resolveEndpoint(profile.environment, { demoUrl })
  const client = createKiboClient({
    endpoint,
    clientId: profile.clientId.trim(),
    tokenCache: new AppTokenCache(),
    getSecret: async () => secret,
    timeoutMs: deps.timeoutMs,
    // One try: a test says what happens now, not after a minute of retries.
    maxRetries: 0,
    onEvent: deps.onEvent,
    transport: deps.transport,
  })
  const result = await client.searchAccounts({ startIndex: 0, pageSize: 1 }, { signal })
  return {
    endpoint: endpoint.label,
    apiUrl: endpoint.baseUrl,
    authUrl: endpoint.authUrl,
    tenant: endpoint.headers['x-vol-tenant'] ?? null,
    site: endpoint.headers['x-vol-site'] ?? null,
    status: result.status,
    correlationId: result.correlationId,
    elapsedMs: result.elapsedMs,
    totalCount: result.data.totalCount ?? result.data.items?.length ?? 0,
  }
}
