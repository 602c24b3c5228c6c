// A Kibo client wired to the scripted stub (test/stubKibo.ts): what it sent, what it logged, and
// the failures it threw, for the tests of the 360 calls and sections. Not shipped.
import { AppTokenCache } from '../src/main/kibo/appAuth'
import { createKiboClient, type KiboClient, type KiboClientOptions } from '../src/main/kibo/client'
import type { KiboEvent } from '../src/main/kibo/request'
import { startStub, withAppAuth, type Stub, type StubHandler } from './stubKibo'

export const STUB_SECRET = 'client-secret-9a8b7c6d5e4f3a2b1c0d'

export interface StubClient {
  client: KiboClient
  stub: Stub
  events: KiboEvent[]
  /** The application tokens the stub issued. */
  issued: string[]
  /** Requests other than the application-token call. */
  calls(): Stub['requests']
}

export async function stubClient(handler: StubHandler, options: Partial<KiboClientOptions> = {}): Promise<StubClient> {
  const auth = withAppAuth(handler)
  const stub = await startStub(auth)
  const events: KiboEvent[] = []
  const client = createKiboClient({
    endpoint: { baseUrl: stub.url, authUrl: stub.url, headers: { 'x-vol-tenant': '100001', 'x-vol-site': '100002' }, label: 'stub' },
    clientId: 'demo.app.1.0.0',
    getSecret: async () => STUB_SECRET,
    tokenCache: new AppTokenCache(),
    timeoutMs: 2000,
    maxRetries: 1,
    sleep: async () => {},
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...options,
  })
  return {
    client,
    stub,
    events,
    issued: auth.issued,
    calls: () => stub.requests.filter((r) => r.path !== '/platform/applications/authtickets/oauth'),
  }
}
