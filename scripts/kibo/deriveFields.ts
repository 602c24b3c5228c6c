// Derives the static field trees in src/shared/kiboFields.ts from Kibo's OpenAPI document, and
// renders that file. The app ships the static file; `npm run gen:kibo` writes it, and
// test/kibo/kiboFields.test.ts checks it against the committed copy of the document.

import type { FieldSpec } from '../../src/shared/kiboFields'

interface SchemaObject {
  type?: string
  format?: string
  description?: string
  properties?: Record<string, SchemaObject>
  allOf?: SchemaObject[]
  items?: SchemaObject
  $ref?: string
}

export interface OpenApiDocument {
  components: { schemas: Record<string, SchemaObject> }
}

/** The trees kiboFields.ts exports, by schema name, with the name of their constant. */
const exportedTrees: Array<[schema: string, constName: string]> = [
  ['CustomerAuthTicket', 'customerAuthTicketFields'],
  ['CustomerAccount', 'customerAccountFields'],
  ['CustomerAccountCollection', 'accountCollectionFields'],
]

/**
 * Each section of the customer's 360 (src/shared/customer360.ts) and the schema its responseFields is
 * written against, from the customer or the commerce document. For a paged section that is the item's
 * schema: the inspector wraps it into items(...) for Kibo.
 */
export const sectionSchemas = {
  auditLog: ['customer', 'CustomerAuditEntry'],
  loginState: ['customer', 'LoginState'],
  cards: ['customer', 'Card'],
  transactions: ['customer', 'Transaction'],
  purchaseOrder: ['customer', 'CustomerPurchaseOrderAccount'],
  credits: ['customer', 'CustomerCredit'],
  visits: ['customer', 'Visit'],
  b2b: ['customer', 'B2BAccount'],
  cart: ['commerce', 'Cart'],
  orders: ['commerce', 'CommerceRuntimeOrder'],
  order: ['commerce', 'CommerceRuntimeOrder'],
  wishlists: ['commerce', 'Wishlist'],
} as const satisfies Record<string, readonly ['customer' | 'commerce', string]>

/** Parts of composite sections that have their own schema (a view may offer them on their own). */
const partSchemas = {
  customer: ['PurchaseOrderTransaction', 'CreditTransaction', 'CreditAuditEntry', 'B2BUser', 'UserRole'],
  commerce: ['CartSummary', 'CommerceRuntimeChangeMessage'],
} as const

const fieldTypes = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array'])

function refName(ref: string): string {
  const prefix = '#/components/schemas/'
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref}`)
  return ref.slice(prefix.length)
}

function constNameFor(schema: string): string {
  const exported = exportedTrees.find(([name]) => name === schema)
  if (exported) return exported[1]
  return schema[0].toLowerCase() + schema.slice(1) + 'Fields'
}

/** Commerce trees carry the document's name, so a schema both documents define gets two constants. */
function commerceConstNameFor(schema: string): string {
  return `commerce${schema.startsWith('Commerce') ? schema.slice('Commerce'.length) : schema}Fields`
}

/** First sentence, whitespace collapsed, stray quotes gone (the spec has a few typos). */
export function shortDescription(text: string | undefined): string | undefined {
  if (!text) return undefined
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/^["'\s]+/, '')
    .trim()
  const end = flat.search(/[.!?](\s|$)/)
  const sentence = (end >= 0 ? flat.slice(0, end + 1) : flat).trim()
  return sentence === '' ? undefined : sentence
}

class Deriver {
  /** Schemas whose field lists were derived, in dependency order (children first). */
  readonly order: string[] = []
  private readonly done = new Map<string, FieldSpec[]>()
  private readonly inProgress = new Set<string>()
  /** allOf members of named schemas, so the rendered file can spread them instead of copying. */
  readonly spreads = new Map<string, string[]>()

  constructor(private readonly doc: OpenApiDocument) {}

  schema(name: string): SchemaObject {
    const found = this.doc.components.schemas[name]
    if (!found) throw new Error(`Schema ${name} is missing from the document`)
    return found
  }

  /** Fields of a named schema; shared between every place that references it. */
  named(name: string): FieldSpec[] {
    const cached = this.done.get(name)
    if (cached) return cached
    if (this.inProgress.has(name)) throw new Error(`Schema ${name} refers to itself; a static tree cannot hold it`)
    this.inProgress.add(name)
    const schema = this.schema(name)
    const spread = (schema.allOf ?? []).map((part) => (part.$ref ? refName(part.$ref) : ''))
    if (spread.length > 0 && spread.every((part) => part !== '')) this.spreads.set(name, spread)
    const fields = this.fieldsOf(schema)
    this.inProgress.delete(name)
    this.done.set(name, fields)
    this.order.push(name)
    return fields
  }

  /** allOf members first, then the schema's own properties (as Kibo serialises them). */
  fieldsOf(schema: SchemaObject): FieldSpec[] {
    const fields: FieldSpec[] = []
    for (const part of schema.allOf ?? []) {
      fields.push(...(part.$ref ? this.named(refName(part.$ref)) : this.fieldsOf(part)))
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      fields.push(this.field(name, property))
    }
    return fields
  }

  /** The fields inside a schema used as a value, or undefined when it is a scalar. */
  private childrenOf(schema: SchemaObject): FieldSpec[] | undefined {
    if (schema.$ref) return this.named(refName(schema.$ref))
    if (schema.properties || schema.allOf) return this.fieldsOf(schema)
    return undefined
  }

  private typeOf(schema: SchemaObject): FieldSpec['type'] {
    if (schema.$ref) return this.typeOf(this.schema(refName(schema.$ref)))
    if (schema.type && fieldTypes.has(schema.type)) return schema.type as FieldSpec['type']
    if (schema.properties || schema.allOf) return 'object'
    return 'any'
  }

  private field(name: string, property: SchemaObject): FieldSpec {
    const referenced = property.$ref ? this.schema(refName(property.$ref)) : undefined
    const spec: FieldSpec = { name, type: this.typeOf(property) }
    if (property.format) spec.format = property.format
    const description = shortDescription(property.description ?? referenced?.description)
    if (description) spec.description = description
    const children = spec.type === 'array' ? (property.items ? this.childrenOf(property.items) : undefined) : this.childrenOf(property)
    if (children && children.length > 0) spec.children = children
    return spec
  }
}

/** The field tree of one named schema, $ref and allOf resolved. */
export function deriveFields(doc: OpenApiDocument, schemaName: string): FieldSpec[] {
  return new Deriver(doc).named(schemaName)
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

function renderField(field: FieldSpec, names: Map<FieldSpec[], string>): string {
  const parts = [`name: ${quote(field.name)}`, `type: ${quote(field.type)}`]
  if (field.format) parts.push(`format: ${quote(field.format)}`)
  if (field.description) parts.push(`description: ${quote(field.description)}`)
  if (field.children) {
    const shared = names.get(field.children)
    if (!shared) throw new Error(`Inline object under ${field.name} is not supported by the renderer`)
    parts.push(`children: ${shared}`)
  }
  return `  { ${parts.join(', ')} },`
}

/** The blocks of one document's trees, children first; names every list it renders in `names`. */
function renderDocument(
  deriver: Deriver,
  schemas: readonly string[],
  names: Map<FieldSpec[], string>,
  taken: Set<string>,
  constName: (schema: string) => string,
  label: string,
): string[] {
  const blocks: string[] = []
  for (const schema of schemas) {
    const fields = deriver.named(schema)
    let name = constName(schema)
    // A schema both documents define (CommerceRuntimePhone, say) keeps the document's name on the second.
    if (taken.has(name) && label) name = `${label.split(' ')[0].toLowerCase()}Doc${schema}Fields`
    if (taken.has(name)) throw new Error(`Two schemas would both be exported as ${name}`)
    taken.add(name)
    names.set(fields, name)
    const spread = deriver.spreads.get(schema) ?? []
    const spreadLines = spread.map((part) => `  ...${names.get(deriver.named(part))},`)
    const ownFields = fields.slice(spread.reduce((n, part) => n + deriver.named(part).length, 0))
    const body = [...spreadLines, ...ownFields.map((field) => renderField(field, names))].join('\n')
    blocks.push(`/** ${label}${schema} */\nexport const ${name}: FieldSpec[] = [\n${body}\n]\n`)
  }
  return blocks
}

/** The whole text of kiboFields.ts: the customer document's trees, then (given) the commerce document's and the section map. */
export function renderKiboFieldsModule(doc: OpenApiDocument, commerce?: OpenApiDocument): string {
  const deriver = new Deriver(doc)
  for (const [schema] of exportedTrees) deriver.named(schema)
  const names = new Map<FieldSpec[], string>()
  const taken = new Set<string>()
  const blocks = renderDocument(deriver, [...deriver.order], names, taken, constNameFor, '')
  const sections: string[] = []
  if (commerce) {
    // Section trees come after the account's, so the account's constants keep their place in the file.
    const start = deriver.order.length
    for (const schema of [
      ...Object.values(sectionSchemas)
        .filter(([d]) => d === 'customer')
        .map(([, s]) => s),
      ...partSchemas.customer,
    ])
      deriver.named(schema)
    blocks.push(...renderDocument(deriver, deriver.order.slice(start), names, taken, constNameFor, ''))
    const commerceDeriver = new Deriver(commerce)
    for (const schema of [
      ...Object.values(sectionSchemas)
        .filter(([d]) => d === 'commerce')
        .map(([, s]) => s),
      ...partSchemas.commerce,
    ])
      commerceDeriver.named(schema)
    blocks.push(...renderDocument(commerceDeriver, [...commerceDeriver.order], names, taken, commerceConstNameFor, 'Commerce document: '))
    const lines = Object.entries(sectionSchemas).map(([section, [d, schema]]) => {
      const tree = d === 'customer' ? deriver.named(schema) : commerceDeriver.named(schema)
      return `  ${section}: ${names.get(tree)},`
    })
    sections.push(
      '/** Each section of the 360 and the tree its responseFields is written against (a paged section: its item). */',
      'export const sectionFields: Record<SectionId, FieldSpec[]> = {',
      ...lines,
      '}',
      '',
    )
  }
  return [
    commerce
      ? "// GENERATED by `npm run gen:kibo` (scripts/kibo/deriveFields.ts) from Kibo's Customer and Commerce API documents."
      : "// GENERATED by `npm run gen:kibo` (scripts/kibo/deriveFields.ts) from Kibo's Customer API document.",
    '// Do not edit by hand; regenerate after the document changes.',
    '// The field trees drive the responseFields editor, its validator and the account filter.',
    '// Lists are shared between the places that reference the same schema: treat them as read-only.',
    ...(commerce ? ['', "import type { SectionId } from './customer360'"] : []),
    '',
    'export interface FieldSpec {',
    '  name: string',
    "  type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any'",
    '  format?: string',
    '  description?: string',
    '  /** For objects their fields; for arrays of objects the fields of each item. */',
    '  children?: FieldSpec[]',
    '}',
    '',
    blocks.join('\n'),
    ...sections.slice(0, -1),
  ].join('\n')
}
