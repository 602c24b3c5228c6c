// Small helpers for tests that talk to the emulator over real HTTP (node fetch).
import { DEMO_CLIENT, type Emulator } from '../src/main/emulator/index'
import { AppTokenCache } from '../src/main/kibo/appAuth'
import { createKiboClient, type KiboClient, type KiboClientOptions } from '../src/main/kibo/client'

export interface RawResponse {
  status: number
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is not JSON. */
  json: any
}

export interface CallOptions {
  query?: Record<string, string | number | boolean>
  body?: unknown
  headers?: Record<string, string>
}

export async function call(emu: Emulator, method: string, path: string, options: CallOptions = {}): Promise<RawResponse> {
  const url = new URL(emu.url + path)
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v))
  const headers: Record<string, string> = { ...options.headers }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

export async function appToken(
  emu: Emulator,
  clientId: string = DEMO_CLIENT.clientId,
  secret: string = DEMO_CLIENT.clientSecret,
): Promise<string> {
  const res = await call(emu, 'POST', '/platform/applications/authtickets/oauth', {
    body: { client_id: clientId, client_secret: secret, grant_type: 'client_credentials' },
  })
  if (res.status !== 200) throw new Error(`oauth answered ${res.status}`)
  return res.json.access_token as string
}

/** The headers a Kibo client sends to tenant endpoints. */
export function kiboHeaders(emu: Emulator, token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-vol-tenant': String(emu.tenant), 'x-vol-site': String(emu.site) }
}

/** The app's Kibo client pointed at the emulator with the demo application, no retries. */
export function emulatorClient(emu: Emulator, options: Partial<KiboClientOptions> = {}): KiboClient {
  return createKiboClient({
    endpoint: {
      baseUrl: emu.url,
      authUrl: emu.url,
      headers: { 'x-vol-tenant': String(emu.tenant), 'x-vol-site': String(emu.site) },
      label: 'emulator',
    },
    clientId: DEMO_CLIENT.clientId,
    getSecret: async () => DEMO_CLIENT.clientSecret,
    tokenCache: new AppTokenCache(),
    maxRetries: 0,
    ...options,
  })
}
