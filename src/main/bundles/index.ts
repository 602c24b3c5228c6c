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

/** Core's `bundles`: the sections of bundles opened as files. */
export function createBundleSections(datasets: Records): BundleSections {
  return new BundleSections((datasetId, index) => recordOf(datasets, datasetId, index))
}
