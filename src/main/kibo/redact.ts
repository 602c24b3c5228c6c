// Kibo sometimes echoes what it was sent (a refresh token in a "not valid" message, a bearer token in
// a stack trace from an API extension). Anything that reaches a person goes through here first.

const REDACTED = '[redacted]'

// Three base64url segments (a JWT or JWS), a Bearer credential, or a long opaque run of token
// characters. 32+ characters keeps ordinary words, ids and GUID-free messages readable.
const tokenPatterns: RegExp[] = [
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(client_secret|access_token|refresh_token|refreshToken|accessToken|jwtAccessToken|password)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
  /[A-Za-z0-9+/_=-]{32,}/g,
]

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// A long run is a token when it mixes letters and digits, unless it is a URL path (short
// '/'-separated segments) or a dashed GUID, which Kibo uses for ids, not for credentials.
function looksLikeToken(run: string): boolean {
  if (!/[0-9]/.test(run) || !/[A-Za-z]/.test(run)) return false
  if (guid.test(run)) return false
  if (run.includes('/') && run.split('/').every((segment) => segment.length < 24)) return false
  return true
}

/** Replaces every known secret and every token-looking run in `text` with "[redacted]". */
export function redactSecrets(text: string, knownSecrets: Iterable<string | null | undefined> = []): string {
  let out = text
  // Longest first, so a secret that contains another is removed whole.
  const known = [...knownSecrets].filter((s): s is string => typeof s === 'string' && s.length >= 4)
  known.sort((a, b) => b.length - a.length)
  for (const secret of known) {
    out = out.split(secret).join(REDACTED)
    // A secret that was URL-encoded on its way out can come back encoded.
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join(REDACTED)
  }
  out = out.replace(tokenPatterns[0], REDACTED)
  out = out.replace(tokenPatterns[1], (_m, scheme: string) => `${scheme} ${REDACTED}`)
  out = out.replace(tokenPatterns[2], (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
  out = out.replace(tokenPatterns[3], (run) => (looksLikeToken(run) ? REDACTED : run))
  return out
}
