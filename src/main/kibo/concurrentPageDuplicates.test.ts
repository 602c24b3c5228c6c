// A walk with several pages in flight still refuses a server that serves the same page twice,
// instead of handing the same accounts on as if they were new ones.
import { describe, expect, it } from 'vitest'
import type { CustomerAccountCollection } from '../../shared/kibo'
import { pageThroughAccounts, type AccountSearch, type FetchPage } from './paging'
import { appErrorOf } from '../../../test/failures'

function stuckAfter(goodPages: number, pageSize: number, total: number): FetchPage {
  return async (page: AccountSearch) => {
    const start = page.startIndex ?? 0
    // From `goodPages` on, every request gets the last good page again.
    const served = Math.min(start, (goodPages - 1) * pageSize)
    const items = Array.from({ length: pageSize }, (_, i) => ({ id: served + i + 1 }))
    const data: CustomerAccountCollection = { startIndex: start, pageSize, totalCount: total, items }
    return { data, correlationId: `corr-${start}` }
  }
}

async function walk(fetchPage: FetchPage, concurrency: number) {
  const ids: number[] = []
  const failure = await appErrorOf(
    (async () => {
      for await (const page of pageThroughAccounts(fetchPage, {}, { pageSize: 10, concurrency })) ids.push(...page.map((a) => a.id!))
    })(),
  )
  return { ids, failure }
}

describe('a walk with pages in flight at once', () => {
  it('stops at the first repeated page, naming it as such, with each account handed on once', async () => {
    const { ids, failure } = await walk(stuckAfter(3, 10, 100), 4)
    expect(failure).toMatchObject({ kind: 'bad-response', correlationId: 'corr-30' })
    expect(failure.message).toContain('the same page twice')
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
  })

  it('notices a repeat of the first page, the one fetched before the others', async () => {
    const { ids, failure } = await walk(stuckAfter(1, 10, 100), 3)
    expect(failure.message).toContain('the same page twice')
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => i + 1))
  })
})
