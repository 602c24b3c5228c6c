// Every 360 call of the Kibo client against the real emulator: each request it sent is one
// Kibo's documents declare (method, path, query parameters and their types, body), and each answer
// it accepted matches the documented response schema strictly (no property Kibo does not name).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../src/main/emulator/index'
import { emulatorClient } from './emulatorKit'
import type { KiboClient } from '../src/main/kibo/client'
import * as customer from '../src/main/kibo/customer360'
import * as shopper from '../src/main/kibo/shopper'
import { createTransport, type WireRequest } from '../src/main/kibo/transport'
import { readLiveSection } from '../src/main/inspector/sections'
import { sectionIds } from '../src/shared/customer360'
import { validateRequest, validateResponse, validateSchema } from './openapi'

interface Recorded {
  request: WireRequest
  status: number | null
  text: string
}

let emu: Emulator
let client: KiboClient
const recorded: Recorded[] = []
const signal = new AbortController().signal

beforeAll(async () => {
  emu = await startEmulator({ seed: 7, accounts: 40 })
  const transport = createTransport()
  client = emulatorClient(emu, {
    transport: async (request) => {
      const outcome = await transport(request)
      recorded.push({
        request,
        status: outcome.type === 'response' ? outcome.status : null,
        text: outcome.type === 'response' ? outcome.text : '',
      })
      return outcome
    },
  })
})
afterAll(() => emu.close())

/** The exchanges recorded while `work` ran. */
async function exchangesOf(work: () => Promise<unknown>): Promise<Recorded[]> {
  const from = recorded.length
  await work()
  return recorded.slice(from)
}

function stringQuery(query: WireRequest['query']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) out[k] = String(v)
  return out
}

/**
 * Kibo's document gives a hierarchy node's children as bare objects, which strict checking reads
 * as "no properties at all"; they are hierarchy nodes, so each is checked as one, all the way down.
 */
function hierarchyProblems(node: unknown, where: string): string[] {
  if (typeof node !== 'object' || node === null) return []
  const { children, ...rest } = node as { children?: unknown }
  const own = validateSchema('AccountHierarchyNode', { ...rest, children: [] }, { strict: true }).map((e) => `${where}: ${e}`)
  const below = Array.isArray(children) ? children.flatMap((c, i) => hierarchyProblems(c, `${where}/children/${i}`)) : []
  return [...own, ...below]
}

function responseProblems(method: string, path: string, status: number, body: unknown): string[] {
  const problems = validateResponse(method, path, status, body, { strict: true })
  if (!path.endsWith('/hierarchy')) return problems
  const hierarchy = (body as { hierarchy?: unknown }).hierarchy
  return [
    ...problems.filter((p) => !/^response\/hierarchy\/children\/\d+ has a property the spec does not declare/.test(p)),
    ...hierarchyProblems(hierarchy, 'hierarchy'),
  ]
}

/** Every request checked against the documents; every 2xx answer checked strictly. */
function expectContract(exchanges: Recorded[]): void {
  expect(exchanges.length).toBeGreaterThan(0)
  for (const { request, status, text } of exchanges) {
    const path = new URL(request.url).pathname
    const what = `${request.method} ${path}?${new URLSearchParams(stringQuery(request.query)).toString()}`
    expect(validateRequest({ method: request.method, path, query: stringQuery(request.query), body: request.body }), what).toEqual([])
    expect(status, what).not.toBeNull()
    if (status !== null && status >= 200 && status < 300 && text) {
      expect(responseProblems(request.method, path, status, JSON.parse(text)), what).toEqual([])
    }
  }
}

const accountIds = () => emu.data.accounts.map((a) => a.id as number)
const b2bIds = () => emu.data.accounts.filter((a) => a.accountType === 'B2B').map((a) => a.id as number)

describe('the customer side against the emulator', () => {
  it('audit log, login state, cards, transactions and visits, paged, sorted, filtered and narrowed', async () => {
    const id = accountIds()[0]
    const exchanges = await exchangesOf(async () => {
      await customer.auditLog(client, id, { startIndex: 0, pageSize: 5, sortBy: 'entryDate desc' }, signal)
      await customer.auditLog(client, id, { responseFields: 'startIndex,pageSize,pageCount,totalCount,items(entryDate,fieldPath)' }, signal)
      await customer.loginState(client, id, {}, signal)
      await customer.loginState(client, id, { responseFields: 'isLocked,lastLoginOn' }, signal)
      await customer.cards(client, id, {}, signal)
      await customer.cards(client, id, { responseFields: 'totalCount,items(cardType,cardNumberPart)' }, signal)
      await customer.transactions(client, id, {}, signal)
      await customer.visits(client, id, { pageSize: 3, sortBy: 'date desc' }, signal)
    })
    expect(exchanges.map((e) => e.status)).toEqual(exchanges.map(() => 200))
    expectContract(exchanges)
  })

  it('the purchase-order account and its transactions, where an account has one', async () => {
    let found = 0
    const exchanges = await exchangesOf(async () => {
      for (const id of accountIds()) {
        const account = await customer.purchaseOrderAccount(client, id, {}, signal).catch(() => null)
        if (!account) continue
        await customer.purchaseOrderTransactions(client, id, { pageSize: 5, sortBy: 'transactionDate desc' }, signal)
        if (++found === 2) break
      }
    })
    expect(found).toBeGreaterThan(0)
    expectContract(exchanges)
  })

  it('credits of an account, one credit by its code, its transactions and audit entries', async () => {
    let code: string | undefined
    const exchanges = await exchangesOf(async () => {
      for (const id of accountIds()) {
        const page = await customer.credits(client, id, { pageSize: 5 }, signal)
        const first = page.data.items?.[0]
        if (!first?.code) continue
        code = first.code
        await customer.credit(client, code, id, {}, signal)
        await customer.creditTransactions(client, code, { pageSize: 5 }, signal)
        await customer.creditAuditEntries(client, code, { pageSize: 5 }, signal)
        break
      }
    })
    expect(code).toBeDefined()
    expectContract(exchanges)
  })

  it('a B2B account, its hierarchy, users, their roles and its attributes', async () => {
    const id = b2bIds()[0]
    expect(id).toBeDefined()
    const exchanges = await exchangesOf(async () => {
      await customer.b2bAccount(client, id, {}, signal)
      await customer.b2bHierarchy(client, id, signal)
      const users = await customer.b2bUsers(client, id, { pageSize: 5 }, signal)
      const userId = users.data.items?.find((u) => typeof u.userId === 'string')?.userId
      expect(userId).toBeDefined()
      await customer.b2bUserRoles(client, id, userId as string, signal)
      await customer.b2bAttributes(client, id, {}, signal)
    })
    expectContract(exchanges)
  })
})

describe('the shopper side against the emulator', () => {
  it('cart (current, by id, summary, messages), orders, one order and wishlists with the customer’s claims', async () => {
    let ordersSeen = 0
    const exchanges = await exchangesOf(async () => {
      for (const id of accountIds().slice(0, 12)) {
        const ticket = await client.impersonateCart({ accountId: id }, { signal })
        const claims = { accessToken: ticket.data.accessToken as string }
        const cart = await shopper.currentCart(client, claims, {}, signal)
        await shopper.currentCartMessages(client, claims, signal)
        if (typeof cart.data.id === 'string') {
          await shopper.cartById(client, claims, cart.data.id, {}, signal)
          await shopper.cartSummary(client, claims, cart.data.id, signal)
        }
        const orders = await shopper.orders(client, claims, id, { pageSize: 5 }, signal)
        const first = orders.data.items?.[0]
        if (typeof first?.id === 'string') {
          ordersSeen++
          await shopper.order(client, claims, first.id, id, {}, signal)
          await shopper.orders(
            client,
            claims,
            id,
            { pageSize: 2, responseFields: 'startIndex,pageSize,pageCount,totalCount,items(id,customerAccountId)' },
            signal,
          )
        }
        await shopper.wishlists(client, claims, id, { pageSize: 5 }, signal)
        if (ordersSeen >= 2) break
      }
    })
    expect(ordersSeen).toBeGreaterThan(0)
    for (const e of exchanges.filter((x) => /\/commerce\/(carts|orders|wishlists)/.test(x.request.url)))
      expect(e.request.headers['x-vol-user-claims']).toEqual(expect.any(String))
    for (const e of exchanges.filter((x) => x.request.url.includes('/commerce/customer/') && !x.request.url.includes('authtickets')))
      expect(e.request.headers['x-vol-user-claims']).toBeUndefined()
    expectContract(exchanges)
  })
})

describe('every section composed from the emulator’s answers', () => {
  it('reads each section of a B2B account and of a shopper, narrowed and not, within the documents', async () => {
    const exchanges = await exchangesOf(async () => {
      for (const id of [b2bIds()[0], accountIds()[0]]) {
        const ticket = await client.impersonateCart({ accountId: id }, { signal })
        const orders = await shopper.orders(client, { accessToken: ticket.data.accessToken as string }, id, { pageSize: 1 }, signal)
        const orderId = orders.data.items?.[0]?.id
        const ctx = {
          client,
          accountId: id,
          tenant: 'emulator',
          shopperTicket: async () => ({ claims: { accessToken: ticket.data.accessToken as string }, cartId: null }),
        }
        for (const section of sectionIds) {
          if (section === 'order' && typeof orderId !== 'string') continue
          const key = section === 'order' ? (orderId as string) : undefined
          const source = { kind: 'live' as const, profileId: 'p', accountId: id }
          await readLiveSection(ctx, { source, section, key }, signal)
          const narrowed = section === 'transactions' ? 'transactionId' : section === 'loginState' ? 'isLocked' : 'id'
          await readLiveSection(ctx, { source, section, key, responseFields: narrowed }, signal)
        }
      }
    })
    expectContract(exchanges)
  })
})

describe('the hierarchy check itself', () => {
  it('still refuses a property a hierarchy node does not declare, however deep', () => {
    expect(hierarchyProblems({ id: 1, children: [{ id: 2, children: [{ id: 3, name: 'x' }] }] }, 'hierarchy')).toEqual([
      'hierarchy/children/0/children/0: AccountHierarchyNode has a property the spec does not declare: name',
    ])
    expect(hierarchyProblems({ id: 1, children: [{ id: 2, children: [] }] }, 'hierarchy')).toEqual([])
  })
})
