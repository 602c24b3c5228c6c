// Reading what came back with a failed call. Kibo's services answer
// { message, errorCode, applicationName, additionalErrorData: [{name, value}], items, exceptionDetail },
// older ones with capitalised keys; a proxy or gateway in between answers with an HTML page, plain
// text or JSON of its own. Whatever it was, a person gets a few readable lines and no token.
import type { KiboErrorDetail } from '../../shared/errors'
import { redactSecrets } from './redact'

export interface ErrorBodyReading {
  /** One or two sentences for the message, or null when the body says nothing useful. */
  summary: string | null
  /** Kibo's structured fields, when the body was Kibo's. */
  detail: KiboErrorDetail
}

const MAX_SUMMARY = 300
const MAX_FIELD = 200
const MAX_DATA_ITEMS = 8

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The value of `name` in `object`, whatever its capitalisation (message, Message, MESSAGE). */
function field(object: Record<string, unknown>, name: string): unknown {
  if (name in object) return object[name]
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value
  return undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function additionalData(value: unknown): { name: string; value: string }[] | undefined {
  if (!Array.isArray(value)) return undefined
  const out: { name: string; value: string }[] = []
  for (const item of value.slice(0, MAX_DATA_ITEMS)) {
    if (!isObject(item)) continue
    const name = text(field(item, 'name'))
    const raw = field(item, 'value')
    const v = text(raw) ?? (raw === null || raw === undefined ? '' : clip(JSON.stringify(raw) ?? '', MAX_FIELD))
    if (name) out.push({ name: clip(name, 80), value: clip(v, MAX_FIELD) })
  }
  return out.length > 0 ? out : undefined
}

function fromKibo(body: Record<string, unknown>, secrets: readonly (string | null | undefined)[]): ErrorBodyReading | null {
  const scrub = (s: string, max = MAX_FIELD) => clip(redactSecrets(s, secrets), max)
  const message = text(field(body, 'message'))
  const errorCode = text(field(body, 'errorCode'))
  const applicationName = text(field(body, 'applicationName'))
  const exception = field(body, 'exceptionDetail')
  const exceptionMessage = isObject(exception) ? text(field(exception, 'message')) : undefined
  const data = additionalData(field(body, 'additionalErrorData'))
  const items = field(body, 'items')
  let itemMessage: string | undefined
  if (Array.isArray(items))
    for (const item of items) {
      itemMessage = isObject(item) ? text(field(item, 'message')) : undefined
      if (itemMessage) break
    }
  if (!message && !errorCode && !applicationName && !exceptionMessage && !data && !itemMessage) return null

  let summary = message ?? ''
  // Validation failures put the detail in items[].message.
  if (itemMessage && !summary.includes(itemMessage)) summary = summary ? `${summary} ${itemMessage}` : itemMessage
  if (!summary && exceptionMessage) summary = exceptionMessage
  if (errorCode && !summary.includes(errorCode)) summary = summary ? `${summary} (${errorCode})` : errorCode

  const detail: KiboErrorDetail = {}
  if (applicationName) detail.applicationName = scrub(applicationName, 80)
  if (errorCode) detail.errorCode = scrub(errorCode, 80)
  if (data) detail.additionalErrorData = data.map(({ name, value }) => ({ name: scrub(name, 80), value: scrub(value) }))
  if (exceptionMessage && exceptionMessage !== message) detail.exceptionMessage = scrub(exceptionMessage)
  return { summary: summary ? scrub(summary, MAX_SUMMARY) : null, detail }
}

// What gateways and frameworks put in their own JSON error bodies (OAuth, RFC 7807, Express, AWS).
const otherJsonKeys = ['error_description', 'detail', 'title', 'error', 'description', 'reason', 'msg', 'statusText']

function fromOtherJson(body: unknown): string | null {
  if (typeof body === 'string') return body
  if (!isObject(body)) return null
  const parts: string[] = []
  for (const key of otherJsonKeys) {
    const value = field(body, key)
    const said = text(value) ?? (isObject(value) ? text(field(value, 'message')) : undefined)
    if (said && !parts.some((p) => p.includes(said))) parts.push(said)
    if (parts.length === 2) break
  }
  return parts.length > 0 ? parts.join(': ') : null
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

function fromHtml(html: string): string | null {
  const pick = (pattern: RegExp) => pattern.exec(html)?.[1]
  const raw = pick(/<title[^>]*>([\s\S]*?)<\/title>/i) ?? pick(/<h1[^>]*>([\s\S]*?)<\/h1>/i) ?? html
  const plain = raw
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(#39|[a-z]+);/gi, (m, name: string) => entities[name.toLowerCase()] ?? ' ')
  const flat = clip(plain, 120)
  return flat ? `a web page titled “${flat}”, not Kibo's answer` : 'a web page, not Kibo’s answer'
}

/**
 * Reads an error body. `secrets` are the tokens and secrets the request carried: anything Kibo (or a
 * proxy) echoes of them is replaced, as is anything that merely looks like a token.
 */
export function readErrorBody(
  bodyText: string,
  contentType: string | undefined,
  secrets: readonly (string | null | undefined)[],
): ErrorBodyReading {
  const trimmed = bodyText.trim()
  if (trimmed === '') return { summary: null, detail: {} }
  let json: unknown
  let isJson = false
  try {
    json = JSON.parse(trimmed)
    isJson = true
  } catch {
    // Not JSON: HTML or text.
  }
  if (isJson) {
    const kibo = isObject(json) ? fromKibo(json, secrets) : null
    if (kibo) return kibo
    const other = fromOtherJson(json)
    return { summary: other ? clip(redactSecrets(other, secrets), MAX_SUMMARY) : null, detail: {} }
  }
  const looksHtml =
    /html/i.test(contentType ?? '') || /^<(!doctype|html|head|body|\?xml)/i.test(trimmed) || /<\/(html|body|h1|title)>/i.test(trimmed)
  if (looksHtml) return { summary: fromHtml(redactSecrets(trimmed, secrets)), detail: {} }
  // Plain text: its first line, which is where gateways put the reason.
  const firstLine = trimmed.split(/\r?\n/, 1)[0]
  return { summary: clip(redactSecrets(firstLine, secrets), MAX_SUMMARY) || null, detail: {} }
}
