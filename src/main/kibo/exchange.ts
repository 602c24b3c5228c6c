// One HTTP exchange with Kibo as the request log keeps it: what was sent and what came back, with
// every token, secret and credential replaced by a placeholder before it leaves the client. The
// placeholders double as shell variables, so "Copy as cURL" works once the person sets them.

/** A request and its answer (or why none came), already redacted. */
export interface Exchange {
  id: string
  action: string
  attempt: number
  /** Wall-clock ms when the request was sent. */
  startedAt: number
  durationMs: number
  method: string
  /** Absolute URL without the query. */
  url: string
  /** Query parameters; secret ones hold a placeholder. */
  query: Record<string, string>
  requestHeaders: Record<string, string>
  /** The JSON body sent, secrets replaced; null when none. */
  requestBody: string | null
  status: number | null
  /** Why no answer came (timeout, reset, ...), or null. */
  problem: string | null
  responseHeaders: Record<string, string>
  responseBytes: number
  correlationId: string | null
}

export const TOKEN_PLACEHOLDER = '$KIBO_TOKEN'
export const REDACTED = '[redacted]'

const placeholderFor: Record<string, string> = {
  authorization: `Bearer ${TOKEN_PLACEHOLDER}`,
  'x-vol-user-claims': '$KIBO_USER_CLAIMS',
  refreshtoken: '$KIBO_REFRESH_TOKEN',
  refresh_token: '$KIBO_REFRESH_TOKEN',
  client_secret: '$KIBO_CLIENT_SECRET',
  access_token: TOKEN_PLACEHOLDER,
  accesstoken: TOKEN_PLACEHOLDER,
  jwtaccesstoken: TOKEN_PLACEHOLDER,
}

/** Header, query and body names whose values are credentials, whatever they hold. */
const secretName = /authori[sz]ation|token|secret|password|passwd|credential|cookie|claims|api[-_]?key|session|signature/i

export function isSecretName(name: string): boolean {
  return secretName.test(name)
}

function placeholder(name: string, fallback: string): string {
  return placeholderFor[name.toLowerCase()] ?? fallback
}

const jwtLike = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g
const bearerLike = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi

/**
 * Replaces the known secrets (and anything shaped like a JWT or a bearer credential) in a value
 * that is otherwise kept as is: ids, cart ids and correlation ids stay readable.
 */
export function scrubKnown(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text
  const known = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length)
  for (const secret of known) {
    out = out.split(secret).join(REDACTED)
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join(REDACTED)
  }
  return out.replace(jwtLike, REDACTED).replace(bearerLike, (_m, scheme: string) => `${scheme} ${REDACTED}`)
}

export function redactRequestHeaders(
  headers: Record<string, string>,
  secrets: readonly (string | null | undefined)[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers))
    out[name] = isSecretName(name) ? placeholder(name, '$KIBO_SECRET') : scrubKnown(value, secrets)
  return out
}

export function redactResponseHeaders(
  headers: Record<string, string>,
  secrets: readonly (string | null | undefined)[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretName(name) ? REDACTED : scrubKnown(value, secrets)
  return out
}

export function redactQuery(
  query: Record<string, string | number | boolean | undefined> | undefined,
  secrets: readonly (string | null | undefined)[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue
    out[name] = isSecretName(name) ? placeholder(name, '$KIBO_SECRET') : scrubKnown(String(value), secrets)
  }
  return out
}

function redactValue(value: unknown, secrets: readonly (string | null | undefined)[], depth: number): unknown {
  if (depth > 20) return REDACTED
  if (typeof value === 'string') return scrubKnown(value, secrets)
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [name, v] of Object.entries(value))
      out[name] =
        isSecretName(name) && v !== null && typeof v !== 'boolean' ? placeholder(name, '$KIBO_SECRET') : redactValue(v, secrets, depth + 1)
    return out
  }
  return value
}

/** The JSON a request carried, with every secret-named field replaced. */
export function redactRequestBody(body: unknown, secrets: readonly (string | null | undefined)[]): string | null {
  if (body === undefined) return null
  return JSON.stringify(redactValue(body, secrets, 0))
}

/** The URL with its (already redacted) query; placeholders stay literal so a shell can expand them. */
export function urlWithQuery(url: string, query: Record<string, string>): string {
  const parts = Object.entries(query).map(([name, value]) => {
    const encoded = /^\$KIBO_[A-Z_]+$/.test(value) ? value : encodeURIComponent(value)
    return `${encodeURIComponent(name)}=${encoded}`
  })
  return parts.length > 0 ? `${url}?${parts.join('&')}` : url
}

const placeholderPattern = /\$KIBO_[A-Z_]+/g

/** Quotes for a POSIX shell: single quotes, or double quotes where a $KIBO_ placeholder must expand. */
export function shellQuote(text: string): string {
  if (!placeholderPattern.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`
  placeholderPattern.lastIndex = 0
  let out = ''
  let last = 0
  for (const match of text.matchAll(placeholderPattern)) {
    out += escapeDouble(text.slice(last, match.index)) + match[0]
    last = match.index + match[0].length
  }
  return `"${out}${escapeDouble(text.slice(last))}"`
}

function escapeDouble(text: string): string {
  return text.replace(/[\\"$`]/g, (c) => `\\${c}`)
}

// Headers the HTTP library sets on its own, which a cURL command needs no copy of.
const curlSkip = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'user-agent'])

/** "Copy as cURL": the request as a command, with $KIBO_TOKEN and friends where secrets were. */
export function curlCommand(exchange: Pick<Exchange, 'method' | 'url' | 'query' | 'requestHeaders' | 'requestBody'>): string {
  const lines = [`curl -X ${exchange.method} ${shellQuote(urlWithQuery(exchange.url, exchange.query))}`]
  for (const [name, value] of Object.entries(exchange.requestHeaders))
    if (!curlSkip.has(name.toLowerCase())) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`)
  if (exchange.requestBody !== null) lines.push(`  --data-raw ${shellQuote(exchange.requestBody)}`)
  return lines.join(' \\\n')
}

let sequence = 0
/** Ids unique within this process, short enough to quote. */
export function nextExchangeId(): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER
  return `r${sequence}`
}
