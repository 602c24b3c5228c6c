// The Kibo API client of the main process. Imports nothing from electron.
export { resolveEndpoint, normaliseApiUrl, type KiboEndpoint } from './hosts'
export { AppTokenCache, appTokenKey, type AppTokenCacheOptions, type FetchAppToken, type FetchedAppToken } from './appAuth'
export {
  createKiboClient,
  type KiboClient,
  type KiboClientOptions,
  type KiboResult,
  type CallOptions,
  type AccountSearch,
  type ReadSpec,
} from './client'
export { decodeJwt, ticketView } from './jwt'
export { redactSecrets } from './redact'
export { curlCommand, urlWithQuery, type Exchange } from './exchange'
export type { KiboEvent } from './request'
export type { Sleep } from './retry'
export type { Transport, WireRequest, WireOutcome } from './transport'
