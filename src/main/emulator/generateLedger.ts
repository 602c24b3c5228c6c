// Money and visits around the account: visits (each order placed in one), the account's
// transactions, the purchase-order account with its transactions, and store credits and gift
// cards with theirs. Balances are replayed from the transactions, so they always agree.
import type { CustomerAccount } from '../../shared/kibo'
import { AS_OF, DAY, iso } from './generate'
import { Stream, drawFor, stamp } from './generate360'
import { money } from './generateItems'
import * as W from './names'

export interface Transaction {
  transactionId: string
  visitId: string
  transactionType: string
  interactionType: string
  amount: number
  date: string
  currencyCode: string
}

export interface Visit {
  id: string
  accountId: number
  type: string
  date: string
  transactions: Transaction[]
  userId: string | null
  webSiteId: number | null
  webReferrer: string | null
  webSessionId: string | null
  webUserAgent: string | null
  browserLocationCode: string | null
  locationCode: string | null
}

/** What visits need to know of an order. */
export interface OrderRef {
  id: string
  total: number
  submittedDate: string | null
  status: string
}

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
]
const REFERRERS = [
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://newsletter.example.com/',
  'https://www.instagram.com/',
  null,
  null,
]
const STORES = ['STORE-DT', 'STORE-RV', 'STORE-AP']

/** As many visits as commerceSummary.visitsCount; every submitted order was placed in one of them. */
export function visits(seed: number, a: CustomerAccount, site: number, orders: OrderRef[]): Visit[] {
  const d = drawFor(seed, Stream.Visits, a.id!)
  const since = Date.parse(a.auditInfo!.createDate!)
  const placed = orders.filter((o) => o.submittedDate !== null)
  const count = Math.max(a.commerceSummary?.visitsCount ?? 0, placed.length)
  const country = a.contacts?.[0]?.address?.countryCode ?? null
  const out: Visit[] = []
  for (let k = 0; k < count; k++) {
    const order = placed[k]
    const store = !order && d.chance(0.08)
    const at = order ? Date.parse(order.submittedDate!) - d.int(5, 50) * 60_000 : d.between(since, AS_OF)
    const id = d.hex32()
    const transactions: Transaction[] = []
    if (order) {
      const tx = (type: string, amount: number, when: number): Transaction => ({
        transactionId: order.id,
        visitId: id,
        transactionType: type,
        interactionType: 'Website',
        amount,
        date: iso(when),
        currencyCode: 'USD',
      })
      transactions.push(tx('Order', order.total, Date.parse(order.submittedDate!)))
      if (order.status === 'Cancelled') transactions.push(tx('Cancel', order.total, Date.parse(order.submittedDate!) + DAY))
      else if (order.status === 'Completed' && d.chance(0.06))
        transactions.push(tx('Return', money(order.total * 100 * 0.5), Date.parse(order.submittedDate!) + 14 * DAY))
    }
    out.push({
      id,
      accountId: a.id!,
      type: store ? 'Store' : 'Web',
      date: iso(at),
      transactions,
      userId: a.userId ?? null,
      webSiteId: store ? null : site,
      webReferrer: store ? null : d.pick(REFERRERS),
      webSessionId: store ? null : d.hex32(),
      webUserAgent: store ? null : d.pick(AGENTS),
      browserLocationCode: store ? null : country,
      locationCode: store ? d.pick(STORES) : null,
    })
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
}

export interface PurchaseOrderLedger {
  account: Record<string, unknown>
  transactions: Array<Record<string, unknown>>
}

/** Most B2B accounts and a few others buy on a purchase-order account; the rest have none (404). */
export function purchaseOrder(seed: number, a: CustomerAccount, tenant: number, site: number): PurchaseOrderLedger | undefined {
  const d = drawFor(seed, Stream.PurchaseOrder, a.id!)
  if (a.isAnonymous || !d.chance(a.accountType === 'B2B' ? 0.7 : 0.02)) return undefined
  const since = Date.parse(a.auditInfo!.createDate!)
  const opened = d.between(since, AS_OF - 30 * DAY)
  const limit = d.pick([5_000, 10_000, 25_000, 50_000, 100_000])
  const admin = d.pick(W.admins)
  let balance = limit
  const transactions: Array<Record<string, unknown>> = []
  const n = d.int(2, 12)
  const times = Array.from({ length: n }, () => d.between(opened, AS_OF)).sort((x, y) => x - y)
  for (const at of times) {
    const isPayment = transactions.length > 0 && balance < limit && d.chance(0.35)
    const amount = isPayment ? money((limit - balance) * 100 * d.pick([0.5, 1])) : Math.min(money(d.between(20_000, 400_000)), balance)
    if (amount <= 0) continue
    balance = Math.round((balance + (isPayment ? amount : -amount)) * 100) / 100
    const po = `PO-${d.digits(6)}`
    transactions.push({
      customerPurchaseOrderAccountId: a.id,
      externalId: null,
      siteId: site,
      tenantId: tenant,
      transactionDate: iso(at),
      orderId: isPayment ? null : d.hex32(),
      purchaseOrderNumber: isPayment ? null : po,
      transactionAmount: isPayment ? amount : -amount,
      creditLimit: limit,
      additionalTransactionDetail: isPayment ? `Payment received, reference ${d.digits(8)}` : null,
      availableBalance: balance,
      transactionTypeId: isPayment ? 2 : 1,
      transactionDescription: isPayment ? 'Payment' : `Order on ${po}`,
      author: isPayment ? admin : (a.userId ?? admin),
      auditInfo: stamp(isPayment ? admin : 'system', at),
    })
  }
  const last = transactions.length > 0 ? Date.parse(String(transactions[transactions.length - 1].transactionDate)) : opened
  const overdraft = d.chance(0.3)
  return {
    account: {
      id: a.id,
      accountId: a.id,
      isEnabled: d.chance(0.9),
      creditLimit: limit,
      availableBalance: balance,
      totalAvailableBalance: overdraft ? Math.round((balance + limit * 0.1) * 100) / 100 : balance,
      overdraftAllowance: overdraft ? 10 : null,
      overdraftAllowanceType: overdraft ? 'Percentage' : null,
      customerPurchaseOrderPaymentTerms: [
        { siteId: site, code: 'NET30', description: 'Net 30 days', auditInfo: stamp(admin, opened) },
        ...(d.chance(0.4) ? [{ siteId: site, code: 'NET60', description: 'Net 60 days', auditInfo: stamp(admin, opened) }] : []),
      ],
      auditInfo: stamp(admin, opened, last),
    },
    transactions,
  }
}

export interface CreditLedger {
  credit: Record<string, unknown> & { code: string; customerId: number }
  transactions: Array<Record<string, unknown>>
  auditEntries: Array<Record<string, unknown>>
}

/** A credit's code carries its account id (digits 5–14), so /credits/{code} finds it without a tenant-wide index. */
export function accountOfCreditCode(code: string): number | undefined {
  return /^\d{16}$/.test(code) ? Number(code.slice(4, 14)) : undefined
}

/** Store credits and gift cards a quarter of the registered customers hold. */
export function credits(seed: number, a: CustomerAccount, orderIds: string[]): CreditLedger[] {
  const d = drawFor(seed, Stream.Credits, a.id!)
  if (a.isAnonymous || !d.chance(0.25)) return []
  const since = Date.parse(a.auditInfo!.createDate!)
  const out: CreditLedger[] = []
  for (let k = 0, n = d.int(1, 3); k < n; k++) {
    const gift = d.chance(0.5)
    const code = `${d.digits(4)}${String(a.id).padStart(10, '0')}${String(k).padStart(2, '0')}`
    const issuer = gift ? 'system' : d.pick(W.admins)
    const issued = d.between(since, AS_OF - DAY)
    const initial = gift ? d.pick([25, 50, 100, 150]) : money(d.between(500, 20_000))
    let balance = initial
    let id = a.id! * 100 + k * 10
    const transactions: Array<Record<string, unknown>> = [
      {
        id: ++id,
        transactionType: 'Credit',
        comments: gift ? 'Gift card purchased' : 'Issued as an appeasement',
        impactAmount: initial,
        auditInfo: stamp(issuer, issued),
        orderId: null,
      },
    ]
    const auditEntries: Array<Record<string, unknown>> = [
      {
        activityType: 'Created',
        activityTypeId: 1,
        details: `${gift ? 'Gift card' : 'Store credit'} created with a balance of ${initial.toFixed(2)} USD`,
        auditInfo: stamp(issuer, issued),
      },
    ]
    // An expired credit cannot be spent: its uses fall between issue and expiry (or now).
    const expires = gift ? null : issued + d.pick([180, 365, 730]) * DAY
    const spendable = Math.min(expires ?? AS_OF, AS_OF)
    let at = issued
    for (let u = 0, uses = d.int(0, 3); u < uses && balance > 0; u++) {
      at = d.between(at, spendable)
      const spend = Math.min(balance, money(d.between(500, initial * 100)))
      balance = Math.round((balance - spend) * 100) / 100
      const orderId = orderIds.length > 0 ? d.pick(orderIds) : null
      transactions.push({
        id: ++id,
        transactionType: 'Debit',
        comments: 'Applied to an order',
        impactAmount: -spend,
        auditInfo: stamp('system', at),
        orderId,
      })
      auditEntries.push({
        activityType: 'BalanceChanged',
        activityTypeId: 2,
        details: `Balance changed from ${(balance + spend).toFixed(2)} to ${balance.toFixed(2)} USD`,
        auditInfo: stamp('system', at),
      })
    }
    if (expires !== null && expires < AS_OF)
      auditEntries.push({ activityType: 'Expired', activityTypeId: 3, details: 'Expired', auditInfo: stamp('system', expires) })
    out.push({
      credit: {
        code,
        activationDate: iso(issued),
        creditType: gift ? 'GiftCard' : 'StoreCredit',
        customCreditType: null,
        currencyCode: 'USD',
        initialBalance: initial,
        currentBalance: balance,
        expirationDate: expires === null ? null : iso(expires),
        customerId: a.id!,
        auditInfo: stamp(issuer, issued, at, at === issued ? issuer : 'system'),
        creditTypeId: gift ? 1 : 2,
      },
      transactions,
      auditEntries,
    })
  }
  return out
}
