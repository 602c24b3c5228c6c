// Exposes exactly the contract's calls and events to the renderer: no ipcRenderer, no Node, no
// generic channel. Logic lives in main; this file only forwards.
import { contextBridge, ipcRenderer } from 'electron'
import { callChannel, callNames, eventChannel, eventNames } from '../shared/channels'
import type { PreloadApi } from '../shared/contract'

const calls = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(callChannel(name), input)]),
) as PreloadApi['calls']

const api: PreloadApi = {
  calls: Object.freeze(calls),
  on(name, listener) {
    if (!(eventNames as readonly string[]).includes(name)) return () => {}
    const forward = (_event: unknown, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload as Parameters<typeof listener>[0])
    }
    ipcRenderer.on(eventChannel, forward)
    return () => ipcRenderer.removeListener(eventChannel, forward)
  },
}

contextBridge.exposeInMainWorld('inspector', Object.freeze(api))
