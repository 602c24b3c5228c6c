import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { appErrorOf } from '../../../test/failures'
import type { CustomerAccount, CustomerAccountCollection } from '../../shared/kibo'
import { pageThroughAccounts, type AccountSearch, type FetchPage } from './paging'

const accounts: CustomerAccount[] = Array.from({ length: 450 }, (_, i) => ({ id: i + 1 }))

function server(serve: (page: AccountSearch) => CustomerAccountCollection) {
  const asked: AccountSearch[] = []
  const fetchPage: FetchPage = async (page) => {
    asked.push(page)
    return { data: serve(page), correlationId: 'c' }
  }
  return { fetchPage, asked }
}

function honest(cap = 1000, total: number | undefined = accounts.length) {
  return (page: AccountSearch): CustomerAccountCollection => {
    const size = Math.min(page.pageSize ?? 20, cap)
    const items = accounts.slice(page.startIndex ?? 0, (page.startIndex ?? 0) + size)
    return { startIndex: page.startIndex, pageSize: size, totalCount: total, items }
  }
}

async function collect(gen: AsyncGenerator<CustomerAccount[]>) {
  const pages: CustomerAccount[][] = []
  for await (const page of gen) pages.push(page)
  return pages
}

describe('pageThroughAccounts', () => {
  it('walks 450 accounts in pages of 200, stopping at totalCount', async () => {
    const s = server(honest())
    const pages = await collect(pageThroughAccounts(s.fetchPage, { q: 'x' }))
    expect(pages.map((p) => p.length)).toEqual([200, 200, 50])
    expect(pages.flat().map((a) => a.id)).toEqual(accounts.map((a) => a.id))
    expect(s.asked).toEqual([0, 200, 400].map((startIndex) => ({ q: 'x', startIndex, pageSize: 200 })))
  })

  it('follows a server that serves fewer than asked', async () => {
    const s = server(honest(30))
    const pages = await collect(pageThroughAccounts(s.fetchPage, {}, { pageSize: 200 }))
    expect(pages.flat()).toHaveLength(450)
    expect(pages).toHaveLength(15)
  })

  it('without totalCount, stops at a short page', async () => {
    const s = server(honest(1000, undefined))
    expect((await collect(pageThroughAccounts(s.fetchPage, {}, { pageSize: 100 }))).flat()).toHaveLength(450)
    expect(s.asked).toHaveLength(5)
  })

  it('stops at an empty page', async () => {
    const s = server(() => ({ totalCount: 999, items: [] }))
    expect(await collect(pageThroughAccounts(s.fetchPage, {}))).toEqual([])
  })

  it('refuses a server that keeps serving the same page', async () => {
    const s = server(() => ({ totalCount: 10_000, items: accounts.slice(0, 200) }))
    await expect(collect(pageThroughAccounts(s.fetchPage, {}))).rejects.toMatchObject({ error: { kind: 'bad-response' } })
    expect(s.asked).toHaveLength(2)
  })

  it('refuses a server that never ends', async () => {
    let next = 0
    // A total that keeps growing ahead of the walk, with fresh accounts on every page.
    const liar = server((page) => ({
      totalCount: (page.startIndex ?? 0) + 1000,
      items: Array.from({ length: 200 }, () => ({ id: ++next })),
    }))
    await expect(collect(pageThroughAccounts(liar.fetchPage, {}))).rejects.toMatchObject({ error: { kind: 'bad-response' } })
    expect(liar.asked.length).toBe(Math.ceil(1000 / 200) + 10)
  })

  it('stops when cancelled between pages', async () => {
    const controller = new AbortController()
    const s = server(honest())
    const gen = pageThroughAccounts(s.fetchPage, {}, { signal: controller.signal })
    await gen.next()
    controller.abort()
    await expect(gen.next()).rejects.toMatchObject({ error: { kind: 'cancelled' } })
    expect(s.asked).toHaveLength(1)
  })
})

describe('pageThroughAccounts with pages in flight at once', () => {
  /** Answers after a delay that varies by page, so later pages often finish first. */
  function slowServer() {
    let inFlight = 0
    let most = 0
    const aborted: number[] = []
    const fetchPage: FetchPage = (page, signal) =>
      new Promise((resolve, reject) => {
        inFlight++
        most = Math.max(most, inFlight)
        const start = page.startIndex ?? 0
        const timer = setTimeout(
          () => {
            inFlight--
            resolve({ data: honest(20)(page), correlationId: 'c' })
          },
          5 + ((start / 20) % 3) * 7,
        )
        signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          inFlight--
          aborted.push(start)
          reject(new Error('aborted'))
        })
      })
    return { fetchPage, most: () => most, aborted }
  }

  it('keeps at most N pages in flight and still yields every account once, in order', async () => {
    const s = slowServer()
    const pages = await collect(pageThroughAccounts(s.fetchPage, {}, { pageSize: 20, concurrency: 4 }))
    expect(pages.flat().map((a) => a.id)).toEqual(accounts.map((a) => a.id))
    expect(s.most()).toBe(4)
  })

  it('aborts the pages still in flight when the consumer stops early', async () => {
    const s = slowServer()
    const seen: number[] = []
    for await (const page of pageThroughAccounts(s.fetchPage, {}, { pageSize: 20, concurrency: 3 })) {
      seen.push(...page.map((a) => a.id!))
      if (seen.length >= 60) break
    }
    expect(seen).toEqual(accounts.slice(0, 60).map((a) => a.id))
    expect(s.aborted.length).toBeGreaterThan(0)
  })

  it('stops with a cancelled failure when the signal fires', async () => {
    const s = slowServer()
    const controller = new AbortController()
    const walk = (async () => {
      let n = 0
      for await (const _ of pageThroughAccounts(s.fetchPage, {}, { pageSize: 20, concurrency: 3, signal: controller.signal })) {
        if (++n === 2) controller.abort()
      }
    })()
    await expect(walk).rejects.toMatchObject({ error: { kind: 'cancelled' } })
  })
})

describe('pageThroughAccounts, edges', () => {
  it('starts where asked and bounds the walk by what is left of the total', async () => {
    let next = 1000
    // Fresh accounts on every page and a total that keeps growing: the bound is what was left at the start.
    const liar = server((page) => ({ totalCount: (page.startIndex ?? 0) + 1000, items: [{ id: ++next }, { id: ++next }] }))
    const failure = await appErrorOf(collect(pageThroughAccounts(liar.fetchPage, { startIndex: 990 }, { pageSize: 2 })))
    expect(failure).toEqual({
      kind: 'bad-response',
      message: 'Listing all accounts stopped: Kibo kept returning pages past the 3008 accounts it announced.',
      hint: 'Narrow the listing with a filter, or export page by page.',
      correlationId: 'c',
    })
    // (1990 - 990) / 2 pages, and ten more for accounts added meanwhile; the total named is the last page's.
    expect(liar.asked).toHaveLength(510)
    expect(liar.asked[0]).toEqual({ startIndex: 990, pageSize: 2 })
    expect(liar.asked[1]).toEqual({ startIndex: 992, pageSize: 2 })
  })

  it('a total of zero still hands on the page that came, then stops; a negative total is no total', async () => {
    const zero = server(() => ({ totalCount: 0, items: [{ id: 1 }] }))
    expect(await collect(pageThroughAccounts(zero.fetchPage, {}))).toEqual([[{ id: 1 }]])
    expect(zero.asked).toHaveLength(1)
    const negative = server((page) => ({ totalCount: -1, items: (page.startIndex ?? 0) === 0 ? [{ id: 1 }, { id: 2 }] : [{ id: 3 }] }))
    expect((await collect(pageThroughAccounts(negative.fetchPage, {}, { pageSize: 2 }))).flat()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    expect(negative.asked).toHaveLength(2)
  })

  it('a full page without a total asks for the next; a repeated page without ids is not taken for a loop', async () => {
    const noIds = server((page) => ({ totalCount: 6, items: (page.startIndex ?? 0) < 6 ? [{}, {}] : [] }))
    expect(await collect(pageThroughAccounts(noIds.fetchPage, {}, { pageSize: 2 }))).toHaveLength(3)
    const repeated = server(() => ({ items: [{ id: 1 }, { id: 2 }] }))
    const failure = await appErrorOf(collect(pageThroughAccounts(repeated.fetchPage, { startIndex: 4 }, { pageSize: 2 })))
    expect(failure).toEqual({
      kind: 'bad-response',
      message: 'Listing all accounts stopped: Kibo returned the same page twice (at index 6).',
      hint: 'Narrow the listing with a filter, or export page by page.',
      correlationId: 'c',
    })
  })

  it('without a total, gives up after ten thousand pages', async () => {
    let next = 0
    const endless = server(() => ({ items: [{ id: ++next }] }))
    const failure = await appErrorOf(collect(pageThroughAccounts(endless.fetchPage, {}, { pageSize: 1 })))
    expect(failure.message).toBe('Listing all accounts stopped: Kibo kept returning pages past the expected accounts it announced.')
    expect(endless.asked).toHaveLength(10_000)
  })

  it('a failure without a correlation id carries none', async () => {
    const fetchPage: FetchPage = async () => ({ data: { items: [{ id: 1 }] }, correlationId: null })
    const failure = await appErrorOf(collect(pageThroughAccounts(fetchPage, {}, { pageSize: 1 })))
    expect(Object.keys(failure)).not.toContain('correlationId')
  })

  it('an aborted signal asks for nothing', async () => {
    const s = server(honest())
    expect(await appErrorOf(collect(pageThroughAccounts(s.fetchPage, {}, { signal: AbortSignal.abort() })))).toEqual({
      kind: 'cancelled',
      message: 'Listing all accounts was cancelled.',
    })
    expect(s.asked).toEqual([])
  })

  it('with pages in flight: asks for each page once, none past the total, and passes the signal', async () => {
    const signals: (AbortSignal | undefined)[] = []
    const asked: number[] = []
    const fetchPage: FetchPage = async (page, signal) => {
      asked.push(page.startIndex ?? -1)
      signals.push(signal)
      const start = page.startIndex ?? 0
      return { data: { totalCount: 9, items: accounts.slice(start, Math.min(start + 2, 9)) }, correlationId: 'c' }
    }
    const pages = await collect(pageThroughAccounts(fetchPage, { q: 'x' }, { pageSize: 2, concurrency: 2 }))
    expect(pages.flat().map((a) => a.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(asked).toEqual([0, 2, 4, 6, 8])
    expect(signals[0]).toBeUndefined()
    expect(signals.slice(1).every((s) => s instanceof AbortSignal)).toBe(true)
  })

  it('concurrency 1 is the plain walk: every page asked with the caller’s own signal', async () => {
    const signals: (AbortSignal | undefined)[] = []
    const fetchPage: FetchPage = async (page, signal) => {
      signals.push(signal)
      return { data: honest(1000, 6)(page), correlationId: 'c' }
    }
    expect((await collect(pageThroughAccounts(fetchPage, {}, { pageSize: 2, concurrency: 1 }))).flat()).toHaveLength(6)
    expect(signals).toEqual([undefined, undefined, undefined])
  })

  it('with pages in flight: concurrency 1 walks one page at a time; an empty page ends the walk', async () => {
    const asked: number[] = []
    const fetchPage: FetchPage = async (page) => {
      asked.push(page.startIndex ?? -1)
      return {
        data: { totalCount: 10, items: (page.startIndex ?? 0) < 4 ? [{ id: page.startIndex! + 1 }, { id: page.startIndex! + 2 }] : [] },
        correlationId: 'c',
      }
    }
    expect((await collect(pageThroughAccounts(fetchPage, {}, { pageSize: 2, concurrency: 3 }))).flat()).toHaveLength(4)
    expect(asked).toEqual([0, 2, 4, 6, 8])
  })

  it('with pages in flight: the caller’s signal is let go at the end, and the pages left are aborted', async () => {
    const controller = new AbortController()
    const inner: AbortSignal[] = []
    const fetchPage: FetchPage = async (page, signal) => {
      if (signal) inner.push(signal)
      return { data: honest(1000, 8)(page), correlationId: 'c' }
    }
    for await (const page of pageThroughAccounts(fetchPage, {}, { pageSize: 2, concurrency: 2, signal: controller.signal })) {
      if (page[0].id === 3) break
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    // The first page is asked with the caller's own signal, the rest with the walk's.
    expect(inner[0]).toBe(controller.signal)
    expect(controller.signal.aborted).toBe(false)
    expect(inner.length).toBeGreaterThan(1)
    expect(inner.slice(1).every((s) => s.aborted)).toBe(true)
  })
})

describe('pageThroughAccounts, what Kibo may leave out', () => {
  it('a page without items ends the walk, with or without pages in flight', async () => {
    const none = server(() => ({ totalCount: 5 }))
    expect(await collect(pageThroughAccounts(none.fetchPage, {}))).toEqual([])
    const later: FetchPage = async (page) => ({
      data: (page.startIndex ?? 0) === 0 ? { totalCount: 6, items: [{ id: 1 }, { id: 2 }] } : { totalCount: 6 },
      correlationId: 'c',
    })
    expect(await collect(pageThroughAccounts(later, {}, { pageSize: 2, concurrency: 2 }))).toEqual([[{ id: 1 }, { id: 2 }]])
  })

  it('a total that is not a number is no total: the walk goes on to a short page', async () => {
    const s = server((page) => ({
      totalCount: '2' as unknown as number,
      items: accounts.slice(page.startIndex ?? 0, (page.startIndex ?? 0) + 2).slice(0, 5 - (page.startIndex ?? 0)),
    }))
    expect((await collect(pageThroughAccounts(s.fetchPage, {}, { pageSize: 2 }))).flat().map((a) => a.id)).toEqual([1, 2, 3, 4, 5])
  })

  it('a total of zero ends the walk after the first page, even a full one', async () => {
    let next = 0
    const s = server(() => ({ totalCount: 0, items: [{ id: ++next }] }))
    expect(await collect(pageThroughAccounts(s.fetchPage, {}, { pageSize: 1 }))).toEqual([[{ id: 1 }]])
    expect(s.asked).toHaveLength(1)
  })

  it('pages in flight only once the first page told the total', async () => {
    const signals: (AbortSignal | undefined)[] = []
    const fetchPage: FetchPage = async (page, signal) => {
      signals.push(signal)
      const start = page.startIndex ?? 0
      // No total on the first page, one on the later pages.
      return { data: { ...(start > 0 ? { totalCount: 6 } : {}), items: accounts.slice(start, Math.min(start + 2, 6)) }, correlationId: 'c' }
    }
    expect((await collect(pageThroughAccounts(fetchPage, {}, { pageSize: 2, concurrency: 3 }))).flat().map((a) => a.id)).toEqual([
      1, 2, 3, 4, 5, 6,
    ])
    expect(signals).toEqual([undefined, undefined, undefined])
  })

  it('with pages in flight, the caller’s cancel aborts the pages asked for at once', async () => {
    const controller = new AbortController()
    const inner: AbortSignal[] = []
    const fetchPage: FetchPage = async (page, signal) => {
      if (signal && signal !== controller.signal) inner.push(signal)
      return { data: honest(1000, 20)(page), correlationId: 'c' }
    }
    const walk = pageThroughAccounts(fetchPage, {}, { pageSize: 2, concurrency: 2, signal: controller.signal })
    await walk.next()
    await walk.next()
    expect(inner.length).toBeGreaterThan(0)
    expect(inner[0].aborted).toBe(false)
    controller.abort()
    expect(inner[0].aborted).toBe(true)
    await expect(walk.next()).rejects.toMatchObject({ error: { kind: 'cancelled' } })
  })
})
