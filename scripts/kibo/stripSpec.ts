// Kibo's OpenAPI documents less their prose: what the tests check requests and answers against
// (paths, methods, parameters, statuses, schemas and formats), without descriptions, summaries,
// examples or tags. Pure, so the generator and its test share it.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Keys that carry prose or documentation only; nothing a validator reads. */
const PROSE = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'tags', 'x-codegen-request-body-name'])

function strip(value: Json, underProperties: boolean): Json {
  if (Array.isArray(value)) return value.map((v) => strip(v, false))
  if (value === null || typeof value !== 'object') return value
  const out: { [key: string]: Json } = {}
  for (const [key, child] of Object.entries(value)) {
    // Under `properties` every key is a field name (a field may be called `description`).
    if (!underProperties && PROSE.has(key)) continue
    out[key] = strip(child, key === 'properties' && !underProperties)
  }
  return out
}

export interface StrippedSpec {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, unknown>
  components: { schemas: Record<string, unknown> }
}

/** The parts of an OpenAPI document a validator needs, prose removed. */
export function stripSpec(doc: Record<string, unknown>): StrippedSpec {
  const info = (doc.info ?? {}) as { title?: string; version?: string }
  const components = (doc.components ?? {}) as { schemas?: Record<string, Json> }
  return {
    openapi: String(doc.openapi ?? ''),
    info: { title: String(info.title ?? ''), version: String(info.version ?? '') },
    paths: strip((doc.paths ?? {}) as Json, false) as Record<string, unknown>,
    components: { schemas: strip((components.schemas ?? {}) as Json, false) as Record<string, unknown> },
  }
}
