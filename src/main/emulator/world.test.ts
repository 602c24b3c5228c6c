// The world around the accounts is believable and holds together: the same seed draws the same
// customers, audit chains end in what the account holds now, locks agree with the login state,
// cards are masked, B2B companies have depth and people, and money adds up to the cent.
import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { generateAccounts } from './generate'
import { MAX_LOGIN_ATTEMPTS } from './generate360'
import { B2B_ROLES, type HierarchyNode, hierarchyOf } from './generateB2b'
import { accountOfCreditCode } from './generateLedger'
import { cartSummary } from './generateCommerce'
import { CustomerWorld, WORLD_CACHE_SIZE } from './world'

function worldOf(seed: number, count = 300): { world: CustomerWorld; accounts: CustomerAccount[] } {
  const data = generateAccounts({ seed, count })
  return { world: new CustomerWorld(data, new Map(data.accounts.map((a) => [a.id!, a]))), accounts: data.accounts }
}

const { world, accounts } = worldOf(21)
const cents = (n: unknown): number => Math.round(Number(n) * 100)

describe('a seed draws one world', () => {
  it('the same seed gives the same sections, whichever world draws them and in whatever order', () => {
    const again = worldOf(21).world
    for (const a of [...accounts.slice(0, 20)].reverse()) expect(again.of(a)).toEqual(world.of(a))
    for (const c of worldOf(21).world.data.carts.slice(0, 20)) expect(again.cart(c.cartId)).toEqual(world.cart(c.cartId))
  })

  it('another seed gives other customers', () => {
    const other = worldOf(22)
    let differ = 0
    for (let i = 0; i < 20; i++) {
      const [x, y] = [world.of(accounts[i]), other.world.of(other.accounts[i])]
      if (JSON.stringify(x.audit) !== JSON.stringify(y.audit) && JSON.stringify(x.visits) !== JSON.stringify(y.visits)) differ++
    }
    expect(differ).toBe(20)
  })
})

describe('drawn lazily, kept bounded', () => {
  it('a section is drawn on its first read only: reading the cards draws no visits or orders', () => {
    const fresh = worldOf(21).world
    const c = fresh.of(accounts[3])
    expect(c.cards).toEqual(world.of(accounts[3]).cards)
    const pending = (key: string) => Object.getOwnPropertyDescriptor(c, key)?.get !== undefined
    expect(pending('cards')).toBe(false)
    expect(['visits', 'orders', 'audit', 'credits', 'wishlists'].every(pending)).toBe(true)
    // Credits name orders, so reading them draws the orders, and visits still wait.
    void c.credits
    expect([pending('orders'), pending('visits')]).toEqual([false, true])
  })

  it('keeps at most WORLD_CACHE_SIZE customers and carts, and answers the same after forgetting', () => {
    const { world: small, accounts: many } = worldOf(21, WORLD_CACHE_SIZE + 100)
    const first = small.of(many[0]).login
    for (const a of many) void small.of(a).login
    for (const { cartId } of small.data.carts) small.cart(cartId)
    expect(small.sizes()).toMatchObject({ customers: WORLD_CACHE_SIZE, carts: WORLD_CACHE_SIZE })
    expect(small.of(many[0]).login).toEqual(first)
  })
})

describe('the audit log', () => {
  const tracked = [
    'emailAddress',
    'firstName',
    'lastName',
    'userName',
    'acceptsMarketing',
    'isActive',
    'taxExempt',
    'localeCode',
    'externalId',
  ]
  const current = (a: CustomerAccount, path: string): string | null => {
    const v = (a as Record<string, unknown>)[path]
    return v === null || v === undefined ? null : String(v)
  }

  it('each field’s old → new chain starts at creation and ends in the account’s current value', () => {
    let changed = 0
    for (const a of accounts) {
      const entries = world.of(a).audit
      expect(entries.map((e) => e.entryDate)).toEqual([...entries.map((e) => e.entryDate)].sort())
      for (const path of tracked) {
        const chain = entries.filter((e) => e.fieldPath === path)
        if (chain.length === 0) continue
        expect(chain[0].oldValue, `${a.id} ${path}`).toBeNull()
        for (let k = 1; k < chain.length; k++) expect(chain[k].oldValue, `${a.id} ${path} step ${k}`).toBe(chain[k - 1].newValue)
        expect(chain[chain.length - 1].newValue, `${a.id} ${path}`).toBe(current(a, path))
        changed += chain.length - 1
      }
    }
    expect(changed).toBeGreaterThan(accounts.length / 4)
  })

  it('emailAddress changes end in the account’s email, and the latest change is the account’s last update, by its updater', () => {
    let emailChains = 0
    for (const a of accounts) {
      const changes = world.of(a).audit.filter((e) => e.oldValue !== null && e.fieldPath !== 'isLocked')
      if (changes.length === 0) continue
      const last = changes[changes.length - 1]
      expect(last.entryDate, `${a.id}`).toBe(a.auditInfo!.updateDate)
      expect(last.entryUser).toBe(a.auditInfo!.updateBy ?? a.auditInfo!.createBy)
      const email = changes.filter((e) => e.fieldPath === 'emailAddress')
      if (email.length > 0) {
        emailChains++
        expect(email[email.length - 1].newValue).toBe(a.emailAddress)
      }
    }
    expect(emailChains).toBeGreaterThan(20)
  })

  it('entries name people and applications: the shopper themself, admins, the system', () => {
    const entries = accounts.flatMap((a) => world.of(a).audit)
    const apps = new Set(entries.map((e) => e.application))
    expect([...apps].sort()).toEqual(expect.arrayContaining(['Kibo Admin', 'Storefront']))
    expect(apps.size).toBeGreaterThanOrEqual(4)
    expect(entries.every((e) => e.entryUser && e.application && e.site)).toBe(true)
    const users = new Set(entries.map((e) => e.entryUser))
    expect(users.size).toBeGreaterThan(10)
    expect(accounts.some((a) => world.of(a).audit.some((e) => e.entryUser === a.userId))).toBe(true)
  })
})

describe('sign-in state', () => {
  it('some accounts are locked: all attempts used, none left, and the lock is the audit log’s last word', () => {
    const locked = accounts.filter((a) => a.isLocked)
    expect(locked.length).toBeGreaterThan(0)
    for (const a of locked) {
      const login = world.of(a).login
      expect(login).toMatchObject({ isLocked: true, failedLoginAttemptCount: MAX_LOGIN_ATTEMPTS, remainingLoginAttempts: 0 })
      expect(login.lastLockedOn).not.toBeNull()
      expect(Date.parse(login.firstFailedLoginAttemptOn!)).toBeLessThan(Date.parse(login.lastLockedOn!))
      const audit = world.of(a).audit
      expect(audit[audit.length - 1]).toMatchObject({
        fieldPath: 'isLocked',
        oldValue: 'false',
        newValue: 'true',
        entryDate: login.lastLockedOn,
      })
    }
  })

  it('others have failed attempts short of the lock, and attempts left always make up the maximum', () => {
    let failing = 0
    for (const a of accounts) {
      const login = world.of(a).login
      expect(login.failedLoginAttemptCount + login.remainingLoginAttempts).toBe(MAX_LOGIN_ATTEMPTS)
      expect(login.isLocked).toBe(a.isLocked === true)
      if (!a.isLocked && login.failedLoginAttemptCount > 0) {
        failing++
        expect(login.failedLoginAttemptCount).toBeLessThan(MAX_LOGIN_ATTEMPTS)
        expect(login.firstFailedLoginAttemptOn).not.toBeNull()
        expect(login.lastLockedOn).toBeNull()
      }
      if (login.failedLoginAttemptCount === 0) expect(login.firstFailedLoginAttemptOn).toBeNull()
      // Failures since the last good sign-in: a login after the first failure would have cleared them.
      if (login.failedLoginAttemptCount > 0 && login.lastLoginOn !== null)
        expect(Date.parse(login.lastLoginOn), `account ${a.id}`).toBeLessThan(Date.parse(login.firstFailedLoginAttemptOn!))
    }
    expect(failing).toBeGreaterThan(accounts.length / 20)
  })
})

describe('cards', () => {
  it('carry only a masked number: the last four digits, never a whole one', () => {
    let seen = 0
    for (const a of accounts) {
      for (const card of world.of(a).cards) {
        seen++
        expect(card.cardNumberPart).toMatch(/^\*{11,12}\d{4}$/)
        for (const [field, value] of Object.entries(card))
          if (field !== 'id' && typeof value === 'string') expect(value, field).not.toMatch(/\d{5,}/)
        // The billing contact the card belongs to is one of the account's, or 0 when it has none.
        const contacts = a.contacts ?? []
        expect(contacts.length === 0 ? card.contactId === 0 : contacts.some((c) => c.id === card.contactId)).toBe(true)
      }
    }
    expect(seen).toBeGreaterThan(accounts.length / 2)
    expect(accounts.filter((a) => world.of(a).cards.length === 0).length).toBeGreaterThan(10)
  })
})

describe('B2B companies', () => {
  const depth = (n: HierarchyNode): number => 1 + Math.max(0, ...n.children.map(depth))

  it('about one registered account in ten, in hierarchies at least three levels deep', () => {
    // Measured on a larger tenant: in 300 accounts chance alone moves the share by a few points.
    const many = generateAccounts({ seed: 21, count: 3000 }).accounts.filter((a) => !a.isAnonymous)
    const share = many.filter((a) => a.accountType === 'B2B').length / many.length
    expect(share).toBeGreaterThan(0.06)
    expect(share).toBeLessThan(0.14)
    const b2b = accounts.filter((a) => a.accountType === 'B2B')
    const index = world.b2b()
    const roots = [...new Set(b2b.map((a) => index.root.get(a.id!)!))]
    expect(Math.max(...roots.map((r) => depth(hierarchyOf(index, r))))).toBeGreaterThanOrEqual(3)
    for (const a of b2b) {
      const parent = index.parent.get(a.id!)
      if (parent !== undefined) expect(index.children.get(parent)).toContain(a.id)
      expect(index.root.get(index.root.get(a.id!)!)).toBe(index.root.get(a.id!))
    }
  })

  it('every company has users, each with a B2B role of their own, and the account’s login among them', () => {
    const index = world.b2b()
    const names = new Set<string>(B2B_ROLES.map((r) => r.roleName))
    for (const a of accounts.filter((x) => x.accountType === 'B2B')) {
      const users = index.users.get(a.id!)!
      expect(users.length).toBeGreaterThan(1)
      if (a.userId) expect(users.map((u) => u.userId)).toContain(a.userId)
      for (const u of users) {
        expect(u.roles.length).toBeGreaterThan(0)
        for (const r of u.roles) {
          expect(r.userId).toBe(u.userId)
          expect(names.has(r.roleName)).toBe(true)
        }
        expect(index.accountOfUser.get(u.userId)).toBe(a.id)
      }
    }
  })
})

describe('money adds up', () => {
  it('every credit’s transactions sum to its balance, dated between its activation and its expiry', () => {
    let seen = 0
    for (const a of accounts.slice(0, 150)) {
      for (const { credit, transactions, auditEntries } of world.of(a).credits) {
        seen++
        expect(accountOfCreditCode(credit.code)).toBe(a.id)
        const sum = transactions.reduce((s, t) => s + cents(t.impactAmount), 0)
        expect(sum, credit.code).toBe(cents(credit.currentBalance))
        expect(cents(transactions[0].impactAmount)).toBe(cents(credit.initialBalance))
        expect(cents(credit.currentBalance)).toBeGreaterThanOrEqual(0)
        const from = Date.parse(String(credit.activationDate))
        const until = credit.expirationDate ? Date.parse(String(credit.expirationDate)) : Infinity
        for (const t of transactions) {
          const at = Date.parse((t.auditInfo as { createDate: string }).createDate)
          expect(at, `${credit.code} transaction ${String(t.id)}`).toBeGreaterThanOrEqual(from)
          expect(at, `${credit.code} transaction ${String(t.id)}`).toBeLessThanOrEqual(until)
        }
        const dates = auditEntries.map((e) => (e.auditInfo as { createDate: string }).createDate)
        expect(dates).toEqual([...dates].sort())
      }
    }
    expect(seen).toBeGreaterThan(20)
  })

  it('a purchase-order account’s transactions replay to its balance, each one stating the balance after it', () => {
    let seen = 0
    for (const a of accounts) {
      const po = world.of(a).purchaseOrder
      if (!po) continue
      seen++
      let balance = cents(po.account.creditLimit)
      for (const t of po.transactions) {
        balance += cents(t.transactionAmount)
        expect(cents(t.availableBalance)).toBe(balance)
        expect(balance).toBeGreaterThanOrEqual(0)
      }
      expect(cents(po.account.availableBalance)).toBe(balance)
    }
    expect(seen).toBeGreaterThan(5)
  })

  it('every submitted order was placed in exactly one visit, for its total', () => {
    for (const a of accounts.slice(0, 120)) {
      const c = world.of(a)
      const placed = c.visits.flatMap((v) => v.transactions.filter((t) => t.transactionType === 'Order'))
      const submitted = c.orders.filter((o) => o.submittedDate !== null)
      expect(placed.map((t) => t.transactionId).sort()).toEqual(submitted.map((o) => String(o.id)).sort())
      for (const t of placed) expect(t.amount).toBe(submitted.find((o) => o.id === t.transactionId)!.total)
      expect(c.orders).toHaveLength(a.commerceSummary?.orderCount ?? 0)
      expect(c.wishlists).toHaveLength(a.commerceSummary?.wishlistCount ?? 0)
    }
  })

  it('a cart’s summary agrees with the cart: items, quantity, total and expiry', () => {
    for (const { cartId } of world.data.carts.slice(0, 150)) {
      const doc = world.cart(cartId)!
      const summary = cartSummary(doc)
      expect(summary.itemCount).toBe(doc.cart.items.length)
      expect(summary.totalQuantity).toBe(doc.cart.items.reduce((s, i) => s + i.quantity, 0))
      expect(summary.total).toBe(doc.cart.total)
      const expired = Date.parse(doc.cart.expirationDate) <= Date.parse(String((doc.cart.auditInfo as { updateDate: string }).updateDate))
      expect(expired).toBe(false)
      expect(summary.hasActiveCart).toBe(doc.cart.items.length > 0 && !summary.isExpired)
    }
  })
})
