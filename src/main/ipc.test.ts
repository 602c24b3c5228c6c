// The IPC transport, with Electron's ipcMain and window replaced by small fakes: every contract
// call gets its own channel, only our own window's main frame is answered, payloads still go
// through the shared dispatch, and events reach the window.
import { describe, expect, it, vi } from 'vitest'
import { callChannel, callNames, eventChannel } from '../shared/channels'
import { createEventHub } from './events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from './core'
import { typedPathDialogs } from './dialogs'

type Handler = (event: unknown, input: unknown) => Promise<unknown>
const handlers = new Map<string, Handler>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}))

const { registerIpc } = await import('./ipc')

function fakeWindow() {
  const sent: unknown[][] = []
  const mainFrame = { url: 'file:///app/out/renderer/index.html' }
  const webContents = { id: 7, mainFrame, send: (...args: unknown[]) => sent.push(args) }
  return { window: { webContents, isDestroyed: () => false }, mainFrame, sent }
}

function event(sender: { id: number }, frame: unknown) {
  return { sender: { ...sender, once: () => {}, removeListener: () => {} }, senderFrame: frame }
}

describe('registerIpc', () => {
  it('answers only our own window’s main frame, through the dispatch step', async () => {
    const { window, mainFrame, sent } = fakeWindow()
    const events = createEventHub()
    const dispatched: [unknown, unknown][] = []
    const unregister = registerIpc({
      dispatch: async (name, input) => {
        dispatched.push([name, input])
        return { ok: true, value: 'answer' }
      },
      events,
      window: window as never,
      isOwnRenderer: (url) => url === 'file:///app/out/renderer/index.html',
    })
    expect([...handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort())

    const handler = handlers.get(callChannel('app.info'))!
    expect(await handler(event({ id: 7 }, mainFrame), {})).toEqual({ ok: true, value: 'answer' })
    expect(dispatched).toEqual([['app.info', {}]])

    const refusals = [
      event({ id: 8 }, mainFrame), // another window
      event({ id: 7 }, { url: mainFrame.url }), // a subframe of ours
      event({ id: 7 }, null), // a frame that is gone
    ]
    for (const foreign of refusals) {
      expect(await handler(foreign, {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    }
    mainFrame.url = 'https://evil.example/'
    expect(await handler(event({ id: 7 }, mainFrame), {})).toMatchObject({ ok: false })
    expect(dispatched).toHaveLength(1)

    events.emit('profiles.changed', {})
    expect(sent).toEqual([[eventChannel, 'profiles.changed', {}]])

    unregister()
    expect(handlers.size).toBe(0)
    events.emit('profiles.changed', {})
    expect(sent).toHaveLength(1)
  })

  it('refuses our own window naming a path to read or write: only handles main issued work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspector-ipc-'))
    const file = join(dir, 'accounts.jsonl')
    writeFileSync(file, '{"id":1}\n')
    const core = await createCore({
      host: 'electron',
      userDataDir: dir,
      dialogs: { ...typedPathDialogs, confirmsReplace: true, chooseOpenPath: async () => file },
      log: () => {},
      keychainService: `Account Inspector ipc test ${process.pid}`,
    })
    const { window, mainFrame } = fakeWindow()
    const unregister = registerIpc({ dispatch: core.dispatch, events: core.events, window: window as never, isOwnRenderer: () => true })
    try {
      const ours = event({ id: 7 }, mainFrame)
      const send = (name: Parameters<typeof callChannel>[0], input: unknown) => handlers.get(callChannel(name))!(ours, input)
      for (const [name, input] of [
        ['datasets.open', { path: file }],
        ['datasets.open', { handle: file }],
        ['profiles.importFile', { path: file }],
        ['profiles.exportFile', { path: join(dir, 'out.json') }],
        ['files.grantTypedPath', { path: file, purpose: 'open' }],
      ] as const) {
        expect(await send(name, input), `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
      }
      const chosen = (await send('files.chooseOpen', { kind: 'accounts' })) as { ok: true; value: { handle: string } }
      expect(await send('datasets.open', { handle: chosen.value.handle })).toMatchObject({
        ok: true,
        value: { name: 'accounts.jsonl', count: 1 },
      })
    } finally {
      unregister()
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
