// Walking every page of GET /commerce/customer/accounts. Stops on an empty page or at totalCount,
// and refuses to follow a server that never ends or keeps serving the same page.
import type { CustomerAccount, CustomerAccountCollection } from '../../shared/kibo'
import { AppFailure } from '../../shared/errors'

export interface AccountSearch {
  startIndex?: number
  pageSize?: number
  sortBy?: string
  filter?: string
  q?: string
  responseFields?: string
}

export type FetchPage = (page: AccountSearch, signal?: AbortSignal) => Promise<{ data: CustomerAccountCollection; correlationId: string | null }>

/** With no totalCount to go by, a walk stops here (200 a page: two million accounts). */
const MAX_PAGES_UNKNOWN_TOTAL = 10_000

function endless(reason: string, correlationId: string | null): AppFailure {
  return new AppFailure({
    kind: 'bad-response',
    message: `Listing all accounts stopped: ${reason}.`,
    hint: 'Narrow the listing with a filter, or export page by page.',
    ...(correlationId ? { correlationId } : {}),
  })
}

function cancelled(): AppFailure {
  return new AppFailure({ kind: 'cancelled', message: 'Listing all accounts was cancelled.' })
}

function pageKey(items: CustomerAccount[]): string {
  return items.map((a) => a.id ?? '?').join(',')
}

export async function* pageThroughAccounts(
  fetchPage: FetchPage,
  params: Omit<AccountSearch, 'pageSize'>,
  opts: { signal?: AbortSignal; pageSize?: number } = {},
): AsyncGenerator<CustomerAccount[]> {
  const pageSize = opts.pageSize ?? 200
  let startIndex = params.startIndex ?? 0
  let pages = 0
  let maxPages = MAX_PAGES_UNKNOWN_TOTAL
  let previousKey: string | null = null
  for (;;) {
    if (opts.signal?.aborted) throw cancelled()
    const { data, correlationId } = await fetchPage({ ...params, startIndex, pageSize }, opts.signal)
    pages++
    const items = data.items ?? []
    const total = typeof data.totalCount === 'number' && data.totalCount >= 0 ? data.totalCount : null
    if (items.length === 0) return
    // The first page bounds the walk (by its own length: Kibo may serve fewer than asked);
    // the slack allows for accounts added meanwhile.
    if (pages === 1 && total !== null) maxPages = Math.ceil(Math.max(0, total - startIndex) / items.length) + 10
    const key = pageKey(items)
    if (key === previousKey && !key.includes('?')) throw endless(`Kibo returned the same page twice (at index ${startIndex})`, correlationId)
    previousKey = key
    yield items
    startIndex += items.length
    if (total !== null && startIndex >= total) return
    // Without a total, a short page is the last one.
    if (total === null && items.length < pageSize) return
    if (pages >= maxPages) throw endless(`Kibo kept returning pages past the ${total ?? 'expected'} accounts it announced`, correlationId)
  }
}
