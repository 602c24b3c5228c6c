import { describe, expect, it } from 'vitest'
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
