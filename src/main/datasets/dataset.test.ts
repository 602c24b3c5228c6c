import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import type { CustomerAccount } from '../../shared/kibo'
import { generateAccounts } from '../emulator/generate'
import { Dataset } from './dataset'

const accounts: CustomerAccount[] = [
  {
    id: 30,
    firstName: 'Émile',
    lastName: 'Zola',
    emailAddress: 'emile@example.com',
    isActive: true,
    commerceSummary: { orderCount: 2, totalOrderAmount: { amount: 20 } },
    segments: [{ code: 'VIP' }],
  },
  {
    id: 10,
    firstName: 'anna',
    lastName: 'Berg',
    emailAddress: 'anna@example.com',
    isActive: false,
    commerceSummary: { orderCount: 9, totalOrderAmount: { amount: 900 } },
  },
  {
    id: 20,
    companyOrOrganization: 'Acme Corp',
    emailAddress: null,
    isActive: true,
    commerceSummary: { orderCount: 9 },
    auditInfo: { updateDate: '2024-01-01T00:00:00Z' },
  },
  {
    id: 40,
    firstName: 'Eve',
    lastName: 'Adams',
    userName: 'eve',
    contacts: [{ email: 'eve.home@example.net', address: { cityOrTown: 'Oslo' } }],
    segments: [{ code: 'VIP' }, { code: 'NEW' }],
  },
  { firstName: 'No', lastName: 'Id' },
]
const dataset = new Dataset(accounts)
const names = (rows: { name: string }[]) => rows.map((r) => r.name)

describe('Dataset rows', () => {
  it('lists every account in file order with its list columns', () => {
    const page = dataset.query({ offset: 0, limit: 10 })
    expect(page.total).toBe(5)
    expect(page.rows[0]).toEqual({
      index: 0,
      id: 30,
      name: 'Émile Zola',
      emailAddress: 'emile@example.com',
      userName: null,
      orderCount: 2,
      totalOrderAmount: 20,
      isActive: true,
      updateDate: null,
    })
    expect(page.rows[2]).toMatchObject({
      name: 'Acme Corp',
      emailAddress: null,
      totalOrderAmount: null,
      updateDate: '2024-01-01T00:00:00Z',
    })
    expect(page.rows[4]).toMatchObject({ id: null, orderCount: null, isActive: null })
  })

  it('pages', () => {
    expect(dataset.query({ offset: 1, limit: 2 }).rows.map((r) => r.index)).toEqual([1, 2])
    expect(dataset.query({ offset: 4, limit: 2 }).rows.map((r) => r.index)).toEqual([4])
    expect(dataset.query({ offset: 10, limit: 2 })).toEqual({ total: 5, rows: [] })
  })
})

describe('Dataset sorting', () => {
  it('sorts text ignoring case and accents, missing values last in both directions', () => {
    expect(names(dataset.query({ offset: 0, limit: 10, sort: { field: 'name', direction: 'asc' } }).rows)).toEqual([
      'Acme Corp',
      'anna Berg',
      'Émile Zola',
      'Eve Adams',
      'No Id',
    ])
    expect(names(dataset.query({ offset: 0, limit: 10, sort: { field: 'name', direction: 'desc' } }).rows)).toEqual([
      'No Id',
      'Eve Adams',
      'Émile Zola',
      'anna Berg',
      'Acme Corp',
    ])
    const byEmail = dataset.query({ offset: 0, limit: 10, sort: { field: 'emailAddress', direction: 'desc' } }).rows
    expect(byEmail.map((r) => r.emailAddress)).toEqual(['emile@example.com', 'anna@example.com', null, null, null])
  })

  it('sorts numbers, ties in file order, and flags', () => {
    expect(dataset.query({ offset: 0, limit: 10, sort: { field: 'orderCount', direction: 'desc' } }).rows.map((r) => r.index)).toEqual([
      1, 2, 0, 3, 4,
    ])
    expect(dataset.query({ offset: 0, limit: 10, sort: { field: 'id', direction: 'asc' } }).rows.map((r) => r.id)).toEqual([
      10,
      20,
      30,
      40,
      null,
    ])
    expect(dataset.query({ offset: 0, limit: 10, sort: { field: 'isActive', direction: 'asc' } }).rows.map((r) => r.isActive)).toEqual([
      false,
      true,
      true,
      null,
      null,
    ])
    expect(dataset.query({ offset: 0, limit: 2, sort: { field: 'index', direction: 'desc' } }).rows.map((r) => r.index)).toEqual([4, 3])
  })
})

describe('Dataset search and filter', () => {
  it('searches names, emails, ids and contacts, every word, ignoring case', () => {
    expect(names(dataset.query({ offset: 0, limit: 10, search: 'ANNA' }).rows)).toEqual(['anna Berg'])
    expect(names(dataset.query({ offset: 0, limit: 10, search: 'oslo' }).rows)).toEqual(['Eve Adams'])
    expect(names(dataset.query({ offset: 0, limit: 10, search: 'example.com zola' }).rows)).toEqual(['Émile Zola'])
    expect(names(dataset.query({ offset: 0, limit: 10, search: 'emile' }).rows)).toEqual(['Émile Zola'])
    expect(names(dataset.query({ offset: 0, limit: 10, search: 'ÉMILE' }).rows)).toEqual(['Émile Zola'])
    expect(dataset.query({ offset: 0, limit: 10, search: '20' }).rows.map((r) => r.id)).toEqual([20])
    expect(dataset.query({ offset: 0, limit: 10, search: 'nobody' })).toEqual({ total: 0, rows: [] })
    expect(dataset.query({ offset: 0, limit: 10, search: '   ' }).total).toBe(5)
  })

  it('filters with the account filter language, combined with search and sort', () => {
    expect(dataset.query({ offset: 0, limit: 10, filter: 'segments.code = "VIP"' }).rows.map((r) => r.index)).toEqual([0, 3])
    expect(
      dataset
        .query({ offset: 0, limit: 10, filter: 'commerceSummary.orderCount > 5', sort: { field: 'name', direction: 'asc' } })
        .rows.map((r) => r.name),
    ).toEqual(['Acme Corp', 'anna Berg'])
    expect(dataset.query({ offset: 0, limit: 10, filter: 'segments.code = "VIP"', search: 'eve' }).rows.map((r) => r.index)).toEqual([3])
  })

  it('says where a filter is wrong', () => {
    let error: AppFailure | undefined
    try {
      dataset.query({ offset: 0, limit: 10, filter: 'commerceSummary.ordrCount > 5' })
    } catch (e) {
      error = e as AppFailure
    }
    expect(error).toBeInstanceOf(AppFailure)
    expect(error?.error.kind).toBe('invalid-input')
    expect(error?.error.message).toMatch(/^The filter is not valid: /)
    expect(error?.error.where).toMatch(/^filter, characters 17–/)
  })

  it('gives the same pages whether or not the result was cached', () => {
    const big = new Dataset(generateAccounts({ seed: 3, count: 2000 }).accounts)
    const query = { search: 'a', filter: 'isActive = true', sort: { field: 'totalOrderAmount' as const, direction: 'desc' as const } }
    const first = big.query({ ...query, offset: 0, limit: 50 })
    const second = big.query({ ...query, offset: 50, limit: 50 })
    big.query({ offset: 0, limit: 1 }) // evict
    const again = big.query({ ...query, offset: 0, limit: 100 })
    expect(again.rows).toEqual([...first.rows, ...second.rows])
    const amounts = again.rows.map((r) => r.totalOrderAmount ?? -1)
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
    expect(again.rows.every((r) => r.isActive === true)).toBe(true)
  })
})

describe('Dataset accounts', () => {
  it('returns an account by index and refuses one out of range', () => {
    expect(dataset.account(3)).toBe(accounts[3])
    expect(() => dataset.account(5)).toThrow(/no account #6 in this file; it holds 5/)
    expect(() => dataset.account(-1)).toThrow(AppFailure)
  })
})
