// The contract between renderer and main: every call (name, input schema, output type) and every
// event. Both transports (Electron IPC and the loopback HTTP host), the preload and the renderer
// are built from this one declaration, so a renamed call is a compile error, not a silent hang.
import { z } from 'zod'
import type { AppError, Result } from './errors'
import type { CustomerAccount } from './kibo'
import { callNames as channelCallNames, eventNames as channelEventNames } from './channels'
import { impersonationTargetSchema, profileInputSchema, type Profile } from './profile'
import { settingsSchema, type Settings } from './settings'
import { requestLogQuerySchema, type RequestLogPage } from './requestLog'
import { sectionQuerySchema, type SectionView } from './customer360'
import type { BundleComparison } from './bundleCompare'

/** Ties an output type to a call's input schema. Main produces the output, so it needs no runtime schema. */
function call<O>() {
  return <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O })
}

const id = z.string().min(1).max(64)
const operationId = z.string().min(1).max(64).optional()
const responseFields = z.string().max(4000).optional()
const filePath = z.string().min(1).max(4096)
/** An opaque capability main issued for one file the person chose; the renderer never names a path. */
const fileHandle = z.string().min(1).max(64)
/** What a chosen file holds: sets the dialog's filters and default name. */
const fileKind = z.enum(['accounts', 'profiles'])

// ---- views: what the renderer sees. Already redacted: no token, no secret. ----

export interface AppInfo {
  name: string
  version: string
  host: 'electron' | 'web'
  platform: string
  keychain: 'available' | 'unavailable'
  keychainProblem?: string
  /** Browser host only: the folder typed save names go in (chosen with --export-folder). */
  exportFolder?: string
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
  /** The customer account this ticket impersonates, when known: views show it only beside that account. */
  accountId?: number | null
}

/** Where a profile's client secret is. 'built-in': the demo tenant's, which ships with the app. */
export type SecretStatus = 'keychain' | 'session' | 'missing' | 'built-in'

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
  /** What went wrong reading the saved profiles (a file moved aside, say), for a person. */
  problems: string[]
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
  status: 'written'
  /** The full destination, for the person to see; not something the renderer can write to. */
  path: string
  count: number
  bytes: number
  /** Accounts only: whether personal data was masked. */
  redacted?: boolean
}

/** A write that would replace a file: the renderer asks the person, then retries with replace: true. */
export interface FileExistsAnswer {
  status: 'exists'
  path: string
  name: string
}

/** A file the person chose to read: the handle to use, and a name to show. */
export interface FileChoice {
  handle: string
  name: string
}

/** Where the person chose to write: the handle to use, and the full path to show. */
export interface SaveChoice extends FileChoice {
  path: string
}

export interface RecentFile extends FileChoice {
  openedAt: string
}

export interface DatasetSummary {
  id: string
  name: string
  /** Main's own record of where the file is; never sent to the renderer (see DatasetView). */
  path: string
  /** What the file was recognised as. */
  shape: 'array' | 'jsonl' | 'collection' | 'account' | 'ticket'
  count: number
  bytes: number
  warnings: string[]
  /** Accounts whose fields have the wrong type (a bounded list; a warning gives the full count). */
  problems?: AccountProblem[]
  /** How many of the accounts are customer bundles, whose sections the customer views read from the file. */
  bundles?: number
}

/** One account of an opened file with fields of the wrong type. Names fields and types, never values. */
export interface AccountProblem {
  /** Position in the file, from 0. */
  index: number
  /** The account's id, when it is a whole number. */
  id: number | null
  fields: Array<{ field: string; expected: string; found: string }>
}

/** A dataset as the renderer sees it: its name, never where it is. */
export type DatasetView = Omit<DatasetSummary, 'path'>

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
  z.strictObject({ kind: z.literal('dataset'), datasetId: id, index: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('live'), profileId: id, accountId: z.number().int().positive() }),
  /** The account as it was when a history entry was recorded (personal data masked). */
  z.strictObject({ kind: z.literal('history'), profileId: id, entryId: id }),
])

/** One impersonation of a profile's recent history. No token; the snapshot itself stays in main. */
export interface HistoryEntryView {
  id: string
  profileId: string
  accountId: number | null
  /** The customer's name as Kibo answered it, or null. */
  name: string | null
  /** How the customer was impersonated, and by what value. */
  how: 'accountId' | 'cartId' | 'userId'
  target: string
  /** When (ISO). */
  at: string
  /** Whether the account as it was then is kept, for "compare now with then". */
  hasSnapshot: boolean
  /** Why there is no snapshot, for a person. */
  snapshotNote: string | null
}

/** What one application token and a one-row read of the accounts said. No token. */
export interface ConnectionTestView {
  /** e.g. "t12345-s678 · sandbox · US". */
  endpoint: string
  apiUrl: string
  authUrl: string
  tenant: string | null
  site: string | null
  status: number
  correlationId: string | null
  elapsedMs: number
  /** How many accounts Kibo says the tenant has. */
  totalCount: number
}

export const datasetSortSchema = z.strictObject({
  field: z.enum(['index', 'id', 'name', 'emailAddress', 'userName', 'orderCount', 'totalOrderAmount', 'isActive', 'updateDate']),
  direction: z.enum(['asc', 'desc']),
})

export const calls = {
  'app.info': call<AppInfo>()(z.strictObject({})),
  'settings.get': call<Settings>()(z.strictObject({})),
  'settings.save': call<Settings>()(z.strictObject({ settings: settingsSchema })),

  'profiles.list': call<ProfilesView>()(z.strictObject({})),
  'profiles.save': call<ProfileView>()(z.strictObject({ profile: profileInputSchema })),
  'profiles.duplicate': call<ProfileView>()(z.strictObject({ id })),
  'profiles.remove': call<ProfilesView>()(z.strictObject({ id })),
  'profiles.reorder': call<ProfilesView>()(z.strictObject({ ids: z.array(id).max(1000) })),
  'profiles.activate': call<ProfilesView>()(z.strictObject({ id })),
  /** To a file chosen with files.chooseSave or files.grantTypedPath; 'exists' until replace is confirmed. */
  'profiles.exportFile': call<ExportResult | FileExistsAnswer>()(z.strictObject({ handle: fileHandle, replace: z.boolean().optional() })),
  'profiles.importFile': call<ProfilesView>()(z.strictObject({ handle: fileHandle })),

  // ---- file access by capability: main issues handles for files the person chose ----
  /** Desktop: main's open dialog. null: the person cancelled. The browser host refuses (no dialogs). */
  'files.chooseOpen': call<FileChoice | null>()(z.strictObject({ kind: fileKind })),
  /** Desktop: main's save dialog, which asks before replacing. null: cancelled. */
  'files.chooseSave': call<SaveChoice | null>()(
    z.strictObject({ kind: fileKind, format: z.enum(['json', 'jsonl', 'csv']).optional(), profileId: id.optional() }),
  ),
  /** Browser host only, checked and logged by main: a typed path to read, or a file name to save in the export folder. */
  'files.grantTypedPath': call<SaveChoice>()(z.strictObject({ path: filePath, purpose: z.enum(['open', 'save']) })),
  /** The files opened lately, newest first, each with a fresh handle. */
  'files.recent': call<RecentFile[]>()(z.strictObject({})),

  /** The only way a secret travels: inwards, once, from the person typing it. */
  'secrets.setClientSecret': call<ProfileView>()(
    z.strictObject({ profileId: id, secret: z.string().min(1).max(1000), storage: z.enum(['keychain', 'session']) }),
  ),
  'secrets.clear': call<ProfileView>()(z.strictObject({ profileId: id })),

  'kibo.impersonate': call<ImpersonationView>()(
    z.strictObject({
      profileId: id,
      operationId,
      target: impersonationTargetSchema,
      responseFields,
      confirmProduction: z.boolean().optional(),
    }),
  ),
  'kibo.refreshTicket': call<TicketView>()(z.strictObject({ profileId: id, operationId })),
  'kibo.searchAccounts': call<AccountPage>()(
    z.strictObject({
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
    z.strictObject({ profileId: id, operationId, accountId: z.number().int().positive(), responseFields }),
  ),

  /**
   * One section of the customer's 360 (audit log, cards, cart, orders…), live from a profile or from
   * an opened customer bundle; cancellable by operationId like every Kibo call.
   */
  'customer.section': call<SectionView>()(sectionQuerySchema),

  'ops.cancel': call<{ cancelled: boolean }>()(z.strictObject({ operationId: z.string().min(1).max(64) })),

  /** The profile's Kibo calls this session, newest first, with every secret replaced (see requestLog.ts). */
  'log.requests': call<RequestLogPage>()(requestLogQuerySchema),
  'log.clear': call<{ cleared: number }>()(z.strictObject({ profileId: id })),

  /** To a file chosen with files.chooseSave or files.grantTypedPath; 'exists' until replace is confirmed. */
  'exports.accounts': call<ExportResult | FileExistsAnswer>()(
    z.strictObject({
      profileId: id,
      operationId,
      scope: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('account'), accountId: z.number().int().positive() }),
        z.strictObject({
          kind: z.literal('search'),
          q: z.string().max(500).optional(),
          filter: z.string().max(2000).optional(),
          sortBy: z.string().max(200).optional(),
        }),
        z.strictObject({ kind: z.literal('all') }),
      ]),
      format: z.enum(['json', 'jsonl', 'csv']),
      columns: z.array(z.string().min(1).max(200)).max(200).optional(),
      redact: z.boolean(),
      handle: fileHandle,
      /** The person confirmed replacing the existing file. */
      replace: z.boolean().optional(),
    }),
  ),

  /**
   * Customer bundles: the account and every section of the 360 the profile can read, one customer
   * as one JSON document or many as JSON Lines; 'exists' until replace is confirmed.
   */
  'bundles.export': call<ExportResult | FileExistsAnswer>()(
    z.strictObject({
      profileId: id,
      operationId,
      scope: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('account'), accountId: z.number().int().positive() }),
        z.strictObject({
          kind: z.literal('search'),
          q: z.string().max(500).optional(),
          filter: z.string().max(2000).optional(),
          sortBy: z.string().max(200).optional(),
        }),
        z.strictObject({ kind: z.literal('all') }),
      ]),
      redact: z.boolean(),
      handle: fileHandle,
      replace: z.boolean().optional(),
    }),
  ),

  'datasets.open': call<DatasetView>()(z.strictObject({ handle: fileHandle, operationId })),
  'datasets.query': call<DatasetPage>()(
    z.strictObject({
      datasetId: id,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      sort: datasetSortSchema.optional(),
      search: z.string().max(500).optional(),
      filter: z.string().max(2000).optional(),
      /** Progress and Cancel for a filter that reads a large file through (fields outside the list's columns). */
      operationId,
    }),
  ),
  'datasets.account': call<CustomerAccount>()(z.strictObject({ datasetId: id, index: z.number().int().min(0) })),
  'datasets.close': call<{ closed: boolean }>()(z.strictObject({ datasetId: id })),

  'compare.accounts': call<DiffChange[]>()(z.strictObject({ left: accountSourceSchema, right: accountSourceSchema })),
  /** Two customer bundles opened from files (two files, or two customers of one), section by section. */
  'compare.bundles': call<BundleComparison>()(
    z.strictObject({
      left: z.strictObject({ datasetId: id, index: z.number().int().min(0) }),
      right: z.strictObject({ datasetId: id, index: z.number().int().min(0) }),
    }),
  ),

  /** A profile's recent impersonations, newest first. */
  'history.list': call<HistoryEntryView[]>()(z.strictObject({ profileId: id })),
  'history.clear': call<HistoryEntryView[]>()(z.strictObject({ profileId: id })),

  /**
   * An application token and one one-row read (GET /commerce/customer/accounts?pageSize=1), for a
   * saved profile or the editor's unsaved values. `secret`: one typed in the editor, not yet saved;
   * without it the saved profile's secret is used.
   */
  'profiles.testConnection': call<ConnectionTestView>()(
    z.strictObject({
      profileId: id.optional(),
      profile: profileInputSchema.optional(),
      secret: z.string().min(1).max(1000).optional(),
      operationId,
    }),
  ),
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = Calls[K]['output']
export const callNames: readonly CallName[] = channelCallNames

// Compile-time proof that channels.ts names exactly the calls declared here, no more, no less.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const callListMatches: Same<CallName, (typeof channelCallNames)[number]> = true
const eventListMatches: Same<EventName, (typeof channelEventNames)[number]> = true
void callListMatches
void eventListMatches

// ---- events: main → renderer ----

export interface Events {
  /** A long operation moved on. `total` is null while unknown. */
  progress: {
    operationId: string
    phase: string
    done: number
    total: number | null
    ratePerSecond: number | null
    etaSeconds: number | null
  }
  /** The profile list changed outside the renderer's own call (import, another window). */
  'profiles.changed': Record<string, never>
  /** The OS asked the app to open a file (command line, second instance, drop): main already granted it. */
  'file.open': FileChoice
}
export type EventName = keyof Events
export const eventNames: readonly EventName[] = channelEventNames

/** What the preload exposes as `window.inspector`: one function per call, nothing generic. */
export interface PreloadApi {
  calls: { [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>> }
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void
}

/** What renderer code holds, whichever transport is underneath. Never throws. */
export interface Bridge {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void
}

export type { AppError, Result }
