// What a customer bundle must look like before any view trusts it. A file someone hands us may be
// of a newer version, cut short or edited by hand: each problem names where it is and what to do.
import { BUNDLE_KIND, sectionIds, type BundledSection, type CustomerBundle, type SectionId } from '../../shared/customer360'
import { AppFailure } from '../../shared/errors'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function bad(where: string, message: string, hint = 'Export the customer bundle again from Account Inspector.'): AppFailure {
  return new AppFailure({ kind: 'bad-file', message, hint, where })
}

/** Why one stored section is not usable, or null when it is. */
function sectionProblem(value: unknown): string | null {
  if (!isObject(value)) return 'is not an object'
  if (typeof value.readAt !== 'string' || Number.isNaN(Date.parse(value.readAt))) return 'has no readAt time'
  if (typeof value.tenant !== 'string') return 'does not say which tenant it was read from'
  const hasData = Object.hasOwn(value, 'data')
  const hasError = Object.hasOwn(value, 'error')
  if (hasData === hasError) return 'must hold either data or an error'
  if (hasError) {
    const error = value.error
    if (!isObject(error) || typeof error.kind !== 'string' || typeof error.message !== 'string')
      return 'has an error without a kind and message'
  }
  return null
}

const sectionIdSet = new Set<string>(sectionIds)

/**
 * `value` as a CustomerBundle, or a 'bad-file' failure saying what is wrong and where
 * (`where` prefixes the place, e.g. "line 12"). Unknown sections are refused rather than
 * dropped: a bundle read without complaint must show everything it holds.
 */
export function checkBundle(value: unknown, where = 'the bundle'): CustomerBundle {
  if (!isObject(value)) throw bad(where, `${where} is not a customer bundle: it is not a JSON object.`)
  if (value.kind !== BUNDLE_KIND) {
    throw bad(where, `${where} is not a customer bundle: its kind is ${JSON.stringify(value.kind ?? null)}, not "${BUNDLE_KIND}".`)
  }
  if (value.version !== 1) {
    const newer = typeof value.version === 'number' && value.version > 1
    throw bad(
      where,
      `${where} is a customer bundle of version ${JSON.stringify(value.version ?? null)}; this app reads version 1.`,
      newer ? 'Open it with a newer Account Inspector, or export it again with this one.' : undefined,
    )
  }
  if (typeof value.exportedAt !== 'string' || Number.isNaN(Date.parse(value.exportedAt))) {
    throw bad(`${where}.exportedAt`, `${where} does not say when it was exported (exportedAt is missing or not a date).`)
  }
  if (typeof value.tenant !== 'string') throw bad(`${where}.tenant`, `${where} does not say which tenant it was read from.`)
  if (!isObject(value.account)) throw bad(`${where}.account`, `${where} has no customer account.`)
  if (typeof value.account.id !== 'number') throw bad(`${where}.account.id`, `${where}'s account has no numeric id.`)
  if (!isObject(value.sections)) throw bad(`${where}.sections`, `${where} has no sections object.`)
  for (const [id, section] of Object.entries(value.sections)) {
    if (!sectionIdSet.has(id)) throw bad(`${where}.sections.${id}`, `${where} holds a section "${id}" this app does not know.`)
    const problem = sectionProblem(section)
    if (problem) throw bad(`${where}.sections.${id}`, `${where}'s ${id} section ${problem}.`)
  }
  if (value.keyed !== undefined) {
    if (!isObject(value.keyed)) throw bad(`${where}.keyed`, `${where}'s keyed sections are not an object.`)
    for (const [id, byKey] of Object.entries(value.keyed)) {
      if (!sectionIdSet.has(id)) throw bad(`${where}.keyed.${id}`, `${where} holds keyed section "${id}" this app does not know.`)
      if (!isObject(byKey)) throw bad(`${where}.keyed.${id}`, `${where}'s ${id} entries are not an object keyed by id.`)
      for (const [key, section] of Object.entries(byKey)) {
        const problem = sectionProblem(section)
        if (problem) throw bad(`${where}.keyed.${id}.${key}`, `${where}'s ${id} ${key} ${problem}.`)
      }
    }
  }
  if (typeof value.redacted !== 'boolean') throw bad(`${where}.redacted`, `${where} does not say whether personal data is masked.`)
  return value as unknown as CustomerBundle
}

/** The stored section, or undefined when the bundle does not hold it. */
export function storedSection(bundle: CustomerBundle, section: SectionId, key: string | null): BundledSection | undefined {
  if (key === null) return bundle.sections[section]
  const byKey = bundle.keyed?.[section]
  return byKey && Object.hasOwn(byKey, key) ? byKey[key] : undefined
}
