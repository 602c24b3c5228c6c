// Reading a customer ticket for a person: what it says, never what it is. The signature and the
// raw token stay in the main process; only the decoded header and claims travel.
import type { JwtView, TicketView } from '../../shared/contract'
import type { CustomerAuthTicket } from '../../shared/kibo'

const segment = /^[A-Za-z0-9_-]+$/

function decodeSegment(part: string): Record<string, unknown> | null {
  if (!segment.test(part)) return null
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Decodes a JWT's header and claims without verifying it (the app only displays them). */
export function decodeJwt(token: string | null | undefined): JwtView | null {
  if (typeof token !== 'string') return null
  const parts = token.trim().split('.')
  // Signed (3 parts) or unsecured "alg: none" (3 parts, empty signature). JWE (5 parts) is opaque.
  if (parts.length !== 3) return null
  const header = decodeSegment(parts[0])
  const claims = decodeSegment(parts[1])
  if (!header || !claims) return null
  return { header, claims }
}

/** The person-facing view of a customer ticket: expiry, user, decoded JWT. No token in it. */
export function ticketView(ticket: CustomerAuthTicket, issuedAt: Date): TicketView {
  return {
    userId: ticket.userId ?? null,
    accessTokenExpiration: ticket.accessTokenExpiration ?? null,
    refreshTokenExpiration: ticket.refreshTokenExpiration ?? null,
    hasRefreshToken: typeof ticket.refreshToken === 'string' && ticket.refreshToken.length > 0,
    jwt: decodeJwt(ticket.jwtAccessToken) ?? decodeJwt(ticket.accessToken),
    issuedAt: issuedAt.toISOString(),
  }
}
