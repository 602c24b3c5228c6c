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

export type FetchPage = (
  page: AccountSearch,
  signal?: AbortSignal,
) => Promise<{ data: CustomerAccountCollection; correlationId: string | null }>

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

export interface PagingOptions {
  signal?: AbortSignal
  pageSize?: number
  /** Pages requested at once once the first page has told the total; answers still come in order. */
  concurrency?: number
}

export async function* pageThroughAccounts(
  fetchPage: FetchPage,
  params: Omit<AccountSearch, 'pageSize'>,
  opts: PagingOptions = {},
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
    if (key === previousKey && !key.includes('?'))
      throw endless(`Kibo returned the same page twice (at index ${startIndex})`, correlationId)
    previousKey = key
    yield items
    startIndex += items.length
    if (total !== null && startIndex >= total) return
    const concurrency = opts.concurrency ?? 1
    if (pages === 1 && total !== null && concurrency > 1) {
      yield* concurrentPages(fetchPage, params, { ...opts, concurrency, pageSize, startIndex, step: items.length, total, previousKey })
      return
    }
    // Without a total, a short page is the last one.
    if (total === null && items.length < pageSize) return
    if (pages >= maxPages) throw endless(`Kibo kept returning pages past the ${total ?? 'expected'} accounts it announced`, correlationId)
  }
}

/**
 * The rest of a walk whose total is known: up to `concurrency` pages in flight, yielded in order.
 * Abandoned requests (a stop, an error, a cancel) are aborted and their failures swallowed. No page
 * is asked for past the total, so this part of the walk cannot run on for ever.
 */
async function* concurrentPages(
  fetchPage: FetchPage,
  params: Omit<AccountSearch, 'pageSize'>,
  walk: PagingOptions & {
    concurrency: number
    pageSize: number
    startIndex: number
    step: number
    total: number
    previousKey: string | null
  },
): AsyncGenerator<CustomerAccount[]> {
  const controller = new AbortController()
  const stop = () => controller.abort()
  walk.signal?.addEventListener('abort', stop, { once: true })
  const inFlight: ReturnType<FetchPage>[] = []
  let next = walk.startIndex
  const launch = () => {
    if (next >= walk.total) return
    const request = fetchPage({ ...params, startIndex: next, pageSize: walk.pageSize }, controller.signal)
    request.catch(() => {}) // handled when its turn comes, or abandoned
    inFlight.push(request)
    next += walk.step
  }
  try {
    for (let i = 0; i < walk.concurrency; i++) launch()
    let previousKey = walk.previousKey
    while (inFlight.length > 0) {
      if (walk.signal?.aborted) throw cancelled()
      const { data, correlationId } = await inFlight.shift()!
      launch()
      const items = data.items ?? []
      if (items.length === 0) return
      const key = pageKey(items)
      if (key === previousKey && !key.includes('?')) throw endless('Kibo returned the same page twice', correlationId)
      previousKey = key
      yield items
    }
  } finally {
    walk.signal?.removeEventListener('abort', stop)
    controller.abort()
  }
}
