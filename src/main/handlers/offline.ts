import { basename } from 'node:path'
import type { DatasetSummary } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { CustomerAccount } from '../../shared/kibo'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { diffAccounts, openDataset } from '../datasets'
import { exportAccounts } from '../exports'

type OfflineCalls = 'exports.accounts' | 'datasets.open' | 'datasets.query' | 'datasets.account' | 'datasets.close' | 'compare.accounts'

const exportFilters = {
  json: [{ name: 'JSON', extensions: ['json'] }],
  jsonl: [{ name: 'JSON Lines', extensions: ['jsonl', 'ndjson'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
}
const openFilters = [
  { name: 'Account exports', extensions: ['json', 'jsonl', 'ndjson'] },
  { name: 'All files', extensions: ['*'] },
]

export function offlineHandlers(core: Core): Pick<Handlers, OfflineCalls> {
  const { operations, inspector, datasets, events } = core

  const dataset = (id: string) => datasets.get(id) ?? fail('not-found', 'That file is no longer open.', { hint: 'Open it again.' })

  return {
    'exports.accounts': async ({ profileId, operationId, scope, format, columns, redact, path }, { signal }) => {
      const profile = core.profiles.get(profileId) ?? fail('not-found', 'That profile no longer exists.')
      const stamp = new Date().toISOString().slice(0, 10)
      const target =
        path ??
        (await core.dialogs.chooseSavePath({
          title: 'Export accounts',
          defaultName: `${profile.name.replace(/[^\w.-]+/g, '-')}-accounts-${stamp}.${format}`,
          filters: exportFilters[format],
        }))
      if (!target) return null
      return operations.run({ id: operationId, profileId, parent: signal }, async (s, id) => {
        let source: AsyncIterable<CustomerAccount[]>
        let total: number
        if (scope.kind === 'account') {
          const account = await inspector.getAccount(profileId, scope.accountId, undefined, s)
          source = (async function* () {
            yield [account]
          })()
          total = 1
        } else {
          const params = scope.kind === 'search' ? { q: scope.q, filter: scope.filter, sortBy: scope.sortBy } : {}
          const first = await inspector.searchAccounts(profileId, { ...params, startIndex: 0, pageSize: 1 }, s)
          total = first.totalCount
          source = await inspector.allAccounts(profileId, params, s)
        }
        return exportAccounts({
          source,
          path: target,
          format,
          columns,
          redact,
          total,
          signal: s,
          onProgress: (p) =>
            events.emit('progress', {
              operationId: id,
              phase: 'export',
              done: p.done,
              total: p.total,
              ratePerSecond: p.ratePerSecond,
              etaSeconds: p.etaSeconds,
            }),
        })
      })
    },

    'datasets.open': async ({ path, operationId }, { signal }): Promise<DatasetSummary | null> => {
      const source = path ?? (await core.dialogs.chooseOpenPath({ title: 'Open an account export', filters: openFilters }))
      if (!source) return null
      return operations.run({ id: operationId, parent: signal }, async (s, id) => {
        const handle = await openDataset(source, {
          signal: s,
          onProgress: (p) =>
            events.emit('progress', {
              operationId: id,
              phase: `reading ${basename(source)}`,
              done: p.done,
              total: p.total,
              ratePerSecond: p.ratePerSecond ?? null,
              etaSeconds: p.etaSeconds ?? null,
            }),
        })
        datasets.add(handle)
        return handle.summary
      })
    },
    'datasets.query': async ({ datasetId, ...query }) => dataset(datasetId).query(query),
    'datasets.account': async ({ datasetId, index }) => dataset(datasetId).account(index),
    'datasets.close': async ({ datasetId }) => ({ closed: await datasets.close(datasetId) }),

    'compare.accounts': async ({ left, right }, { signal }) => {
      // A live side is a Kibo call like any other: a profile switch or delete cancels it.
      const load = async (source: typeof left): Promise<CustomerAccount> =>
        source.kind === 'dataset'
          ? dataset(source.datasetId).account(source.index)
          : operations.run({ profileId: source.profileId, parent: signal }, (s) =>
              inspector.getAccount(source.profileId, source.accountId, undefined, s),
            )
      const [before, after] = await Promise.all([load(left), load(right)])
      return diffAccounts(before, after)
    },
  }
}
