// Customer bundles: one customer's account and 360 sections as one document, written, read back
// section by section for the views, and compared.
import type { DatasetRegistry } from '../datasets'
import { BundleSections } from './reader'

export { checkBundle, storedSection } from './format'
export { collectBundle, type CollectOptions, type ReadSection } from './collect'
export { writeBundles, type WriteBundlesOptions } from './writer'
export { sectionFromBundle, BundleSections } from './reader'
export { compareBundles } from './compare'

/** The registry as this code uses it: `record` returns a file's whole record (a bundle), not just its account. */
type Records = Pick<DatasetRegistry, 'record'>

/** The whole record at `index` of an opened file. */
export function recordOf(datasets: Records, datasetId: string, index: number): Promise<unknown> {
  return datasets.record(datasetId, index)
}

/**
 * Core's `bundles`: the sections of bundles opened as files. The customer on screen is kept per
 * open file, so its views' dozen section reads fetch the bundle from the worker once; kept by the
 * file's handle, so a file opened again (a new handle, even under the same id) is read afresh.
 */
export function createBundleSections(datasets: Records & Pick<DatasetRegistry, 'get'>): BundleSections {
  const shown = new WeakMap<object, { index: number; record: Promise<unknown> }>()
  return new BundleSections((datasetId, index) => {
    const handle = datasets.get(datasetId)
    if (!handle) return datasets.record(datasetId, index)
    const kept = shown.get(handle)
    if (kept?.index === index) return kept.record
    const record = handle.record(index)
    shown.set(handle, { index, record })
    // A failure is not kept: asking again tries again.
    record.catch(() => {
      if (shown.get(handle)?.record === record) shown.delete(handle)
    })
    return record
  })
}
