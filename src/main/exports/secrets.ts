// Tokens never leave the process in a file or to the renderer. Accounts normally hold none, but an
// account taken from an auth ticket, or a file someone hands us, can carry them at any depth.

/**
 * A key that names a credential: `accessToken`, `refresh_token`, `jwtAccessToken`, `client_secret`,
 * `password`, `credentials`, ... Keys are compared as JSON.parse decodes them, so "accessTok\u0065n"
 * arrives here as "accessToken".
 */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '')
  return (
    k.endsWith('token') ||
    k.includes('secret') ||
    k.includes('password') ||
    k.includes('credential') ||
    k === 'apikey' ||
    k === 'authorization' ||
    k === 'cookie' ||
    k === 'setcookie'
  )
}

/** A secret key whose value could hold a credential: a flag like `hasExternalPassword: true` holds none. */
export function isSecretEntry(key: string, value: unknown): boolean {
  return typeof value !== 'boolean' && isSecretKey(key)
}

/**
 * `value` without any secret entry, at any depth. Copy-on-write: returns the same reference when
 * there is nothing to strip, so the common case costs one walk and no allocation.
 */
export function withoutSecrets<T>(value: T): T {
  return strip(value) as T
}

function strip(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const item = strip(value[i])
      if (item !== value[i]) {
        out ??= value.slice()
        out[i] = item
      }
    }
    return out ?? value
  }
  const record = value as Record<string, unknown>
  let out: Record<string, unknown> | null = null
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (isSecretEntry(key, item)) {
      out ??= { ...record }
      delete out[key]
      continue
    }
    const stripped = strip(item)
    if (stripped !== item) {
      out ??= { ...record }
      setOwn(out, key, stripped)
    }
  }
  return out ?? value
}

/** `target[key] = value` that stays a plain own property even for a key named "__proto__". */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
