// Customer bundles: export one customer (or a search, or the tenant) with every section of the
// 360 the profile can read, and compare two bundles opened from files, section by section.
import { lstat } from 'node:fs/promises'
import type { BundleComparison } from '../../shared/bundleCompare'
import type { ExportResult, FileExistsAnswer } from '../../shared/contract'
import type { CustomerBundle } from '../../shared/customer360'
import { fail } from '../../shared/errors'
import type { CustomerAccount } from '../../shared/kibo'
import { checkBundle, collectBundle, compareBundles, recordOf, writeBundles } from '../bundles'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { FileExists } from '../exports/atomicFile'
import { describeEnvironment } from '../inspector/describe'
import { profileGone } from '../profiles'
import { existsAnswer } from './offline'

type BundleCalls = 'bundles.export' | 'compare.bundles'

export function bundleHandlers(core: Core): Pick<Handlers, BundleCalls> {
  const { operations, inspector, events, files } = core
  return {
    'bundles.export': async ({ profileId, operationId, scope, redact, handle, replace }, { signal }) => {
      const profile = core.profiles.get(profileId) ?? profileGone()
      const grant = files.grants.use(handle, 'save')
      const target = grant.path
      const replacing = replace === true || grant.replaceConfirmed
      if (!replacing && (await lstat(target).catch(() => null))) return existsAnswer(target, grant.name)
      return operations.run({ id: operationId, profileId, parent: signal }, async (s, id): Promise<ExportResult | FileExistsAnswer> => {
        const tenant = describeEnvironment(profile.environment)
        let accounts: AsyncIterable<CustomerAccount[]>
        let total: number
        if (scope.kind === 'account') {
          const account = await inspector.getAccount(profileId, scope.accountId, undefined, s)
          accounts = (async function* () {
            yield [account]
          })()
          total = 1
        } else {
          const params = scope.kind === 'search' ? { q: scope.q, filter: scope.filter, sortBy: scope.sortBy } : {}
          const first = await inspector.searchAccounts(profileId, { ...params, startIndex: 0, pageSize: 1 }, s)
          total = first.totalCount
          accounts = await inspector.allAccounts(profileId, params, s)
        }
        const source = (async function* (): AsyncGenerator<CustomerBundle> {
          for await (const page of accounts) {
            for (const account of page) {
              const accountId = account.id
              // Kibo always sends an id; a row without one cannot be read section by section.
              if (accountId === undefined) continue
              const ticket = inspector.ticketView(profileId)
              yield await collectBundle({
                account: account as unknown as Record<string, unknown> & { id: number },
                tenant,
                shopper: ticket !== null && ticket.accountId === accountId,
                read: (query, readSignal) =>
                  inspector.readSection(profileId, { ...query, source: { kind: 'live', profileId, accountId } }, readSignal),
                signal: s,
              })
            }
          }
        })()
        const written = await writeBundles({
          source,
          path: target,
          format: scope.kind === 'account' ? 'json' : 'jsonl',
          redact,
          replace: replacing,
          total,
          signal: s,
          onProgress: (p) =>
            events.emit('progress', {
              operationId: id,
              phase: 'bundle',
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

    'compare.bundles': async ({ left, right }): Promise<BundleComparison> => {
      const load = async (source: typeof left, which: string) =>
        checkBundle(await recordOf(core.datasets, source.datasetId, source.index), `The ${which} bundle`)
      if (left.datasetId === right.datasetId && left.index === right.index)
        fail('invalid-input', 'Choose two different bundles to compare.')
      const [before, after] = await Promise.all([load(left, 'earlier'), load(right, 'later')])
      return compareBundles(before, after)
    },
  }
}
