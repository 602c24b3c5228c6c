// The browser host closes what a page no longer shows: files a reloaded or closed page opened,
// and the calls it still had running. Over real HTTP, with a hand-driven clock.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { request, type ClientRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventHub } from './events'
import type { Dispatch } from './dispatch'
import { pageIdOf } from './pageSessions'
import { startWebHost, type WebHost } from './webHost'

const dir = mkdtempSync(join(tmpdir(), 'inspector-pages-'))
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>renderer</title>')

interface Harness {
  host: WebHost
  closed: string[]
  aborted: string[]
  started: number
  /** Runs the pending grace timers, as if the grace period had passed. */
  elapse(): void
  pending: number
}

let current: WebHost | null = null
afterEach(async () => {
  await current?.close()
  current = null
})

async function harness(): Promise<Harness> {
  const closed: string[] = []
  const aborted: string[] = []
  const timers = new Set<() => void>()
  let opened = 0
  let started = 0
  const dispatch: Dispatch = async (name, input, { signal }) => {
    if (name === 'datasets.open') return { ok: true, value: { id: `ds-${++opened}` } }
    if (name === 'datasets.close') {
      closed.push((input as { datasetId: string }).datasetId)
      return { ok: true, value: { closed: true } }
    }
    if (name === 'slow') {
      started++
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
      aborted.push(name)
      return { ok: false, error: { kind: 'cancelled', message: 'Cancelled.' } }
    }
    return { ok: true, value: null }
  }
  const host = await startWebHost({
    rendererDir: dir,
    events: createEventHub(),
    dispatch,
    schedule: (run) => {
      timers.add(run)
      return () => timers.delete(run)
    },
  })
  current = host
  return {
    host,
    closed,
    aborted,
    get started() {
      return started
    },
    get pending() {
      return timers.size
    },
    elapse() {
      const due = [...timers]
      timers.clear()
      for (const run of due) run()
    },
  }
}

function call(host: WebHost, name: string, body: unknown, page?: string): { done: Promise<unknown>; req: ClientRequest } {
  const url = new URL(host.origin)
  let req!: ClientRequest
  const done = new Promise<unknown>((resolve, reject) => {
    req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: `/api/call/${name}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inspector-key': host.key, ...(page ? { 'x-inspector-page': page } : {}) },
      },
      (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve(JSON.parse(text)))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
  return { done, req }
}

/** A page's event stream; resolves once the host has it. Destroy it to "reload" the page. */
function stream(host: WebHost, page: string): Promise<ClientRequest> {
  const url = new URL(host.origin)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path: '/api/events', headers: { 'x-inspector-key': host.key, 'x-inspector-page': page } },
      (res) => res.once('data', () => resolve(req)),
    )
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)))
    req.end()
  })
}

/** Until the host has seen the stream go (its grace timer is pending). */
const gone = (h: Harness) => vi.waitFor(() => expect(h.pending).toBe(1))
const pageA = 'page-aaaaaaaa'
const pageB = 'page-bbbbbbbb'

describe('page sessions in the browser host', () => {
  it('closes the files a page opened once its stream has been gone past the grace period', async () => {
    const h = await harness()
    const streamA = await stream(h.host, pageA)
    await call(h.host, 'datasets.open', { handle: 'x' }, pageA).done
    await call(h.host, 'datasets.open', { handle: 'y' }, pageA).done
    streamA.destroy() // the page reloads
    await gone(h)
    expect(h.closed).toEqual([]) // not yet: a stream may come back within the grace period
    h.elapse()
    await vi.waitFor(() => expect(h.closed.sort()).toEqual(['ds-1', 'ds-2']))
  })

  it('keeps them when the same page reconnects in time', async () => {
    const h = await harness()
    const first = await stream(h.host, pageA)
    await call(h.host, 'datasets.open', { handle: 'x' }, pageA).done
    first.destroy()
    await gone(h)
    await stream(h.host, pageA)
    expect(h.pending).toBe(0)
    h.elapse()
    await call(h.host, 'ping', {}, pageA).done
    expect(h.closed).toEqual([])
  })

  it('keeps files another page still has open, and forgets the ones a page closed itself', async () => {
    const h = await harness()
    const streamA = await stream(h.host, pageA)
    await stream(h.host, pageB)
    await call(h.host, 'datasets.open', { handle: 'x' }, pageA).done // ds-1
    await call(h.host, 'datasets.open', { handle: 'y' }, pageB).done // ds-2
    await call(h.host, 'datasets.open', { handle: 'z' }, pageA).done // ds-3
    await call(h.host, 'datasets.close', { datasetId: 'ds-3' }, pageA).done
    h.closed.length = 0
    streamA.destroy()
    await gone(h)
    h.elapse()
    await vi.waitFor(() => expect(h.closed).toEqual(['ds-1']))
    await call(h.host, 'ping', {}, pageB).done
    expect(h.closed).toEqual(['ds-1'])
  })

  it('aborts the calls a gone page still had running', async () => {
    const h = await harness()
    const streamA = await stream(h.host, pageA)
    const slow = call(h.host, 'slow', {}, pageA)
    await vi.waitFor(() => expect(h.started).toBe(1))
    streamA.destroy()
    await gone(h)
    expect(h.aborted).toEqual([])
    h.elapse()
    expect(await slow.done).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
    expect(h.aborted).toEqual(['slow'])
  })

  it('calls without a page id (other clients) are not tracked', async () => {
    const h = await harness()
    await call(h.host, 'datasets.open', { handle: 'x' }).done
    const s = await stream(h.host, pageA)
    s.destroy()
    await gone(h)
    h.elapse()
    await call(h.host, 'ping', {}).done
    expect(h.closed).toEqual([])
  })

  it('accepts only plain page ids', () => {
    expect(pageIdOf('0b7e6a2c-1f7e-4d0e-9a59-3c2f5f0e9d11')).toBe('0b7e6a2c-1f7e-4d0e-9a59-3c2f5f0e9d11')
    expect(pageIdOf('short')).toBeNull()
    expect(pageIdOf('../../etc')).toBeNull()
    expect(pageIdOf(['a'])).toBeNull()
  })
})
