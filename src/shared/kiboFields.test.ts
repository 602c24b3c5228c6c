import { describe, expect, it } from 'vitest'
import customerSpec from '../../../shared/kibo/openapi_customer.json'
import { deriveFields, renderKiboFieldsModule, shortDescription, type OpenApiDocument } from './kiboFields.gen'
import { accountCollectionFields, customerAccountFields, customerAuthTicketFields, type FieldSpec } from './kiboFields'

const doc = customerSpec as unknown as OpenApiDocument

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
  it('the static trees equal the ones derived from openapi_customer.json', () => {
    expect(customerAuthTicketFields).toStrictEqual(deriveFields(doc, 'CustomerAuthTicket'))
    expect(customerAccountFields).toStrictEqual(deriveFields(doc, 'CustomerAccount'))
    expect(accountCollectionFields).toStrictEqual(deriveFields(doc, 'CustomerAccountCollection'))
  })

  it('kiboFields.ts is exactly what the generator renders (run with -u to regenerate)', async () => {
    await expect(renderKiboFieldsModule(doc)).toMatchFileSnapshot('./kiboFields.ts')
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
    expect(find(customerAccountFields, ['commerceSummary', 'totalOrderAmount', 'amount'])).toMatchObject({ type: 'number', format: 'double' })
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
