// The renderer's shared state: profiles, the active one, what is on screen and what is running.
// Components read it and call its actions; every call goes through the bridge and every failure
// lands in `error` as a value to show, never as an exception.
import type {
  AccountPage,
  AppInfo,
  Bridge,
  CallInput,
  CallName,
  CallOutput,
  Events,
  ImpersonationView,
  ProfilesView,
  ProfileView,
  TicketView,
} from '../../../shared/contract'
import { accountTitle } from '../../../shared/accountName'
import type { AppError } from '../../../shared/errors'
import type { CustomerAccount } from '../../../shared/kibo'
import type { ImpersonationTarget } from '../../../shared/profile'
import { accountFieldsProblem, errorBelongs, errorScopeOf, successClears, ticketRequestFields, type ErrorScope } from './subject'

export type Progress = Events['progress']

/** What the inspector views show: a live impersonation, a live account, or one from a file. */
export interface Shown {
  source: 'impersonation' | 'account' | 'file'
  /** The profile it came from, so a switch never shows one tenant's data under another. */
  profileId: string | null
  account: CustomerAccount | null
  /** The whole answer, as Kibo sent it (tokens already removed by main). */
  raw: unknown
  /** The responseFields text that produced it, relative to `raw`. */
  responseFields: string | null
  /** Where responseFields applies from: the ticket ('customerAccount(...)') or the account itself. */
  fieldsRoot: 'ticket' | 'account'
  label: string
  correlationId: string | null
  elapsedMs: number | null
  /** When it was read (ms since the epoch), shown in the subject header. */
  readAt: number
  /** For a file: its name. */
  fileName?: string
  /** For a customer bundle opened from a file: where its sections are read from. */
  bundle?: { datasetId: string; index: number } | null
}

let nextOperation = 1
const newOperationId = () => `op-${Date.now().toString(36)}-${nextOperation++}`

export class Session {
  readonly bridge: Bridge
  info = $state<AppInfo | null>(null)
  profiles = $state.raw<ProfilesView | null>(null)
  #error = $state<AppError | null>(null)
  /** What produced the error on screen: it leaves when that context changes or next succeeds. */
  errorScope = $state<ErrorScope>('app')
  /** The scope an error set from outside (a view assigning `error`) belongs to; the shell keeps it current. */
  contextScope: ErrorScope = 'app'
  /** When the last foreground request failed under data already on screen: that data is stale. */
  staleSince = $state<number | null>(null)
  /** When the search page on screen was read. */
  searchReadAt = $state<number | null>(null)
  /** When the last search failed under a page already on screen. */
  searchStaleSince = $state<number | null>(null)
  notice = $state<string | null>(null)
  shown = $state.raw<Shown | null>(null)
  ticket = $state.raw<TicketView | null>(null)
  /** Operations in flight, by id, with their latest progress. */
  running = $state<Record<string, { label: string; progress: Progress | null }>>({})
  lastImpersonation = $state<{ profileId: string; target: ImpersonationTarget; responseFields: string } | null>(null)
  searchPage = $state.raw<AccountPage | null>(null)
  /** The one live request in the foreground (impersonate, refresh, search, open an account), if any. */
  foregroundId = $state<string | null>(null)

  get error(): AppError | null {
    return this.#error
  }
  set error(error: AppError | null) {
    this.setError(error, this.contextScope)
  }
  setError(error: AppError | null, scope: ErrorScope) {
    this.#error = error
    this.errorScope = scope
  }

  active = $derived<ProfileView | null>(this.profiles?.profiles.find((p) => p.id === this.profiles?.activeId) ?? null)

  constructor(bridge: Bridge) {
    this.bridge = bridge
    bridge.on('progress', (progress) => {
      const entry = this.running[progress.operationId]
      if (entry) this.running[progress.operationId] = { ...entry, progress }
    })
    bridge.on('profiles.changed', () => void this.loadProfiles())
  }

  /** Calls main; on failure records the error and returns null. */
  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K> | null> {
    const scope = errorScopeOf(name, this.profiles?.activeId ?? null)
    const result = await this.bridge.call(name, input)
    if (result.ok) {
      if (this.#error && this.errorScope === scope && successClears(name)) this.#error = null
      return result.value
    }
    if (result.error.kind !== 'cancelled') this.setError(result.error, scope)
    return null
  }

  /** Runs a cancellable call, tracked in `running` under a fresh operation id. */
  async track<K extends CallName>(label: string, name: K, input: (operationId: string) => CallInput<K>) {
    const operationId = newOperationId()
    this.running[operationId] = { label, progress: null }
    try {
      return await this.call(name, input(operationId))
    } finally {
      delete this.running[operationId]
    }
  }

  cancel(operationId: string) {
    void this.bridge.call('ops.cancel', { operationId })
    delete this.running[operationId]
    if (this.foregroundId === operationId) this.foregroundId = null
  }

  async start() {
    this.info = await this.call('app.info', {})
    await this.loadProfiles()
  }

  async loadProfiles() {
    const profiles = await this.call('profiles.list', {})
    if (profiles) this.setProfiles(profiles)
  }

  setProfiles(view: ProfilesView) {
    this.profiles = view
    const active = view.profiles.find((p) => p.id === view.activeId)
    // Whatever came from another profile leaves the screen.
    if (this.shown && this.shown.profileId !== null && this.shown.profileId !== view.activeId) this.clearShown()
    // So does an error of the profile switched away from.
    if (this.#error && !errorBelongs(this.errorScope, view.activeId)) this.#error = null
    this.ticket = active?.ticket ?? null
  }

  updateProfile(profile: ProfileView) {
    if (!this.profiles) return
    const index = this.profiles.profiles.findIndex((p) => p.id === profile.id)
    const list = [...this.profiles.profiles]
    if (index >= 0) list[index] = profile
    else list.push(profile)
    this.profiles = { ...this.profiles, profiles: list }
  }

  clearShown() {
    this.shown = null
    this.ticket = null
    this.searchPage = null
    this.staleSince = null
    this.searchReadAt = null
    this.searchStaleSince = null
  }

  async activate(id: string) {
    if (this.profiles?.activeId === id) return
    // The request in the foreground belongs to the old tenant; main cancels the rest of that
    // profile's work (exports) itself. Files being opened belong to no profile and go on.
    if (this.foregroundId) this.cancel(this.foregroundId)
    const view = await this.call('profiles.activate', { id })
    if (view) {
      this.setProfiles(view)
      this.notice = `Switched to ${view.profiles.find((p) => p.id === id)?.name ?? 'profile'}.`
    }
  }

  /** Asks the person to confirm acting on production (main's message names the tenant); set by the shell. */
  confirmProduction: (message: string) => Promise<boolean> = async () => false

  /** Every impersonation goes through here, so each one on production asks first, re-runs included. */
  async impersonate(target: ImpersonationTarget, responseFields: string, confirmed = false): Promise<'done' | 'failed'> {
    const profile = this.active
    if (!profile) return 'failed'
    // An expression known to be invalid is never sent; the form shows why, where.
    const problem = accountFieldsProblem(responseFields)
    if (problem) {
      this.notice = `Not sent: responseFields has a problem at character ${problem.position + 1} (${problem.message}).`
      return 'failed'
    }
    this.error = null
    const operationId = this.#begin('Impersonating…')
    const result = await this.bridge.call('kibo.impersonate', {
      profileId: profile.id,
      target,
      // Written against the account, as on every form; the app adds what it needs itself.
      responseFields: ticketRequestFields(responseFields),
      confirmProduction: confirmed,
      operationId,
    })
    if (!this.#end(operationId)) return 'failed'
    if (!result.ok) {
      if (result.error.kind === 'confirmation-required' && !confirmed) {
        if (!(await this.confirmProduction(result.error.message)) || this.profiles?.activeId !== profile.id) return 'failed'
        return this.impersonate(target, responseFields, true)
      }
      if (result.error.kind !== 'cancelled') {
        this.setError(result.error, `profile:${profile.id}`)
        this.#markStale(profile.id)
      }
      return 'failed'
    }
    if (this.profiles?.activeId !== profile.id) return 'failed'
    this.showImpersonation(result.value)
    this.lastImpersonation = { profileId: profile.id, target, responseFields }
    return 'done'
  }

  showImpersonation(view: ImpersonationView) {
    const account = view.account
    this.shown = {
      source: 'impersonation',
      profileId: view.profileId,
      account,
      raw: {
        ...(account !== null ? { customerAccount: account } : {}),
        userId: view.ticket.userId,
        accessTokenExpiration: view.ticket.accessTokenExpiration,
        refreshTokenExpiration: view.ticket.refreshTokenExpiration,
      },
      responseFields: view.responseFields,
      fieldsRoot: 'ticket',
      label: accountLabel(account),
      correlationId: view.correlationId,
      elapsedMs: view.elapsedMs,
      readAt: Date.now(),
    }
    this.staleSince = null
    this.ticket = view.ticket
  }

  async refreshTicket() {
    const profile = this.active
    if (!profile) return
    const operationId = this.#begin('Refreshing the ticket…')
    const ticket = await this.call('kibo.refreshTicket', { profileId: profile.id, operationId })
    if (!this.#end(operationId)) return
    if (!ticket) this.#markStale(profile.id)
    if (ticket && this.profiles?.activeId === profile.id) {
      this.ticket = ticket
      this.notice = 'Ticket refreshed.'
    }
  }

  async search(params: { q?: string; filter?: string; sortBy?: string; startIndex: number; pageSize: number }) {
    const profile = this.active
    if (!profile) return
    this.error = null
    const operationId = this.#begin('Searching accounts…')
    const page = await this.call('kibo.searchAccounts', { profileId: profile.id, ...params, operationId })
    if (!this.#end(operationId)) return
    if (page && this.profiles?.activeId === profile.id) {
      this.searchPage = page
      this.searchReadAt = Date.now()
      this.searchStaleSince = null
    } else if (!page && this.searchPage) this.searchStaleSince = Date.now()
  }

  async openAccount(accountId: number, responseFields: string) {
    const profile = this.active
    if (!profile) return
    this.error = null
    const operationId = this.#begin('Loading the account…')
    const account = await this.call('kibo.getAccount', { profileId: profile.id, accountId, responseFields, operationId })
    if (!this.#end(operationId)) return
    if (!account) this.#markStale(profile.id)
    if (!account || this.profiles?.activeId !== profile.id) return
    this.staleSince = null
    this.shown = {
      source: 'account',
      profileId: profile.id,
      account,
      raw: account,
      responseFields: responseFields.trim() || null,
      fieldsRoot: 'account',
      label: accountLabel(account),
      correlationId: null,
      elapsedMs: null,
      readAt: Date.now(),
    }
  }

  showFileAccount(account: CustomerAccount, label: string, fileName?: string, bundle?: { datasetId: string; index: number }) {
    this.staleSince = null
    this.shown = {
      source: 'file',
      profileId: null,
      account,
      raw: account,
      responseFields: null,
      fieldsRoot: 'account',
      label,
      correlationId: null,
      elapsedMs: null,
      readAt: Date.now(),
      ...(fileName !== undefined ? { fileName } : {}),
      ...(bundle ? { bundle } : {}),
    }
  }

  /** A request of this profile failed: what is on screen from it was read before and is now stale. */
  #markStale(profileId: string) {
    if (this.shown && this.shown.profileId === profileId && this.shown.source !== 'file') this.staleSince = Date.now()
  }

  #begin(label: string): string {
    if (this.foregroundId) this.cancel(this.foregroundId)
    const id = newOperationId()
    this.foregroundId = id
    this.running[id] = { label, progress: null }
    return id
  }
  /** Ends an operation; false when another one replaced it meanwhile (its answer is stale). */
  #end(id: string): boolean {
    delete this.running[id]
    if (this.foregroundId !== id) return false
    this.foregroundId = null
    return true
  }
}

export function accountLabel(account: CustomerAccount | null | undefined): string {
  if (!account) return 'No account in the answer'
  return accountTitle(account)
}
