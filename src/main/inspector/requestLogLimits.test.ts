// The request log's bounds and filters, fed directly: what counts as a failure, what the text
// filter searches, and which profiles and notes are forgotten first.
import { describe, expect, it } from 'vitest'
import type { KiboEvent } from '../kibo'
import { RequestLog } from './requestLog'

type Exchange = Extract<KiboEvent, { type: 'exchange' }>['exchange']

function exchange(id: string, extra: Partial<Exchange> = {}): KiboEvent {
  return {
    type: 'exchange',
    exchange: {
      id,
      action: 'Reading the account',
      attempt: 1,
      startedAt: Date.parse('2026-01-02T03:04:05.000Z'),
      durationMs: 12.6,
      method: 'GET',
      url: 'http://127.0.0.1/api/commerce/customer/accounts/7',
      query: { responseFields: 'id' },
      requestHeaders: {},
      requestBody: null,
      status: 200,
      problem: null,
      responseHeaders: {},
      responseBytes: 2,
      correlationId: null,
      ...extra,
    },
  }
}

describe('RequestLog', () => {
  it('records what a person needs from an exchange', () => {
    const log = new RequestLog()
    log.observer('p')(exchange('x1', { correlationId: 'corr-9' }))
    expect(log.list({ profileId: 'p' })).toMatchObject({
      total: 1,
      capacity: 500,
      entries: [
        {
          id: 'x1',
          profileId: 'p',
          time: '2026-01-02T03:04:05.000Z',
          url: 'http://127.0.0.1/api/commerce/customer/accounts/7?responseFields=id',
          durationMs: 13,
          correlationId: 'corr-9',
          curl: expect.stringContaining('curl'),
        },
      ],
    })
  })

  it('counts 4xx, 5xx and no answer at all as failures, and nothing below 400', () => {
    const log = new RequestLog()
    const statuses = [200, 399, 400, 404, 503, null]
    statuses.forEach((status, i) => log.observe('p', exchange(`x${i}`, { status, problem: status === null ? 'timeout' : null })))
    expect(log.list({ profileId: 'p', failuresOnly: true }).entries.map((e) => e.status)).toEqual([null, 503, 404, 400])
    expect(log.list({ profileId: 'p', failuresOnly: false }).entries).toHaveLength(6)
  })

  it('searches id, method, URL, action, status or problem and correlation id, ignoring case and blanks', () => {
    const log = new RequestLog()
    log.observe('p', exchange('first', { status: 418 }))
    log.observe('p', exchange('second', { method: 'POST', status: null, problem: 'connection-refused', correlationId: 'Corr-ABC' }))
    log.observe('p', exchange('third', { action: 'Refreshing the ticket', url: 'http://127.0.0.1/api/refresh' }))
    const ids = (text: string) => log.list({ profileId: 'p', text }).entries.map((e) => e.id)
    expect(ids('FIRST')).toEqual(['first'])
    expect(ids('post')).toEqual(['second'])
    expect(ids('418')).toEqual(['first'])
    expect(ids('refused')).toEqual(['second'])
    expect(ids('corr-abc')).toEqual(['second'])
    expect(ids('refreshing')).toEqual(['third'])
    expect(ids('/api/refresh')).toEqual(['third'])
    expect(ids('   ')).toEqual(['third', 'second', 'first'])
    expect(ids('nothing like this')).toEqual([])
    expect(log.list({ profileId: 'nobody' })).toEqual({ entries: [], total: 0, capacity: 500, notes: [] })
  })

  it('keeps the newest 20 notes, newest first, apart from the entries', () => {
    const log = new RequestLog()
    for (let i = 0; i < 25; i++) log.observe('p', { type: 'warning', action: 'Reading', message: `note ${i}` })
    const page = log.list({ profileId: 'p' })
    expect(page.entries).toEqual([])
    expect(page.notes.map((n) => n.message)).toEqual(Array.from({ length: 20 }, (_, i) => `note ${24 - i}`))
    expect(page.notes[0].time).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('keeps retries out of the notes: the entries show each attempt already', () => {
    const log = new RequestLog()
    log.observe('p', { type: 'retry', action: 'Reading', reason: 'server', attempt: 1, delayMs: 10 })
    expect(log.list({ profileId: 'p' })).toMatchObject({ entries: [], notes: [] })
  })

  it('forgets the profile logged first once more than 50 profiles have logs', () => {
    const log = new RequestLog()
    for (let i = 0; i < 50; i++) log.observe(`p${i}`, exchange(`x${i}`))
    expect(log.list({ profileId: 'p0' }).total).toBe(1)
    log.observe('p50', exchange('x50'))
    expect(log.list({ profileId: 'p0' }).total).toBe(0)
    expect(log.list({ profileId: 'p1' }).total).toBe(1)
    expect(log.list({ profileId: 'p50' }).total).toBe(1)
    // Logging again for a profile already kept forgets nobody.
    log.observe('p1', exchange('again'))
    expect(log.list({ profileId: 'p2' }).total).toBe(1)
    expect(log.clear('p1')).toBe(2)
    expect(log.clear('p1')).toBe(0)
  })

  it('holds exactly its capacity', () => {
    const log = new RequestLog(2)
    log.observe('p', exchange('a'))
    log.observe('p', exchange('b'))
    expect(log.list({ profileId: 'p' }).entries.map((e) => e.id)).toEqual(['b', 'a'])
    log.observe('p', exchange('c'))
    expect(log.list({ profileId: 'p' })).toMatchObject({ total: 2, capacity: 2 })
  })
})
