import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatasetView, ExportResult, FileExistsAnswer } from '../../shared/contract'
import { fail } from '../../shared/errors'
import { indexFromBytes } from '../../shared/settings'
import type { CustomerAccount } from '../../shared/kibo'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { diffAccounts } from '../datasets'
import { historyFor } from '../history'
import { exportAccounts } from '../exports'
import { FileExists } from '../exports/atomicFile'
import { profileGone } from '../profiles'

type OfflineCalls = 'exports.accounts' | 'datasets.open' | 'datasets.query' | 'datasets.account' | 'datasets.close' | 'compare.accounts'

/** Asked before replacing: the renderer turns this into "Replace?" and retries with replace: true. */
export const existsAnswer = (path: string, name: string): FileExistsAnswer => ({ status: 'exists', path, name })

export function offlineHandlers(core: Core): Pick<Handlers, OfflineCalls> {
  const { operations, inspector, datasets, events, files } = core

  const dataset = (id: string) => datasets.get(id) ?? fail('not-found', 'That file is no longer open.', { hint: 'Open it again.' })

  return {
    'exports.accounts': async ({ profileId, operationId, scope, format, columns, redact, handle, replace }, { signal }) => {
      if (!core.profiles.get(profileId)) profileGone()
      const grant = files.grants.use(handle, 'save')
      const target = grant.path
      const replacing = replace === true || grant.replaceConfirmed
      // Ask before fetching a single account; the write itself checks again (see AtomicFile).
      if (!replacing && (await lstat(target).catch(() => null))) return existsAnswer(target, grant.name)
      return operations.run({ id: operationId, profileId, parent: signal }, async (s, id): Promise<ExportResult | FileExistsAnswer> => {
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
        const written = await exportAccounts({
          source,
          path: target,
          format,
          columns,
          redact,
          replace: replacing,
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
        }).catch((error: unknown) => {
          if (error instanceof FileExists) return null
          throw error
        })
        if (!written) return existsAnswer(target, grant.name)
        return { status: 'written', path: written.path, count: written.count, bytes: written.bytes, redacted: redact }
      })
    },

    'datasets.open': async ({ handle: fileHandle, operationId }, { signal }): Promise<DatasetView> => {
      const grant = files.grants.use(fileHandle, 'open')
      const source = grant.path
      return operations.run({ id: operationId, parent: signal }, async (s, id) => {
        // Through the registry: the same file is not read twice, and the cap is checked before a worker starts.
        const handle = await datasets.open(source, {
          signal: s,
          leanFromBytes: indexFromBytes(core.settings.get()),
          indexDir: join(core.userDataDir, 'file-indexes'),
          onProgress: (p) =>
            events.emit('progress', {
              operationId: id,
              phase: `reading ${grant.name}`,
              done: p.done,
              total: p.total,
              ratePerSecond: p.ratePerSecond ?? null,
              etaSeconds: p.etaSeconds ?? null,
            }),
        })
        files.recent.add(source)
        // The renderer shows the name; where the file is stays in main.
        const { path: where, ...shown } = handle.summary
        void where
        return shown
      })
    },
    'datasets.query': async ({ datasetId, operationId, ...query }, { signal }) => {
      const handle = dataset(datasetId)
      // A filter on fields outside the columns of a large file reads it through: say how far, and let it be cancelled.
      return operations.run({ id: operationId, parent: signal }, (s, id) =>
        handle.query(query, {
          signal: s,
          onProgress: (p) =>
            events.emit('progress', {
              operationId: id,
              phase: `reading ${handle.summary.name} for the filter`,
              done: p.done,
              total: p.total,
              ratePerSecond: p.ratePerSecond ?? null,
              etaSeconds: p.etaSeconds ?? null,
            }),
        }),
      )
    },
    'datasets.account': async ({ datasetId, index }) => dataset(datasetId).account(index),
    'datasets.close': async ({ datasetId }) => ({ closed: await datasets.close(datasetId) }),

    'compare.accounts': async ({ left, right }, { signal }) => {
      // A live side is a Kibo call like any other: a profile switch or delete cancels it.
      const load = async (source: typeof left): Promise<CustomerAccount> =>
        source.kind === 'dataset'
          ? dataset(source.datasetId).account(source.index)
          : source.kind === 'history'
            ? historyFor(core).snapshot(source.profileId, source.entryId)
            : operations.run({ profileId: source.profileId, parent: signal }, (s) =>
                inspector.getAccount(source.profileId, source.accountId, undefined, s),
              )
      const [before, after] = await Promise.all([load(left), load(right)])
      // A history snapshot keeps personal data masked: the other side is masked the same way,
      // so what did not change compares equal.
      const masked = (source: typeof left, account: CustomerAccount) =>
        source.kind !== 'history' && (left.kind === 'history' || right.kind === 'history') ? historyFor(core).mask(account) : account
      return diffAccounts(masked(left, before), masked(right, after))
    },
  }
}
