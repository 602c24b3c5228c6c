// A dataset added under an id that is already open replaces the old one, and the old one's worker
// ends: a file read again (it changed on disk) must not leave the first read's memory behind.
import { describe, expect, it } from 'vitest'
import type { DatasetSummary } from '../../shared/contract'
import type { DatasetHandle } from './openDataset'
import { DatasetRegistry } from './registry'

function fakeHandle(id: string, path: string) {
  const handle = {
    closed: 0,
    summary: { id, name: path, path, shape: 'array', count: 1, bytes: 10, warnings: [] } satisfies DatasetSummary,
    query: async () => ({ offset: 0, total: 0, matched: 0, rows: [] }),
    account: async () => ({ id: 1 }),
    close: async () => {
      handle.closed++
    },
  }
  return handle as typeof handle & DatasetHandle
}

describe('DatasetRegistry replacing a dataset', () => {
  it('closes the one it replaces, once, and serves the new one under the same id', async () => {
    const registry = new DatasetRegistry()
    const first = fakeHandle('d1', '/data/accounts.json')
    const second = fakeHandle('d1', '/data/accounts.json')
    registry.add(first)
    registry.add(second)
    expect(first.closed).toBe(1)
    expect(second.closed).toBe(0)
    expect(registry.get('d1')).toBe(second)
    expect(registry.size).toBe(1)
    await registry.closeAll()
    expect(first.closed).toBe(1)
    expect(second.closed).toBe(1)
  })

  it('adding the same handle again closes nothing', () => {
    const registry = new DatasetRegistry()
    const only = fakeHandle('d2', '/data/other.json')
    registry.add(only)
    registry.add(only)
    expect(only.closed).toBe(0)
    expect(registry.get('d2')).toBe(only)
  })

  it('leaves datasets with other ids open', () => {
    const registry = new DatasetRegistry()
    const a = fakeHandle('a', '/data/a.json')
    const b = fakeHandle('b', '/data/b.json')
    registry.add(a)
    registry.add(b)
    expect(a.closed + b.closed).toBe(0)
    expect(registry.size).toBe(2)
  })

  it('closes one dataset by id: true the first time, false when nothing has that id', async () => {
    const registry = new DatasetRegistry()
    const a = fakeHandle('a', '/data/a.json')
    const b = fakeHandle('b', '/data/b.json')
    registry.add(a)
    registry.add(b)
    expect(await registry.close('a')).toBe(true)
    expect(a.closed).toBe(1)
    expect(registry.get('a')).toBeUndefined()
    expect(await registry.close('a')).toBe(false)
    expect(a.closed).toBe(1)
    expect(b.closed).toBe(0)
    expect(registry.size).toBe(1)
  })
})
