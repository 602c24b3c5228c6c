// A section from an opened customer bundle, as the renderer would get it live: the same
// SectionView, the same responseFields projection and paging, the time and tenant of the export.
import { narrowSection, sectionInfo, type CustomerBundle, type SectionQuery, type SectionView } from '../../shared/customer360'
import { AppFailure, fail, type ErrorKind, errorKinds } from '../../shared/errors'
import { ResponseFieldsSyntaxError } from '../../shared/responseFields'
import { checkBundle, storedSection } from './format'

const knownKinds = new Set<string>(errorKinds)

/** Reads the whole record at `index` of an opened file (the datasets registry provides it). */
export type RecordReader = (datasetId: string, index: number) => Promise<unknown>

function page(data: unknown, startIndex: number | undefined, pageSize: number | undefined): unknown {
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { items?: unknown }).items)) return data
  if (startIndex === undefined && pageSize === undefined) return data
  const all = (data as { items: unknown[] }).items
  const start = startIndex ?? 0
  const size = pageSize ?? all.length
  const items = all.slice(start, start + size)
  const totalCount = (data as { totalCount?: unknown }).totalCount
  const total = typeof totalCount === 'number' ? totalCount : all.length
  return { ...data, startIndex: start, pageSize: size, pageCount: size > 0 ? Math.ceil(total / size) : 0, totalCount: total, items }
}

/** One section of `bundle` for `query`, or the failure it was stored with, or "not in this bundle". */
export function sectionFromBundle(bundle: CustomerBundle, query: SectionQuery): SectionView {
  const { section } = query
  const info = sectionInfo[section]
  const key = info.keyed ? (query.key ?? null) : null
  if (info.keyed && key === null) fail('invalid-input', `Say which ${info.label.toLowerCase()} to read: it needs a key.`)
  if (query.filter) {
    fail('invalid-input', `${info.label} from a file cannot be filtered: Kibo's filter runs on Kibo's side.`, {
      hint: 'Clear the filter to see what the bundle holds, or read the customer live.',
    })
  }
  const stored = storedSection(bundle, section, key)
  const what = key === null ? info.label : `${info.label} ${key}`
  if (!stored) {
    fail('not-found', `${what} is not in this bundle.`, {
      hint: 'The bundle was exported without it (the profile could not read it, or it did not exist then). Read the customer live to see it.',
    })
  }
  if ('error' in stored) {
    const kind: ErrorKind = knownKinds.has(stored.error.kind) ? (stored.error.kind as ErrorKind) : 'internal'
    throw new AppFailure({
      kind,
      message: `${what} could not be read when the bundle was made (${stored.readAt}, ${stored.tenant}): ${stored.error.message}`,
      hint: 'The bundle holds the failure, not the data. Read the customer live to try again.',
      ...(stored.error.status !== undefined ? { status: stored.error.status } : {}),
    })
  }
  let data = page(stored.data, info.paged ? query.startIndex : undefined, info.paged ? query.pageSize : undefined)
  try {
    data = narrowSection(section, data, query.responseFields)
  } catch (error) {
    if (error instanceof ResponseFieldsSyntaxError) fail('invalid-input', `responseFields: ${error.message}`)
    throw error
  }
  return { section, key, data, readAt: stored.readAt, tenant: stored.tenant, from: 'bundle', correlationId: null, requestId: null }
}

/** What Core offers as `bundles`: sections read from bundles opened as files. */
export class BundleSections {
  readonly #record: RecordReader

  constructor(record: RecordReader) {
    this.#record = record
  }

  async readSection(query: SectionQuery, signal?: AbortSignal): Promise<SectionView> {
    if (query.source.kind !== 'bundle') fail('invalid-input', 'That section is not read from a file.')
    const { datasetId, index } = query.source
    const record = await this.#record(datasetId, index)
    if (signal?.aborted) fail('cancelled', 'The request was cancelled.')
    return sectionFromBundle(checkBundle(record, `Customer ${index + 1} of the file`), query)
  }
}
