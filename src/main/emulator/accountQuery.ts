// GET /commerce/customer/accounts: paging, sortBy, q and filter over the generated accounts.
import type { CustomerAccount, CustomerAccountCollection } from '../../shared/kibo'
import { KiboFilterError, compileKiboFilter } from './kiboFilter'
import { KiboHttpError, invalidParameter } from './kiboError'
import { pageFrom, pageWindow, parseSort, sortItems } from './collection'

/** Field paths that exist on accounts, matched case-insensitively like Kibo does. */
export class FieldPaths {
  private readonly canonical = new Map<string, string>()

  constructor(accounts: CustomerAccount[]) {
    for (const a of accounts.slice(0, 300)) this.collect(a, '')
  }

  private collect(value: unknown, prefix: string): void {
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 5)) this.collect(v, prefix)
      return
    }
    if (value === null || typeof value !== 'object') return
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k
      this.canonical.set(path.toLowerCase(), path)
      this.collect(v, path)
    }
  }

  resolve = (path: string): string | undefined => this.canonical.get(path.toLowerCase())
}

function quickSearch(q: string): (a: CustomerAccount) => boolean {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean)
  return (a) => {
    const hay = [a.firstName, a.lastName, a.emailAddress, a.userName, String(a.id), a.externalId]
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.toLowerCase())
    return terms.every((t) => hay.some((h) => h.includes(t)))
  }
}

export function queryAccounts(accounts: CustomerAccount[], fields: FieldPaths, query: Record<string, string>): CustomerAccountCollection {
  const window = pageWindow(query)

  let items = accounts
  if (query.isAnonymous !== undefined) {
    if (query.isAnonymous !== 'true' && query.isAnonymous !== 'false') throw invalidParameter('isAnonymous', 'must be true or false.')
    const wanted = query.isAnonymous === 'true'
    items = items.filter((a) => (a.isAnonymous ?? false) === wanted)
  }
  if (query.q) items = items.filter(quickSearch(query.q))
  if (query.filter) {
    let predicate: (item: unknown) => boolean
    try {
      predicate = compileKiboFilter(query.filter)
    } catch (e) {
      if (!(e instanceof KiboFilterError)) throw e
      throw new KiboHttpError(400, 'MISSING_OR_INVALID_PARAMETER', e.message, {
        data: { parameter: 'filter', position: String(e.position + 1) },
      })
    }
    items = items.filter(predicate)
  }
  if (query.sortBy) items = sortItems(items, parseSort(query.sortBy, fields.resolve, 'a customer account'))
  return pageFrom(items, window)
}
