// Test utility: checks requests and responses against Kibo's own OpenAPI documents
// (their prose-free copies in test/kibo, written by `npm run gen:kibo`). OpenAPI 3.0 schemas are converted to JSON Schema
// (nullable → a 'null' type, allOf merged into one object, $ref to components) and checked with
// ajv. `strict: true` also rejects properties the spec does not name, which Kibo's response
// schemas never do on their own, so a typo in a producer cannot pass silently.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { MAX_INT32, MIN_INT32 } from '../src/shared/int32'

const kiboDir = fileURLToPath(new URL('./kibo/', import.meta.url))

type Schema = Record<string, unknown>
interface Parameter {
  name: string
  in: string
  required?: boolean
  schema?: Schema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> }
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>
}
type PathItem = Record<string, Operation> & { parameters?: Parameter[] }
interface OpenApiDoc {
  paths: Record<string, PathItem>
  components: { schemas: Record<string, Schema> }
}

export interface ValidateOptions {
  /** Reject properties the spec does not declare. */
  strict?: boolean
}

export interface RequestToValidate {
  method: string
  /** A concrete path, with or without /api and a query string: /api/commerce/customer/accounts/1001 */
  path: string
  query?: Record<string, string> | URLSearchParams
  body?: unknown
}

const DOCS = { customer: 'customer.json', appdev: 'appdevelopment.json', commerce: 'commerce.json' } as const
type DocName = keyof typeof DOCS

let docs: Record<DocName, OpenApiDoc> | undefined
/** Kibo's documents as committed under test/kibo by `npm run gen:kibo`. */
export function openApiDocs(): Record<DocName, OpenApiDoc> {
  if (!docs) {
    const load = (file: string): OpenApiDoc => JSON.parse(readFileSync(join(kiboDir, file), 'utf8')) as OpenApiDoc
    docs = { customer: load(DOCS.customer), appdev: load(DOCS.appdev), commerce: load(DOCS.commerce) }
  }
  return docs
}

// ---- OpenAPI 3.0 → JSON Schema ----

const DROP = new Set(['nullable', 'description', 'example', 'xml', 'deprecated', 'readOnly', 'writeOnly', 'externalDocs', 'allOf'])
const REF_PREFIX = '#/components/schemas/'

function refName(ref: string): string {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`Unsupported $ref ${ref}`)
  return ref.slice(REF_PREFIX.length)
}

function convert(s: Schema, doc: DocName, strict: boolean): Schema {
  const d = openApiDocs()[doc]
  if (typeof s.$ref === 'string') {
    const ref = { $ref: `${doc}#/definitions/${refName(s.$ref)}` }
    return s.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref
  }
  const out: Schema = {}
  for (const [k, v] of Object.entries(s)) if (!DROP.has(k)) out[k] = v
  if (Array.isArray(s.allOf)) {
    // Merge, so that one object holds every property and additionalProperties:false sees them all.
    const properties: Record<string, Schema> = {}
    const required = new Set<string>()
    const absorb = (part: Schema): void => {
      const target = typeof part.$ref === 'string' ? d.components.schemas[refName(part.$ref)] : part
      if (Array.isArray(target.allOf)) for (const p of target.allOf as Schema[]) absorb(p)
      Object.assign(properties, target.properties ?? {})
      for (const r of (target.required as string[] | undefined) ?? []) required.add(r)
    }
    for (const part of s.allOf as Schema[]) absorb(part)
    Object.assign(properties, (s.properties as Record<string, Schema> | undefined) ?? {})
    for (const r of (s.required as string[] | undefined) ?? []) required.add(r)
    out.type = 'object'
    out.properties = properties
    if (required.size > 0) out.required = [...required]
  }
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Schema>).map(([k, v]) => [k, convert(v, doc, strict)]),
    )
  }
  if (out.items && typeof out.items === 'object') out.items = convert(out.items as Schema, doc, strict)
  if (out.additionalProperties && typeof out.additionalProperties === 'object')
    out.additionalProperties = convert(out.additionalProperties as Schema, doc, strict)
  if (s.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]
  }
  // An object that names no properties is Kibo's way of writing "any object" (a B2B hierarchy
  // node's children are nodes written as bare objects): strictness has nothing to hold it to.
  if (strict && out.properties && out.additionalProperties === undefined) out.additionalProperties = false
  return out
}

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (a: Ajv) => Ajv

const ajvs = new Map<boolean, Ajv>()
function ajvFor(strict: boolean): Ajv {
  let ajv = ajvs.get(strict)
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    for (const name of Object.keys(DOCS) as DocName[]) {
      const definitions = Object.fromEntries(
        Object.entries(openApiDocs()[name].components.schemas).map(([k, v]) => [k, convert(v, name, strict)]),
      )
      ajv.addSchema({ $id: name, definitions })
    }
    ajvs.set(strict, ajv)
  }
  return ajv
}

const compiled = new Map<string, ValidateFunction>()
function check(schema: Schema, doc: DocName, value: unknown, strict: boolean, where: string): string[] {
  const key = `${strict}|${doc}|${JSON.stringify(schema)}`
  let validate = compiled.get(key)
  if (!validate) {
    validate = ajvFor(strict).compile(convert(schema, doc, strict))
    compiled.set(key, validate)
  }
  return validate(value) ? [] : (validate.errors ?? []).map((e) => describeError(e, where))
}

function describeError(e: ErrorObject, where: string): string {
  const at = `${where}${e.instancePath}`
  if (e.keyword === 'additionalProperties') return `${at} has a property the spec does not declare: ${String(e.params.additionalProperty)}`
  return `${at} ${e.message ?? 'is invalid'}`
}

/** Validates a value against a named component schema, e.g. 'CustomerAccount'. */
export function validateSchema(name: string, value: unknown, options: ValidateOptions = {}): string[] {
  const doc = (Object.keys(DOCS) as DocName[]).find((n) => openApiDocs()[n].components.schemas[name])
  if (!doc) return [`no schema named ${name}`]
  return check({ $ref: REF_PREFIX + name }, doc, value, options.strict ?? false, name)
}

// ---- finding operations ----

interface Match {
  doc: DocName
  template: string
  item: PathItem
  params: Record<string, string>
}

function stripApi(path: string): string {
  const p = path.split('?')[0]
  return p.startsWith('/api/') ? p.slice(4) : p
}

/** The spec path matching a concrete path; literal segments win over {params}. */
export function findPath(concretePath: string): Match | undefined {
  const segments = stripApi(concretePath).split('/')
  let best: (Match & { literals: number }) | undefined
  for (const doc of Object.keys(DOCS) as DocName[]) {
    for (const [template, item] of Object.entries(openApiDocs()[doc].paths)) {
      const parts = template.split('/')
      if (parts.length !== segments.length) continue
      const params: Record<string, string> = {}
      let literals = 0
      let ok = true
      for (let i = 0; i < parts.length && ok; i++) {
        const m = /^\{(.+)\}$/.exec(parts[i])
        if (m) params[m[1]] = decodeURIComponent(segments[i])
        else if (parts[i] === segments[i]) literals++
        else ok = false
      }
      if (ok && (!best || literals > best.literals)) best = { doc, template, item, params, literals }
    }
  }
  return best
}

function checkScalar(name: string, where: string, raw: string, schema: Schema | undefined): string[] {
  const type = schema?.type
  if (type === 'integer') {
    if (!/^-?\d+$/.test(raw)) return [`${where} ${name} must be an integer, got "${raw}"`]
    const n = Number(raw)
    if (schema?.format === 'int32' && (n < MIN_INT32 || n > MAX_INT32)) return [`${where} ${name} is out of int32 range`]
  } else if (type === 'number') {
    if (raw.trim() === '' || !Number.isFinite(Number(raw))) return [`${where} ${name} must be a number, got "${raw}"`]
  } else if (type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') return [`${where} ${name} must be true or false, got "${raw}"`]
  }
  return []
}

export function validateRequest(req: RequestToValidate, options: ValidateOptions = {}): string[] {
  const method = req.method.toLowerCase()
  const match = findPath(req.path)
  if (!match) return [`no path in Kibo's spec matches ${req.path}`]
  const op = match.item[method] as Operation | undefined
  if (!op || method === 'parameters') return [`${req.method.toUpperCase()} is not an operation of ${match.template}`]
  const errors: string[] = []
  const params = [...(match.item.parameters ?? []), ...(op.parameters ?? [])]

  for (const p of params.filter((x) => x.in === 'path')) {
    const v = match.params[p.name]
    if (v === undefined || v === '') errors.push(`path parameter ${p.name} is missing`)
    else errors.push(...checkScalar(p.name, 'path parameter', v, p.schema))
  }

  const query = new URLSearchParams(req.query instanceof URLSearchParams ? req.query : (req.query ?? {}))
  const inPath = req.path.split('?')[1]
  if (inPath) for (const [k, v] of new URLSearchParams(inPath)) query.append(k, v)
  const declared = new Map(params.filter((x) => x.in === 'query').map((x) => [x.name, x]))
  for (const [k, v] of query) {
    const p = declared.get(k)
    if (!p) errors.push(`query parameter ${k} is not declared for ${req.method.toUpperCase()} ${match.template}`)
    else errors.push(...checkScalar(k, 'query parameter', v, p.schema))
  }
  for (const p of declared.values()) if (p.required && !query.has(p.name)) errors.push(`query parameter ${p.name} is required`)

  const bodySchema = op.requestBody?.content?.['application/json']?.schema
  if (req.body === undefined) {
    if (op.requestBody?.required) errors.push('a request body is required')
  } else if (!bodySchema) {
    errors.push(`${req.method.toUpperCase()} ${match.template} takes no JSON request body`)
  } else {
    errors.push(...check(bodySchema, match.doc, req.body, options.strict ?? false, 'body'))
  }
  return errors
}

export function validateResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const template = stripApi(pathTemplate)
  let doc = (Object.keys(DOCS) as DocName[]).find((n) => openApiDocs()[n].paths[template])
  let item = doc ? openApiDocs()[doc].paths[template] : undefined
  if (!doc || !item) {
    const m = findPath(template)
    if (!m) return [`no path in Kibo's spec matches ${pathTemplate}`]
    ;({ doc, item } = m)
  }
  const op = item[method.toLowerCase()] as Operation | undefined
  if (!op) return [`${method.toUpperCase()} is not an operation of ${template}`]
  const response = op.responses?.[String(status)] ?? op.responses?.default
  if (!response) return [`${method.toUpperCase()} ${template} declares no ${status} response`]
  const schema = response.content?.['application/json']?.schema
  if (!schema) return []
  return check(schema, doc, body, options.strict ?? false, 'response')
}
