// Carries the contract over Electron IPC: one channel per call, the sender checked, the payload
// validated by the shared dispatch step. Events go to the window over a single event channel.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { callChannel, callNames, eventChannel } from '../shared/channels'
import type { Result } from '../shared/errors'
import type { Dispatch } from './dispatch'
import type { EventHub } from './events'

export function registerIpc(options: {
  dispatch: Dispatch
  events: EventHub
  window: BrowserWindow
  /** True for the URL our own renderer was loaded from, and nothing else. */
  isOwnRenderer: (url: string) => boolean
}): () => void {
  const { window } = options
  const refuse: Result<never> = {
    ok: false,
    error: { kind: 'invalid-input', message: 'This request did not come from Account Inspector’s own window.' },
  }
  const fromOwnWindow = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame
    return (
      event.sender.id === window.webContents.id &&
      frame !== null &&
      frame === window.webContents.mainFrame &&
      options.isOwnRenderer(frame.url)
    )
  }

  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event, input: unknown) => {
      if (!fromOwnWindow(event)) return refuse
      const controller = new AbortController()
      const abort = () => controller.abort()
      event.sender.once('destroyed', abort)
      try {
        return await options.dispatch(name, input, { signal: controller.signal })
      } finally {
        event.sender.removeListener('destroyed', abort)
      }
    })
  }

  const unsubscribe = options.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel, name, payload)
  })

  return () => {
    unsubscribe()
    for (const name of callNames) ipcMain.removeHandler(callChannel(name))
  }
}
