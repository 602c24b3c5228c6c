// The contract between renderer and main: every call (name, input schema, output type) and every
// event. Both transports (Electron IPC and the loopback HTTP host), the preload and the renderer
// are built from this one declaration, so a renamed call is a compile error, not a silent hang.
import { z } from 'zod'
import type { AppError, Result } from './errors'
import type { CustomerAccount } from './kibo'
import { impersonationTargetSchema, profileInputSchema, type Profile } from './profile'

/** Ties an output type to a call's input schema. Main produces the output, so it needs no runtime schema. */
function call<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O })
}

const id = z.string().min(1).max(64)
const operationId = z.string().min(1).max(64).optional()
const responseFields = z.string().max(4000).optional()
const filePath = z.string().min(1).max(4096)

// ---- views: what the renderer sees. Already redacted: no token, no secret. ----

export interface AppInfo {
  name: string
  version: string
  host: 'electron' | 'web'
  platform: string
  keychain: 'available' | 'unavailable'
  keychainProblem?: string
}

export interface JwtView {
  header: Record<string, unknown>
  claims: Record<string, unknown>
}

export interface TicketView {
  userId: string | null
  accessTokenExpiration: string | null
  refreshTokenExpiration: string | null
  hasRefreshToken: boolean
  jwt: JwtView | null
  issuedAt: string
}

export type SecretStatus = 'keychain' | 'session' | 'missing'

export interface ProfileView extends Profile {
  secret: SecretStatus
  /** A short label of where requests go: "t12345-s678 sandbox (US)" or the base URL. */
  hostLabel: string
  ticket: TicketView | null
}

export interface ProfilesView {
  profiles: ProfileView[]
  activeId: string | null
  recentIds: string[]
  keychain: 'available' | 'unavailable'
}

export interface ImpersonationView {
  profileId: string
  ticket: TicketView
  account: CustomerAccount | null
  responseFields: string | null
  correlationId: string | null
  elapsedMs: number
}

export interface AccountPage {
  startIndex: number
  pageSize: number
  pageCount: number
  totalCount: number
  items: CustomerAccount[]
}

export type ExportFormat = 'json' | 'jsonl' | 'csv'

export interface ExportResult {
  path: string
  count: number
  bytes: number
}

export interface DatasetSummary {
  id: string
  name: string
  path: string
  /** What the file was recognised as. */
  shape: 'array' | 'jsonl' | 'collection' | 'account' | 'ticket'
  count: number
  bytes: number
  warnings: string[]
}

/** One line of the dataset list: the columns a person sorts and scans by. */
export interface AccountRow {
  index: number
  id: number | null
  name: string
  emailAddress: string | null
  userName: string | null
  orderCount: number | null
  totalOrderAmount: number | null
  isActive: boolean | null
  updateDate: string | null
}

export interface DatasetPage {
  total: number
  rows: AccountRow[]
}

export type DiffChange = { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }

export const accountSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset'), datasetId: id, index: z.number().int().min(0) }),
  z.object({ kind: z.literal('live'), profileId: id, accountId: z.number().int().positive() }),
])

export const datasetSortSchema = z.object({
  field: z.enum(['index', 'id', 'name', 'emailAddress', 'userName', 'orderCount', 'totalOrderAmount', 'isActive', 'updateDate']),
  direction: z.enum(['asc', 'desc']),
})

export const calls = {
  'app.info': call<AppInfo>()(z.object({})),

  'profiles.list': call<ProfilesView>()(z.object({})),
  'profiles.save': call<ProfileView>()(z.object({ profile: profileInputSchema })),
  'profiles.duplicate': call<ProfileView>()(z.object({ id })),
  'profiles.remove': call<ProfilesView>()(z.object({ id })),
  'profiles.reorder': call<ProfilesView>()(z.object({ ids: z.array(id).max(1000) })),
  'profiles.activate': call<ProfilesView>()(z.object({ id })),
  /** Without a path the desktop app asks where; the web host needs one. null: the person cancelled. */
  'profiles.exportFile': call<ExportResult | null>()(z.object({ path: filePath.optional() })),
  'profiles.importFile': call<ProfilesView | null>()(z.object({ path: filePath.optional() })),

  /** The only way a secret travels: inwards, once, from the person typing it. */
  'secrets.setClientSecret': call<ProfileView>()(
    z.object({ profileId: id, secret: z.string().min(1).max(1000), storage: z.enum(['keychain', 'session']) }),
  ),
  'secrets.clear': call<ProfileView>()(z.object({ profileId: id })),

  'kibo.impersonate': call<ImpersonationView>()(
    z.object({
      profileId: id,
      operationId,
      target: impersonationTargetSchema,
      responseFields,
      confirmProduction: z.boolean().optional(),
    }),
  ),
  'kibo.refreshTicket': call<TicketView>()(z.object({ profileId: id, operationId })),
  'kibo.searchAccounts': call<AccountPage>()(
    z.object({
      profileId: id,
      operationId,
      q: z.string().max(500).optional(),
      filter: z.string().max(2000).optional(),
      sortBy: z.string().max(200).optional(),
      startIndex: z.number().int().min(0),
      pageSize: z.number().int().min(1).max(200),
      responseFields,
    }),
  ),
  'kibo.getAccount': call<CustomerAccount>()(
    z.object({ profileId: id, operationId, accountId: z.number().int().positive(), responseFields }),
  ),

  'ops.cancel': call<{ cancelled: boolean }>()(z.object({ operationId: z.string().min(1).max(64) })),

  'exports.accounts': call<ExportResult | null>()(
    z.object({
      profileId: id,
      operationId,
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('account'), accountId: z.number().int().positive() }),
        z.object({
          kind: z.literal('search'),
          q: z.string().max(500).optional(),
          filter: z.string().max(2000).optional(),
          sortBy: z.string().max(200).optional(),
        }),
        z.object({ kind: z.literal('all') }),
      ]),
      format: z.enum(['json', 'jsonl', 'csv']),
      columns: z.array(z.string().min(1).max(200)).max(200).optional(),
      redact: z.boolean(),
      path: filePath.optional(),
    }),
  ),

  'datasets.open': call<DatasetSummary | null>()(z.object({ path: filePath.optional(), operationId })),
  'datasets.query': call<DatasetPage>()(
    z.object({
      datasetId: id,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      sort: datasetSortSchema.optional(),
      search: z.string().max(500).optional(),
      filter: z.string().max(2000).optional(),
    }),
  ),
  'datasets.account': call<CustomerAccount>()(z.object({ datasetId: id, index: z.number().int().min(0) })),
  'datasets.close': call<{ closed: boolean }>()(z.object({ datasetId: id })),

  'compare.accounts': call<DiffChange[]>()(z.object({ left: accountSourceSchema, right: accountSourceSchema })),
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = Calls[K]['output']
export const callNames = Object.keys(calls) as CallName[]

// ---- events: main → renderer ----

export interface Events {
  /** A long operation moved on. `total` is null while unknown. */
  progress: { operationId: string; phase: string; done: number; total: number | null; ratePerSecond: number | null; etaSeconds: number | null }
  /** The profile list changed outside the renderer's own call (import, another window). */
  'profiles.changed': Record<string, never>
  /** The OS asked the app to open a file (command line, second instance, dock). */
  'file.open': { path: string }
}
export type EventName = keyof Events
export const eventNames: EventName[] = ['progress', 'profiles.changed', 'file.open']

/** What the renderer holds: one typed function per call, never throwing, plus event subscription. */
export interface Bridge {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void
}

export type { AppError, Result }
