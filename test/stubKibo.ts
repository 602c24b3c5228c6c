// Test helper: a tiny scripted Kibo on 127.0.0.1, for the client's unit tests. Not shipped.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  body: unknown
}

export type StubHandler = (req: StubRequest, res: ServerResponse) => void

export interface Stub {
  url: string
  requests: StubRequest[]
  /** Requests to one path (without /api). */
  to(path: string): StubRequest[]
  close(): Promise<void>
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: StubRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub')
      const text = Buffer.concat(chunks).toString('utf8')
      const record: StubRequest = {
        method: req.method ?? '',
        path: url.pathname.replace(/^\/api/, ''),
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      }
      requests.push(record)
      handler(record, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    to: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Answers the oauth call with numbered tokens; everything else goes to `api`. */
export function withAppAuth(api: StubHandler, lifetimeSeconds = 3600): StubHandler & { issued: string[] } {
  const issued: string[] = []
  const handler = ((req, res) => {
    if (req.path === '/platform/applications/authtickets/oauth') {
      const token = `apptoken-${issued.length + 1}-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c`
      issued.push(token)
      return json(res, 200, {
        access_token: token,
        token_type: 'bearer',
        expires_in: lifetimeSeconds,
        refresh_token: `apprefresh-${issued.length}-aa11bb22cc33dd44ee55ff66aa77bb88`,
      })
    }
    return api(req, res)
  }) as StubHandler & { issued: string[] }
  handler.issued = issued
  return handler
}
