// Searching and reading accounts through a profile: what is sent to Kibo (trimmed, blanks left
// out) and what the renderer gets back when Kibo leaves paging fields out of its answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { Inspector } from './inspector'
import { json, startStub, type Stub } from '../../../test/stubKibo'

let stub: Stub
let collection: unknown = {}
const signal = new AbortController().signal

beforeAll(async () => {
  stub = await startStub((req, res) => {
    if (req.path.endsWith('/authtickets/oauth')) return json(res, 200, { access_token: 'app-token-for-search-test', expires_in: 3600 })
    if (req.path === '/commerce/customer/accounts') return json(res, 200, collection)
    if (req.path.startsWith('/commerce/customer/accounts/')) return json(res, 200, { id: Number(req.path.split('/').pop()) })
    json(res, 404, { message: 'not here' })
  })
})
afterAll(() => stub.close())
beforeEach(() => {
  stub.requests.length = 0
})

function inspector(): Inspector {
  const profile: Profile = {
    id: 'p',
    name: 'Search test',
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: 1, baseUrl: stub.url },
    clientId: 'Search.Test.1.0.0.Release',
    target: {},
    responseFields: '',
    production: false,
  }
  return new Inspector({
    getProfile: (id) => (id === profile.id ? profile : undefined),
    getSecret: async () => 'secret-for-search-test',
    demoUrl: async () => stub.url,
  })
}

describe('Inspector.searchAccounts', () => {
  it('sends q, filter, sortBy and responseFields trimmed, and leaves blank ones out', async () => {
    collection = { items: [] }
    await inspector().searchAccounts(
      'p',
      { q: '  smith ', filter: ' isActive eq true ', sortBy: '   ', responseFields: ' items(id) ', startIndex: 20, pageSize: 10 },
      signal,
    )
    const [sent] = stub.to('/commerce/customer/accounts')
    expect(sent.query).toEqual({ q: 'smith', filter: 'isActive eq true', responseFields: 'items(id)', startIndex: '20', pageSize: '10' })
  })

  it('fills paging fields Kibo left out from the request and the items it sent', async () => {
    collection = { items: [{ id: 7 }, { id: 8 }] }
    expect(await inspector().searchAccounts('p', { startIndex: 40, pageSize: 20 }, signal)).toEqual({
      startIndex: 40,
      pageSize: 20,
      pageCount: 0,
      totalCount: 2,
      items: [{ id: 7 }, { id: 8 }],
    })
    collection = {}
    expect(await inspector().searchAccounts('p', { startIndex: 0, pageSize: 5 }, signal)).toEqual({
      startIndex: 0,
      pageSize: 5,
      pageCount: 0,
      totalCount: 0,
      items: [],
    })
  })

  it("passes on Kibo's own paging fields when it sends them", async () => {
    collection = { startIndex: 200, pageSize: 100, pageCount: 9, totalCount: 850, items: [{ id: 1 }] }
    expect(await inspector().searchAccounts('p', { startIndex: 0, pageSize: 5 }, signal)).toEqual(collection)
  })
})

describe('Inspector.getAccount', () => {
  it('reads one account, with responseFields trimmed and a blank one left out', async () => {
    const subject = inspector()
    expect(await subject.getAccount('p', 1005, '  id,emailAddress ', signal)).toEqual({ id: 1005 })
    await subject.getAccount('p', 1006, '   ', signal)
    const sent = stub.requests.filter((r) => r.path.startsWith('/commerce/customer/accounts/'))
    expect(sent.map((r) => [r.path, r.query])).toEqual([
      ['/commerce/customer/accounts/1005', { responseFields: 'id,emailAddress' }],
      ['/commerce/customer/accounts/1006', {}],
    ])
  })

  it('says the profile is gone when it no longer exists', async () => {
    await expect(inspector().getAccount('gone', 1005, undefined, signal)).rejects.toMatchObject({
      error: { kind: 'not-found', message: 'That profile no longer exists.', hint: expect.stringContaining('Choose another profile.') },
    })
  })
})
