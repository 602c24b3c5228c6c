// Opening account files offline: recognise, parse in a worker, list, search, filter, compare.
export { openDataset, type DatasetHandle, type OpenDatasetOptions } from './openDataset'
export { DatasetRegistry, MAX_OPEN_DATASETS } from './registry'
export { diffAccounts } from './diff'
export { LEAN_FROM_BYTES, parseAccountFile, type ParsedAccounts, type ParseOptions } from './parseFile'
export type { DatasetQuery, DatasetSort, DatasetSortField } from './dataset'
export { datasetWorkerStart, type WorkerStart } from './workerScript'
