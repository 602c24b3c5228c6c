import { describe, expect, it } from 'vitest'
import { validateSchema } from '../../../test/openapi'
import { generateAccounts, mulberry32 } from './generate'

describe('generateAccounts', () => {
  it('is deterministic: the same seed and count give byte-identical JSON', () => {
    const a = JSON.stringify(generateAccounts({ seed: 42, count: 300 }))
    const b = JSON.stringify(generateAccounts({ seed: 42, count: 300 }))
    expect(a).toBe(b)
    expect(JSON.stringify(generateAccounts({ seed: 43, count: 300 }))).not.toBe(a)
  })

  it('keeps accounts stable when the count grows (each account has its own stream)', () => {
    const small = generateAccounts({ seed: 9, count: 50 })
    const large = generateAccounts({ seed: 9, count: 120 })
    expect(JSON.stringify(large.accounts.slice(0, 50))).toBe(JSON.stringify(small.accounts))
    expect(large.carts.slice(0, small.carts.length)).toEqual(small.carts)
  })

  it('does not use Math.random', () => {
    const original = Math.random
    Math.random = () => {
      throw new Error('Math.random used')
    }
    try {
      expect(() => generateAccounts({ seed: 1, count: 20 })).not.toThrow()
    } finally {
      Math.random = original
    }
  })

  it('produces accounts that match the spec exactly (no unknown properties)', () => {
    const { accounts } = generateAccounts({ seed: 7, count: 400 })
    for (const a of accounts) expect(validateSchema('CustomerAccount', a, { strict: true }), `account ${a.id}`).toEqual([])
  })

  it('uses sequential ids from 1000, tenant and site defaults, and carts for non-anonymous accounts only', () => {
    const t = generateAccounts({ seed: 7, count: 500 })
    expect(t.tenant).toBe(100001)
    expect(t.site).toBe(100002)
    expect(t.accounts.map((a) => a.id)).toEqual(t.accounts.map((_, i) => 1000 + i))
    const byId = new Map(t.accounts.map((a) => [a.id, a]))
    const perAccount = new Map<number, number>()
    for (const c of t.carts) {
      expect(c.cartId).toMatch(/^[0-9a-f]{32}$/)
      const a = byId.get(c.accountId)!
      expect(a.isAnonymous).toBe(false)
      expect(c.userId).toBe(a.userId)
      perAccount.set(c.accountId, (perAccount.get(c.accountId) ?? 0) + 1)
    }
    for (const a of t.accounts) {
      const n = perAccount.get(a.id!) ?? 0
      if (a.isAnonymous) expect(n).toBe(0)
      else expect(n === 1 || n === 2).toBe(true)
    }
    expect(new Set(t.carts.map((c) => c.cartId)).size).toBe(t.carts.length)
    expect(generateAccounts({ seed: 1, count: 1, tenant: 5, site: 6 })).toMatchObject({ tenant: 5, site: 6 })
  })

  it('is realistic: mostly active B2C accounts, a few locked/anonymous/tax-exempt, varied children', () => {
    const { accounts } = generateAccounts({ seed: 7, count: 2000 })
    const share = (f: (a: (typeof accounts)[number]) => boolean) => accounts.filter(f).length / accounts.length
    expect(share((a) => a.accountType === 'B2C')).toBeGreaterThan(0.8)
    expect(share((a) => a.isActive === true)).toBeGreaterThan(0.85)
    for (const f of [(a: any) => a.isLocked, (a: any) => a.isAnonymous, (a: any) => a.taxExempt]) {
      expect(share(f)).toBeGreaterThan(0)
      expect(share(f)).toBeLessThan(0.1)
    }
    expect(share((a) => !!a.externalId)).toBeGreaterThan(0.1)
    const counts = (k: 'contacts' | 'attributes' | 'segments' | 'notes') => new Set(accounts.map((a) => a[k]!.length))
    expect([...counts('contacts')].sort()).toEqual([0, 1, 2, 3, 4])
    expect([...counts('attributes')].sort()).toEqual([0, 1, 2, 3, 4, 5])
    expect([...counts('segments')].sort()).toEqual([0, 1, 2, 3])
    expect([...counts('notes')].sort()).toEqual([0, 1, 2, 3, 4])
    const countries = new Set(accounts.flatMap((a) => a.contacts!.map((c) => c.address!.countryCode)))
    expect([...countries].sort()).toEqual(['CA', 'DE', 'GB', 'US'])
    const a = accounts.find((x) => !x.isAnonymous)!
    expect(a.userId).toMatch(/^[0-9a-f]{32}$/)
    expect(a.emailAddress).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z.]+$/)
    expect(accounts.some((x) => x.attributes!.some((t) => t.fullyQualifiedName === 'tenant~loyalty-tier'))).toBe(true)
    expect(new Set(accounts.flatMap((x) => x.segments!.map((s) => s.code)))).toContain('VIP')
  })

  it('gives every account, contact, attribute, note and segment an audit trail where update ≥ create', () => {
    const { accounts } = generateAccounts({ seed: 3, count: 500 })
    for (const a of accounts) {
      const audits = [a.auditInfo, ...[a.contacts, a.attributes, a.notes, a.segments].flatMap((list) => list!.map((x) => x.auditInfo))]
      for (const au of audits) {
        expect(au?.createBy).toBeTruthy()
        expect(au?.updateBy).toBeTruthy()
        expect(Date.parse(au!.updateDate!)).toBeGreaterThanOrEqual(Date.parse(au!.createDate!))
        expect(Date.parse(au!.createDate!)).toBeGreaterThanOrEqual(Date.parse(a.auditInfo!.createDate!))
      }
      const s = a.commerceSummary!
      expect(s.totalOrderAmount!.currencyCode).toBe('USD')
      expect(s.lastOrderDate === null).toBe(s.orderCount === 0)
      expect(s.visitsCount!).toBeGreaterThanOrEqual(s.orderCount!)
    }
  })

  it('mulberry32 is a pure function of its seed', () => {
    const a = mulberry32(5)
    const b = mulberry32(5)
    const xs = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs)
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true)
  })
})
