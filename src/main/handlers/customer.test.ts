// customer.section routes a live query to the profile's Inspector as an operation of that
// profile (so Cancel and switching profiles stop it), and a bundle query to the opened bundles.
import { describe, expect, it } from 'vitest'
import type { SectionQuery, SectionView } from '../../shared/customer360'
import { appErrorOf } from '../../../test/failures'
import type { Core } from '../core'
import { Operations } from '../operations'
import { customerHandlers } from './customer'

const view = (from: 'live' | 'bundle'): SectionView => ({
  section: 'auditLog',
  key: null,
  data: { items: [] },
  readAt: '2026-01-01T00:00:00.000Z',
  tenant: 't',
  from,
  correlationId: null,
  requestId: null,
})

function core(withBundles: boolean) {
  const operations = new Operations()
  const live: { profileId: string; query: SectionQuery; signal: AbortSignal }[] = []
  const fromBundles: SectionQuery[] = []
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const fake = {
    operations,
    inspector: {
      readSection: async (profileId: string, query: SectionQuery, signal: AbortSignal) => {
        live.push({ profileId, query, signal })
        if (query.operationId === 'slow') await held
        return view('live')
      },
    },
    ...(withBundles ? { bundles: { readSection: async (query: SectionQuery) => (fromBundles.push(query), view('bundle')) } } : {}),
  } as unknown as Core
  return { handler: customerHandlers(fake)['customer.section'], operations, live, fromBundles, release: () => release() }
}

const signal = new AbortController().signal
const live = { kind: 'live' as const, profileId: 'p1', accountId: 1001 }
const bundle = { kind: 'bundle' as const, datasetId: 'd1', index: 0 }

describe('customer.section', () => {
  it('reads a live section through the profile’s inspector', async () => {
    const { handler, live: calls } = core(true)
    await expect(handler({ source: live, section: 'auditLog' }, { signal })).resolves.toMatchObject({ from: 'live' })
    expect(calls).toEqual([{ profileId: 'p1', query: { source: live, section: 'auditLog' }, signal: expect.any(AbortSignal) }])
  })

  it('runs a live read as an operation of that profile: cancelled by id, or by switching profiles', async () => {
    const first = core(false)
    const pending = first.handler({ source: live, section: 'auditLog', operationId: 'slow' }, { signal })
    await Promise.resolve()
    expect(first.operations.cancel('slow')).toBe(true)
    expect(first.live[0].signal.aborted).toBe(true)
    first.release()
    await pending
    const second = core(false)
    const other = second.handler({ source: live, section: 'auditLog', operationId: 'slow' }, { signal })
    await Promise.resolve()
    expect(second.operations.cancelOtherProfiles('p2')).toBe(1)
    expect(second.live[0].signal.aborted).toBe(true)
    second.release()
    await other
  })

  it('reads a bundle section from the opened bundles, never live', async () => {
    const { handler, live: calls, fromBundles } = core(true)
    await expect(handler({ source: bundle, section: 'auditLog' }, { signal })).resolves.toMatchObject({ from: 'bundle' })
    expect(fromBundles).toHaveLength(1)
    expect(calls).toEqual([])
  })

  it('without a bundles service, says a file cannot be read and what to do instead', async () => {
    const { handler } = core(false)
    const error = await appErrorOf(handler({ source: bundle, section: 'auditLog' }, { signal }))
    expect(error).toMatchObject({ kind: 'invalid-input', hint: 'Open the customer live from a profile instead.' })
  })
})
