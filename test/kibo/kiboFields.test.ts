import { describe, expect, it } from 'vitest'
import customerSpec from './customer.json'
import { deriveFields, shortDescription, type OpenApiDocument } from '../../scripts/kibo/deriveFields'
import { accountCollectionFields, customerAccountFields, customerAuthTicketFields, type FieldSpec } from '../../src/shared/kiboFields'

// The committed document has no prose, so the trees are compared without their descriptions; the
// descriptions themselves are checked by generated.test.ts against Kibo's full document.
const doc = customerSpec as unknown as OpenApiDocument

function withoutDescriptions(fields: FieldSpec[]): FieldSpec[] {
  return fields.map(({ description: _, children, ...rest }) => (children ? { ...rest, children: withoutDescriptions(children) } : rest))
}

function find(fields: FieldSpec[], path: string[]): FieldSpec | undefined {
  let level: FieldSpec[] | undefined = fields
  let found: FieldSpec | undefined
  for (const name of path) {
    found = level?.find((f) => f.name === name)
    level = found?.children
  }
  return found
}

describe('kiboFields', () => {
  it('the static trees equal the ones derived from the committed Customer API document', () => {
    expect(withoutDescriptions(customerAuthTicketFields)).toStrictEqual(deriveFields(doc, 'CustomerAuthTicket'))
    expect(withoutDescriptions(customerAccountFields)).toStrictEqual(deriveFields(doc, 'CustomerAccount'))
    expect(withoutDescriptions(accountCollectionFields)).toStrictEqual(deriveFields(doc, 'CustomerAccountCollection'))
  })

  it('resolves allOf (AccountBase first) and $ref, with arrays holding their item fields', () => {
    const names = customerAccountFields.map((f) => f.name)
    expect(names.slice(0, 3)).toEqual(['id', 'customerSet', 'commerceSummary'])
    expect(names).toContain('emailAddress')
    expect(names).toContain('hasExternalPassword')
    expect(find(customerAccountFields, ['contacts'])?.type).toBe('array')
    expect(find(customerAccountFields, ['contacts', 'address', 'cityOrTown'])?.type).toBe('string')
    expect(find(customerAccountFields, ['contacts', 'phoneNumbers', 'mobile'])?.type).toBe('string')
    expect(find(customerAccountFields, ['contacts', 'types', 'isPrimary'])?.type).toBe('boolean')
    expect(find(customerAccountFields, ['segments', 'auditInfo', 'updateDate'])).toMatchObject({ type: 'string', format: 'date-time' })
    expect(find(customerAccountFields, ['commerceSummary', 'totalOrderAmount', 'amount'])).toMatchObject({
      type: 'number',
      format: 'double',
    })
    expect(find(customerAccountFields, ['attributes', 'values'])).toStrictEqual({ name: 'values', type: 'array' })
    expect(find(customerAuthTicketFields, ['customerAccount', 'notes', 'content'])?.type).toBe('string')
    expect(accountCollectionFields.map((f) => f.name)).toEqual(['startIndex', 'pageSize', 'pageCount', 'totalCount', 'items'])
    expect(find(accountCollectionFields, ['items'])?.children).toBe(customerAccountFields)
  })

  it('keeps descriptions to their first sentence', () => {
    expect(shortDescription('"Email addresss of the customer.')).toBe('Email addresss of the customer.')
    expect(shortDescription('List of notes. \r\nNotes are internal.')).toBe('List of notes.')
    expect(shortDescription('No full stop')).toBe('No full stop')
    expect(shortDescription(undefined)).toBeUndefined()
    expect(find(customerAccountFields, ['emailAddress'])?.description).toBe('Email addresss of the customer.')
  })
})
