// Every Kibo call of the session, per profile: fed by the Kibo client's events (already redacted
// there), bounded, and listed newest first. Holds no token, no secret and no response body.
import type { RequestLogEntry, RequestLogNote, RequestLogPage, RequestLogQuery } from '../../shared/requestLog'
import { curlCommand, urlWithQuery, type KiboEvent } from '../kibo'

export const REQUEST_LOG_CAPACITY = 500
const NOTE_CAPACITY = 20
const PROFILE_CAPACITY = 50

interface ProfileLog {
  entries: RequestLogEntry[]
  notes: RequestLogNote[]
}

export class RequestLog {
  readonly #logs = new Map<string, ProfileLog>()

  constructor(readonly capacity: number = REQUEST_LOG_CAPACITY) {}

  /** The Kibo client's onEvent for one profile. */
  observer(profileId: string): (event: KiboEvent) => void {
    return (event) => this.observe(profileId, event)
  }

  observe(profileId: string, event: KiboEvent): void {
    if (event.type === 'exchange') {
      const x = event.exchange
      this.#push(profileId, 'entries', this.capacity, {
        id: x.id,
        profileId,
        time: new Date(x.startedAt).toISOString(),
        action: x.action,
        attempt: x.attempt,
        method: x.method,
        url: urlWithQuery(x.url, x.query),
        status: x.status,
        problem: x.problem,
        durationMs: Math.round(x.durationMs),
        responseBytes: x.responseBytes,
        correlationId: x.correlationId,
        requestHeaders: x.requestHeaders,
        responseHeaders: x.responseHeaders,
        requestBody: x.requestBody,
        curl: curlCommand(x),
      })
    } else if (event.type === 'warning') {
      this.#push(profileId, 'notes', NOTE_CAPACITY, { time: new Date().toISOString(), message: event.message })
    }
  }

  list(query: RequestLogQuery): RequestLogPage {
    const log = this.#logs.get(query.profileId)
    const all = log?.entries ?? []
    const needle = query.text?.trim().toLowerCase() ?? ''
    const entries = all.filter((e) => {
      if (query.failuresOnly && !(e.status === null || e.status >= 400)) return false
      if (!needle) return true
      const haystack = `${e.id} ${e.method} ${e.url} ${e.action} ${e.status ?? e.problem ?? ''} ${e.correlationId ?? ''}`.toLowerCase()
      return haystack.includes(needle)
    })
    return { entries: entries.reverse(), total: all.length, capacity: this.capacity, notes: [...(log?.notes ?? [])].reverse() }
  }

  clear(profileId: string): number {
    const log = this.#logs.get(profileId)
    const cleared = log?.entries.length ?? 0
    this.#logs.delete(profileId)
    return cleared
  }

  #push<K extends keyof ProfileLog>(profileId: string, key: K, capacity: number, item: ProfileLog[K][number]): void {
    let log = this.#logs.get(profileId)
    if (!log) {
      log = { entries: [], notes: [] }
      this.#logs.set(profileId, log)
      // Profiles deleted long ago are forgotten with the oldest log.
      if (this.#logs.size > PROFILE_CAPACITY) this.#logs.delete(this.#logs.keys().next().value as string)
    }
    const list = log[key] as ProfileLog[K][number][]
    list.push(item)
    if (list.length > capacity) list.splice(0, list.length - capacity)
  }
}
