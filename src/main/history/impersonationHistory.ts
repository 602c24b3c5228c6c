// Each profile's recent impersonations: whom (id, name), how (account, cart or user id), when,
// and the account as Kibo answered it then, so "compare now with then" needs no file. Kept in
// the settings folder beside profiles.json, bounded in count and size. Never a token: the
// snapshot goes through the export redaction, which drops every secret and masks personal data
// (names, emails, addresses, phones, notes) with a key kept in this file, so the live account
// masked with the same key compares equal where nothing changed.
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import { accountNameOrLogin } from '../../shared/accountName'
import type { HistoryEntryView } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { CustomerAccount } from '../../shared/kibo'
import type { ImpersonationTarget } from '../../shared/profile'
import { createRedactor, type Redactor } from '../exports/redaction'
import { withoutSecrets } from '../exports/secrets'
import type { BackingStore } from '../profiles'

/** Entries kept per profile, newest first. */
export const MAX_ENTRIES_PER_PROFILE = 20
/** Entries kept in all (profiles come and go). */
export const MAX_ENTRIES = 200
/** A snapshot larger than this (as JSON) is not kept; the entry still is. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024

const entrySchema = z.object({
  id: z.string().min(1).max(64),
  profileId: z.string().min(1).max(64),
  accountId: z.number().int().nullable(),
  name: z.string().max(300).nullable(),
  how: z.enum(['accountId', 'cartId', 'userId']),
  target: z.string().max(300),
  at: z.string().max(40),
  snapshot: z.record(z.string(), z.unknown()).nullable(),
  snapshotNote: z.string().max(300).nullable(),
})
type Entry = z.infer<typeof entrySchema>

const fileSchema = z.object({
  version: z.literal(1),
  /** The masking key (base64): masks are stable across entries and runs, so they compare. */
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  entries: z.array(z.unknown()),
})

function nameOf(account: CustomerAccount | null): string | null {
  if (!account) return null
  return accountNameOrLogin(account).slice(0, 300) || null
}

function howOf(target: ImpersonationTarget): { how: Entry['how']; target: string } {
  if (target.accountId !== undefined) return { how: 'accountId', target: String(target.accountId) }
  if (target.cartId) return { how: 'cartId', target: target.cartId.slice(0, 300) }
  return { how: 'userId', target: (target.userId ?? '').slice(0, 300) }
}

const view = (entry: Entry): HistoryEntryView => ({
  id: entry.id,
  profileId: entry.profileId,
  accountId: entry.accountId,
  name: entry.name,
  how: entry.how,
  target: entry.target,
  at: entry.at,
  hasSnapshot: entry.snapshot !== null,
  snapshotNote: entry.snapshotNote,
})

export class ImpersonationHistory {
  readonly #store: BackingStore
  readonly #now: () => Date
  #entries: Entry[]
  #key: string
  #redactor: Redactor

  constructor(store: BackingStore, options: { now?: () => Date } = {}) {
    this.#store = store
    this.#now = options.now ?? (() => new Date())
    const parsed = fileSchema.safeParse(store.store)
    // A file that does not parse is read as empty history; entries that do not parse are dropped.
    this.#key = parsed.success ? parsed.data.key : randomBytes(32).toString('base64')
    this.#entries = parsed.success
      ? parsed.data.entries.flatMap((raw) => {
          const entry = entrySchema.safeParse(raw)
          return entry.success ? [entry.data] : []
        })
      : []
    this.#redactor = createRedactor(Buffer.from(this.#key, 'base64'))
  }

  /** Records an impersonation; the account is what Kibo answered (null when it sent none). */
  record(profileId: string, target: ImpersonationTarget, account: CustomerAccount | null, responseFields: string | null): HistoryEntryView {
    let snapshot: Record<string, unknown> | null = null
    let snapshotNote: string | null = null
    if (responseFields) snapshotNote = 'Narrowed by responseFields, so not kept: impersonate without it to keep a snapshot.'
    else if (!account) snapshotNote = 'Kibo’s answer held no account.'
    else {
      const masked = this.mask(account) as unknown as Record<string, unknown>
      if (JSON.stringify(masked).length > MAX_SNAPSHOT_BYTES) snapshotNote = 'The account is too large to keep a snapshot of.'
      else snapshot = masked
    }
    const entry: Entry = {
      id: randomUUID(),
      profileId,
      accountId: account?.id ?? target.accountId ?? null,
      name: nameOf(account),
      ...howOf(target),
      at: this.#now().toISOString(),
      snapshot,
      snapshotNote,
    }
    const mine = [entry, ...this.#entries.filter((e) => e.profileId === profileId)].slice(0, MAX_ENTRIES_PER_PROFILE)
    const others = this.#entries.filter((e) => e.profileId !== profileId)
    this.#entries = [...mine, ...others].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_ENTRIES)
    this.#save()
    return view(entry)
  }

  list(profileId: string): HistoryEntryView[] {
    return this.#entries.filter((e) => e.profileId === profileId).map(view)
  }

  clear(profileId: string): void {
    this.#entries = this.#entries.filter((e) => e.profileId !== profileId)
    this.#save()
  }

  /** The account as it was at that entry, masked; fails when there is none. */
  snapshot(profileId: string, entryId: string): CustomerAccount {
    const entry = this.#entries.find((e) => e.id === entryId && e.profileId === profileId)
    if (!entry) fail('not-found', 'That history entry is gone.', { hint: 'Choose another entry of this profile’s history.' })
    if (!entry.snapshot) fail('not-found', entry.snapshotNote ?? 'That history entry kept no snapshot of the account.')
    return structuredClone(entry.snapshot) as CustomerAccount
  }

  /** An account masked as the snapshots are, secrets dropped: so the two compare field by field. */
  mask(account: CustomerAccount): CustomerAccount {
    return this.#redactor.redact(withoutSecrets(account))
  }

  #save(): void {
    try {
      this.#store.store = { version: 1, key: this.#key, entries: this.#entries }
    } catch (error) {
      fail('file', `The impersonation history could not be saved (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, {
        hint: 'Check that the app’s settings folder is writable.',
      })
    }
  }
}
