// The preload exposes exactly the contract: one frozen function per call, a filtered event
// subscription, nothing generic, and it imports nothing but electron and the contract.
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { callChannel, callNames, eventChannel } from '../shared/channels'

const exposed: Record<string, unknown> = {}
const invoked: unknown[][] = []
const listeners = new Map<string, ((...args: unknown[]) => void)[]>()
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => invoked.push(args),
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: unknown) =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      ),
  },
}))

await import('./index')

describe('preload', () => {
  const api = exposed.inspector as {
    calls: Record<string, (input: unknown) => Promise<unknown>>
    on: (name: string, l: (p: unknown) => void) => () => void
  }

  it('exposes one function per contract call and nothing else', async () => {
    expect(Object.keys(exposed)).toEqual(['inspector'])
    expect(Object.keys(api).sort()).toEqual(['calls', 'on'])
    expect(Object.keys(api.calls).sort()).toEqual([...callNames].sort())
    expect(Object.isFrozen(api) && Object.isFrozen(api.calls)).toBe(true)
    await api.calls['app.info']({})
    expect(invoked).toEqual([[callChannel('app.info'), {}]])
  })

  it('delivers only contract events, to the matching listener, and unsubscribes', () => {
    const got: unknown[] = []
    const off = api.on('progress', (p) => got.push(p))
    const ignored = api.on('not-an-event', () => got.push('wrong'))
    const forward = listeners.get(eventChannel)!
    expect(forward).toHaveLength(1)
    forward[0]({}, 'progress', { done: 1 })
    forward[0]({}, 'file.open', { path: '/x' })
    expect(got).toEqual([{ done: 1 }])
    off()
    ignored()
    expect(listeners.get(eventChannel)).toEqual([])
  })

  it('imports nothing but electron and the contract', () => {
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8')
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)].map((m) => `${m[1] ? 'type ' : ''}${m[2]}`)
    expect(imports).toEqual(['electron', '../shared/channels', 'type ../shared/contract'])
    expect(source).toMatch(/import \{ contextBridge, ipcRenderer \} from 'electron'/)
  })
})
