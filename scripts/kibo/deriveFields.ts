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

/** The whole text of kiboFields.ts. */
export function renderKiboFieldsModule(doc: OpenApiDocument): string {
  const deriver = new Deriver(doc)
  for (const [schema] of exportedTrees) deriver.named(schema)
  const names = new Map<FieldSpec[], string>()
  const blocks: string[] = []
  for (const schema of deriver.order) {
    const fields = deriver.named(schema)
    const constName = constNameFor(schema)
    names.set(fields, constName)
    const spread = deriver.spreads.get(schema) ?? []
    const spreadLines = spread.map((part) => `  ...${names.get(deriver.named(part))},`)
    const ownFields = fields.slice(spread.reduce((n, part) => n + deriver.named(part).length, 0))
    const body = [...spreadLines, ...ownFields.map((field) => renderField(field, names))].join('\n')
    blocks.push(`/** ${schema} */\nexport const ${constName}: FieldSpec[] = [\n${body}\n]\n`)
  }
  return [
    "// GENERATED by `npm run gen:kibo` (scripts/kibo/deriveFields.ts) from Kibo's Customer API document.",
    '// Do not edit by hand; regenerate after the document changes.',
    '// The field trees drive the responseFields editor, its validator and the account filter.',
    '// Lists are shared between the places that reference the same schema: treat them as read-only.',
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
  ].join('\n')
}
