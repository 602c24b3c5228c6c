import { describe, expect, it } from 'vitest'
import type { FieldSpec } from '../../../shared/kiboFields'
import { customerAuthTicketFields } from '../../../shared/kiboFields'
import { checkResponseFields, pathsFromSelection } from '../../../shared/responseFields'
import {
  applySuggestion,
  checkPath,
  checkState,
  filterFields,
  problemContext,
  selectionIndex,
  sortPaths,
  textFromPaths,
  toggleField,
  uncheckPath,
} from './fieldSelection'

const schema: FieldSpec[] = [
  { name: 'accessToken', type: 'string' },
  {
    name: 'customerAccount',
    type: 'object',
    children: [
      { name: 'id', type: 'integer' },
      { name: 'emailAddress', type: 'string' },
      {
        name: 'contacts',
        type: 'array',
        children: [
          { name: 'id', type: 'integer' },
          {
            name: 'address',
            type: 'object',
            children: [
              { name: 'cityOrTown', type: 'string' },
              { name: 'countryCode', type: 'string' },
            ],
          },
        ],
      },
    ],
  },
]

const paths = (text: string) => {
  const check = checkResponseFields(text, schema)
  expect(check.syntaxOk).toBe(true)
  return pathsFromSelection(check.fields)
}

describe('checkState', () => {
  it('reports all, some and none', () => {
    const index = selectionIndex(paths('accessToken,customerAccount(contacts(address(cityOrTown)))'))
    expect(checkState(index, ['accessToken'])).toBe('all')
    expect(checkState(index, ['customerAccount'])).toBe('some')
    expect(checkState(index, ['customerAccount', 'contacts', 'address'])).toBe('some')
    expect(checkState(index, ['customerAccount', 'contacts', 'address', 'cityOrTown'])).toBe('all')
    expect(checkState(index, ['customerAccount', 'id'])).toBe('none')
    const whole = selectionIndex(paths('customerAccount'))
    expect(checkState(whole, ['customerAccount', 'contacts', 'id'])).toBe('all')
  })
})

describe('checking and unchecking', () => {
  it('checking a field selects it whole and absorbs selections inside it', () => {
    const next = checkPath(paths('customerAccount(id,contacts(id))'), ['customerAccount', 'contacts'])
    expect(textFromPaths(next, schema)).toBe('customerAccount(id,contacts)')
    expect(textFromPaths(checkPath([], ['customerAccount']), schema)).toBe('customerAccount')
  })

  it('unchecking a field inside a whole ancestor keeps its siblings at every level', () => {
    const next = uncheckPath([['customerAccount']], ['customerAccount', 'contacts', 'address', 'cityOrTown'], schema)
    expect(textFromPaths(next, schema)).toBe('customerAccount(id,emailAddress,contacts(id,address(countryCode)))')
  })

  it('unchecking a selected field removes it', () => {
    expect(textFromPaths(uncheckPath(paths('accessToken,customerAccount(id)'), ['accessToken'], schema), schema)).toBe(
      'customerAccount(id)',
    )
  })

  it('toggle: partly checked becomes checked, checked becomes unchecked', () => {
    let p = paths('customerAccount(id)')
    p = toggleField(p, ['customerAccount'], schema)
    expect(textFromPaths(p, schema)).toBe('customerAccount')
    p = toggleField(p, ['customerAccount'], schema)
    expect(textFromPaths(p, schema)).toBe('')
  })

  it('keeps unknown fields and orders the rest like the schema', () => {
    const p = paths('zzz,customerAccount(contacts,id),accessToken')
    expect(sortPaths(p, schema)).toEqual([['accessToken'], ['customerAccount', 'id'], ['customerAccount', 'contacts'], ['zzz']])
    expect(textFromPaths(toggleField(p, ['customerAccount', 'emailAddress'], schema), schema)).toBe(
      'accessToken,customerAccount(id,emailAddress,contacts),zzz',
    )
  })

  it('works on the real auth ticket schema', () => {
    const p = toggleField([], ['customerAccount', 'emailAddress'], customerAuthTicketFields)
    const text = textFromPaths(p, customerAuthTicketFields)
    expect(text).toBe('customerAccount(emailAddress)')
    expect(checkResponseFields(text, customerAuthTicketFields).problems).toEqual([])
  })
})

describe('filterFields', () => {
  it('shows matches, their ancestors and descendants', () => {
    const f = filterFields(schema, 'CITY')
    expect(f.matches).toBe(1)
    expect([...f.visible].sort()).toEqual([
      'customerAccount',
      'customerAccount.contacts',
      'customerAccount.contacts.address',
      'customerAccount.contacts.address.cityOrTown',
    ])
    expect([...f.open].sort()).toEqual(['customerAccount', 'customerAccount.contacts', 'customerAccount.contacts.address'])
    const address = filterFields(schema, 'address')
    expect(address.visible.has('customerAccount.contacts.address.countryCode')).toBe(true)
    expect(address.visible.has('customerAccount.emailAddress')).toBe(true)
    expect(address.visible.has('accessToken')).toBe(false)
  })
})

describe('problems', () => {
  it('marks the bad span and applies a suggestion', () => {
    const text = 'accessToken,customerAccount(emailAdress)'
    const check = checkResponseFields(text, schema)
    const problem = check.problems[0]
    expect(problem.suggestion).toBe('emailAddress')
    expect(problemContext(text, problem)).toEqual({ before: 'accessToken,customerAccount(', bad: 'emailAdress', after: ')' })
    expect(applySuggestion(text, problem)).toBe('accessToken,customerAccount(emailAddress)')
  })

  it('cuts long text to a window around the problem', () => {
    const text = 'a'.repeat(100) + ' ' + 'b'.repeat(100)
    const ctx = problemContext(text, { position: 100, length: 1 }, 10)
    expect(ctx).toEqual({ before: '…' + 'a'.repeat(10), bad: ' ', after: 'b'.repeat(10) + '…' })
    expect(problemContext('ab', { position: 2, length: 0 })).toEqual({ before: 'ab', bad: '', after: '' })
  })
})
