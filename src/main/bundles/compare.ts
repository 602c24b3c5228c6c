// Two bundles of a customer, section by section, in words a person reads: "the cart lost an item
// and gained a coupon", "order 1042 is new", "order 1001: Submitted → Completed". Under the
// sentences, every field change of the section (the same JSON diff as comparing accounts).
import type { BundleComparison, BundleSide, SectionComparison } from '../../shared/bundleCompare'
import type { DiffChange } from '../../shared/contract'
import { sectionIds, sectionInfo, type BundledSection, type CustomerBundle, type SectionId } from '../../shared/customer360'
import { diffAccounts } from '../datasets/diff'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const items = (value: unknown): unknown[] => (isObject(value) && Array.isArray(value.items) ? value.items : [])
const str = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function counts(changes: DiffChange[]) {
  let added = 0
  let removed = 0
  let changed = 0
  for (const change of changes) {
    if (change.kind === 'added') added++
    else if (change.kind === 'removed') removed++
    else changed++
  }
  return { added, removed, changed }
}

function side(bundle: CustomerBundle): BundleSide {
  const account = bundle.account
  const name = [account.firstName, account.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ')
  return {
    accountId: account.id as number,
    name: name || str(account.emailAddress) || str(account.userName) || `Account ${String(account.id)}`,
    exportedAt: bundle.exportedAt,
    tenant: bundle.tenant,
    redacted: bundle.redacted,
  }
}

/** "Tue, 1 Dec 2026 09:30 UTC": the same for everyone who reads the comparison, whatever their zone. */
export function when(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
  return `${day} ${time} UTC`
}

// ---- key sentences, one reader per section that people ask about ----

const cartOf = (data: unknown): Json => (isObject(data) && isObject(data.cart) ? data.cart : isObject(data) ? data : {})

function itemName(item: unknown): string {
  if (!isObject(item)) return 'an item'
  const product = isObject(item.product) ? item.product : {}
  return str(product.name) ?? str(product.productCode) ?? str(item.id) ?? 'an item'
}

function itemKey(item: unknown): string {
  if (!isObject(item)) return JSON.stringify(item)
  const product = isObject(item.product) ? item.product : {}
  return str(item.id) ?? str(product.variationProductCode) ?? str(product.productCode) ?? JSON.stringify(item)
}

function byKey(list: unknown[], key: (item: unknown) => string): Map<string, unknown> {
  return new Map(list.map((item) => [key(item), item]))
}

function lostGained(noun: string, lost: string[], gained: string[]): string[] {
  const out: string[] = []
  const phrase = (names: string[]) =>
    names.length === 1
      ? `${noun === 'item' ? 'an item' : `a ${noun}`} (${names[0]})`
      : `${plural(names.length, noun)} (${names.join(', ')})`
  if (lost.length) out.push(`lost ${phrase(lost)}`)
  if (gained.length) out.push(`gained ${phrase(gained)}`)
  return out
}

function cartSentences(before: unknown, after: unknown): string[] {
  const b = cartOf(before)
  const a = cartOf(after)
  const bItems = byKey(Array.isArray(b.items) ? b.items : [], itemKey)
  const aItems = byKey(Array.isArray(a.items) ? a.items : [], itemKey)
  const lost = [...bItems.keys()].filter((k) => !aItems.has(k)).map((k) => itemName(bItems.get(k)))
  const gained = [...aItems.keys()].filter((k) => !bItems.has(k)).map((k) => itemName(aItems.get(k)))
  const codes = (cart: Json) => (Array.isArray(cart.couponCodes) ? cart.couponCodes.filter((c): c is string => typeof c === 'string') : [])
  const bCodes = new Set(codes(b))
  const aCodes = new Set(codes(a))
  const parts = [
    ...lostGained('item', lost, gained),
    ...lostGained(
      'coupon',
      [...bCodes].filter((c) => !aCodes.has(c)),
      [...aCodes].filter((c) => !bCodes.has(c)),
    ),
  ]
  const out = parts.length ? [`The cart ${parts.join(' and ')}.`] : []
  for (const [key, item] of aItems) {
    const old = bItems.get(key)
    if (isObject(old) && isObject(item) && old.quantity !== item.quantity && old.quantity !== undefined && item.quantity !== undefined) {
      out.push(`${itemName(item)}: quantity ${String(old.quantity)} → ${String(item.quantity)}.`)
    }
  }
  const refused = (cart: Json) =>
    new Map(
      (Array.isArray(cart.invalidCoupons) ? cart.invalidCoupons : [])
        .filter(isObject)
        .map((c) => [str(c.couponCode) ?? '?', str(c.reason) ?? 'no reason given']),
    )
  const bRefused = refused(b)
  for (const [code, reason] of refused(a)) if (!bRefused.has(code)) out.push(`Coupon ${code} was refused: ${reason}.`)
  if (a.total !== b.total && a.total !== undefined && b.total !== undefined) out.push(`Cart total ${String(b.total)} → ${String(a.total)}.`)
  return out
}

const orderName = (order: unknown) => (isObject(order) ? `order ${str(order.orderNumber) ?? str(order.id) ?? '?'}` : 'an order')

function ordersSentences(before: unknown, after: unknown): string[] {
  const key = (order: unknown) => (isObject(order) ? (str(order.id) ?? str(order.orderNumber) ?? '') : '')
  const b = byKey(items(before), key)
  const a = byKey(items(after), key)
  const out: string[] = []
  const fresh = [...a.keys()].filter((k) => !b.has(k)).map((k) => orderName(a.get(k)))
  if (fresh.length) out.push(`${fresh.length === 1 ? '1 new order' : `${fresh.length} new orders`} (${fresh.join(', ')}).`)
  const gone = [...b.keys()].filter((k) => !a.has(k)).map((k) => orderName(b.get(k)))
  if (gone.length) out.push(`${plural(gone.length, 'order')} no longer listed (${gone.join(', ')}).`)
  for (const [k, order] of a) {
    const old = b.get(k)
    if (!isObject(old) || !isObject(order)) continue
    for (const field of ['status', 'paymentStatus', 'fulfillmentStatus'] as const) {
      if (old[field] !== order[field] && old[field] !== undefined && order[field] !== undefined) {
        const what = field === 'status' ? '' : field === 'paymentStatus' ? ' payment' : ' fulfillment'
        out.push(`${orderName(order).replace(/^o/, 'O')}${what}: ${String(old[field])} → ${String(order[field])}.`)
      }
    }
  }
  return out
}

function loginSentences(before: unknown, after: unknown): string[] {
  const b = isObject(before) ? before : {}
  const a = isObject(after) ? after : {}
  const out: string[] = []
  if (b.isLocked !== a.isLocked && typeof a.isLocked === 'boolean')
    out.push(a.isLocked ? 'The login is now locked.' : 'The login is no longer locked.')
  if (b.failedLoginAttemptCount !== a.failedLoginAttemptCount && typeof a.failedLoginAttemptCount === 'number') {
    out.push(`Failed login attempts ${String(b.failedLoginAttemptCount ?? 0)} → ${a.failedLoginAttemptCount}.`)
  }
  if (b.isPasswordChangeRequired !== a.isPasswordChangeRequired && typeof a.isPasswordChangeRequired === 'boolean') {
    out.push(a.isPasswordChangeRequired ? 'A password change is now required.' : 'A password change is no longer required.')
  }
  if (b.lastLoginOn !== a.lastLoginOn && typeof a.lastLoginOn === 'string') out.push(`Logged in since (last login ${when(a.lastLoginOn)}).`)
  return out
}

function cardName(card: unknown): string {
  if (!isObject(card)) return 'a card'
  const type = str(card.cardType) ?? 'card'
  const part = str(card.cardNumberPart)
  return part ? `${type} ending ${part.slice(-4)}` : type
}

function cardsSentences(before: unknown, after: unknown): string[] {
  const list = (value: unknown) => (Array.isArray(value) ? value : items(value))
  const key = (card: unknown) => (isObject(card) ? (str(card.id) ?? JSON.stringify(card)) : '')
  const b = byKey(list(before), key)
  const a = byKey(list(after), key)
  const added = [...a.keys()].filter((k) => !b.has(k)).map((k) => cardName(a.get(k)))
  const removed = [...b.keys()].filter((k) => !a.has(k)).map((k) => cardName(b.get(k)))
  const out: string[] = []
  if (added.length) out.push(`${plural(added.length, 'card')} added (${added.join(', ')}).`)
  if (removed.length) out.push(`${plural(removed.length, 'card')} removed (${removed.join(', ')}).`)
  return out
}

function creditsSentences(before: unknown, after: unknown): string[] {
  const key = (credit: unknown) => (isObject(credit) ? (str(credit.code) ?? str(credit.id) ?? '') : '')
  const b = byKey(items(before), key)
  const a = byKey(items(after), key)
  const out: string[] = []
  for (const [code, credit] of a) {
    const old = b.get(code)
    if (!isObject(credit)) continue
    if (!old) out.push(`New credit ${code} (balance ${String(credit.currentBalance ?? '?')}).`)
    else if (isObject(old) && old.currentBalance !== credit.currentBalance) {
      out.push(`Credit ${code} balance ${String(old.currentBalance)} → ${String(credit.currentBalance)}.`)
    }
  }
  for (const code of b.keys()) if (!a.has(code)) out.push(`Credit ${code} is gone.`)
  return out
}

function wishlistSentences(before: unknown, after: unknown): string[] {
  const count = (value: unknown) =>
    items(value).reduce<number>((n, list) => n + (isObject(list) && Array.isArray(list.items) ? list.items.length : 0), 0)
  const b = count(before)
  const a = count(after)
  return a === b ? [] : [`Wishlists hold ${plural(a, 'item')} (was ${b}).`]
}

function auditSentences(before: unknown, after: unknown): string[] {
  const key = (entry: unknown) => (isObject(entry) ? (str(entry.id) ?? JSON.stringify(entry)) : '')
  const b = new Set(items(before).map(key))
  const fresh = items(after).filter((entry) => !b.has(key(entry))).length
  return fresh ? [`${plural(fresh, 'new audit entry', 'new audit entries')}.`] : []
}

const sentenceReaders: Partial<Record<SectionId, (before: unknown, after: unknown) => string[]>> = {
  cart: cartSentences,
  orders: ordersSentences,
  loginState: loginSentences,
  cards: cardsSentences,
  credits: creditsSentences,
  wishlists: wishlistSentences,
  auditLog: auditSentences,
}

function compareSection(
  section: SectionId,
  key: string | null,
  before: BundledSection | undefined,
  after: BundledSection | undefined,
): SectionComparison {
  const label = key === null ? sectionInfo[section].label : `${sectionInfo[section].label} ${key}`
  const base = { section, key, label, added: 0, removed: 0, changed: 0, sentences: [] as string[], changes: [] as DiffChange[] }
  if (!before && !after) return { ...base, state: 'absent' }
  const readable = (s: BundledSection | undefined): s is BundledSection & { data: unknown } => s !== undefined && 'data' in s
  if (!readable(before) || !readable(after)) {
    const failed = [before, after].find((s) => s !== undefined && 'error' in s) as
      (BundledSection & { error: { message: string } }) | undefined
    if (failed) {
      const which = failed === before ? 'the earlier' : 'the later'
      return { ...base, state: 'unreadable', sentences: [`Not compared: ${which} bundle could not read it (${failed.error.message}).`] }
    }
    return readable(after)
      ? { ...base, state: 'added', added: 1, sentences: ['Only in the later bundle.'] }
      : { ...base, state: 'removed', removed: 1, sentences: ['Only in the earlier bundle.'] }
  }
  const changes = diffAccounts(before.data, after.data)
  const sentences = changes.length ? (sentenceReaders[section]?.(before.data, after.data) ?? []) : []
  return { ...base, ...counts(changes), changes, sentences, state: changes.length ? 'changed' : 'same' }
}

/** The headline's short clause for a section that changed, e.g. "the cart lost an item and gained a coupon". */
function clause(section: SectionComparison): string {
  const first = section.sentences[0]
  if (first)
    return first
      .replace(/\.$/, '')
      .replace(/^The /, 'the ')
      .replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase())
  return `${section.label.toLowerCase()} changed (${section.added + section.removed + section.changed} fields)`
}

const headlineOrder: SectionId[] = ['cart', 'orders', 'wishlists', 'loginState', 'credits', 'cards']

export function compareBundles(before: CustomerBundle, after: CustomerBundle): BundleComparison {
  const warnings: string[] = []
  const b = side(before)
  const a = side(after)
  if (b.accountId !== a.accountId)
    warnings.push(`These are two customers (account ${b.accountId} and ${a.accountId}), not one customer at two times.`)
  if (b.tenant !== a.tenant) warnings.push(`Read from two tenants: ${b.tenant} and ${a.tenant}.`)
  if (b.redacted !== a.redacted) warnings.push('Personal data is masked in one bundle only: names, emails and addresses show as changed.')
  else if (b.redacted && a.redacted)
    warnings.push('Both bundles are masked, each with its own masks: masked names, emails and addresses show as changed.')
  if (Date.parse(a.exportedAt) < Date.parse(b.exportedAt))
    warnings.push('The “later” bundle was exported first: read the changes backwards.')

  const accountChanges = diffAccounts(before.account, after.account)
  const sections: SectionComparison[] = []
  for (const id of sectionIds) {
    if (sectionInfo[id].keyed) {
      const keys = new Set([...Object.keys(before.keyed?.[id] ?? {}), ...Object.keys(after.keyed?.[id] ?? {})])
      for (const key of keys) {
        const result = compareSection(id, key, before.keyed?.[id]?.[key], after.keyed?.[id]?.[key])
        // A new or vanished order is already a sentence of the orders section.
        if (result.state === 'changed' || result.state === 'unreadable') sections.push(result)
      }
      continue
    }
    const result = compareSection(id, null, before.sections[id], after.sections[id])
    if (result.state !== 'absent') sections.push(result)
  }
  // The headline leads with what the shopper sees (cart, orders), then what support is asked about.
  const rank = (id: SectionId) => {
    const at = headlineOrder.indexOf(id)
    return at === -1 ? headlineOrder.length : at
  }
  const changed = sections
    .filter((s) => s.state === 'changed' || s.state === 'added' || s.state === 'removed')
    .sort((x, y) => rank(x.section) - rank(y.section))
  const clauses = changed.map(clause)
  if (accountChanges.length) clauses.unshift(`${plural(accountChanges.length, 'account field')} changed`)
  const since = `Since ${when(b.exportedAt)}`
  const summary = clauses.length ? `${since}: ${clauses.join('; ')}.` : `${since}: nothing changed.`
  return { before: b, after: a, summary, warnings, account: { ...counts(accountChanges), changes: accountChanges }, sections }
}
