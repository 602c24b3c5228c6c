// The renderer's one door to the app: Electron's preload when present, else the loopback HTTP
// host. Both speak the same contract and neither ever throws: failures arrive as AppError values.
import type { Bridge, CallName, EventName, Events, PreloadApi } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'

declare global {
  interface Window {
    inspector?: PreloadApi
  }
}

export function createBridge(): Bridge {
  return window.inspector ? ipcBridge(window.inspector) : httpBridge(takeKey())
}

function ipcBridge(api: PreloadApi): Bridge {
  return {
    async call(name, input) {
      try {
        const call = api.calls[name] as (input: unknown) => Promise<Result<never>>
        // Electron's structured clone refuses Svelte's reactive proxies; every input is plain JSON,
        // so a JSON round trip hands IPC exactly what the HTTP host would receive.
        return await call(input === undefined ? undefined : JSON.parse(JSON.stringify(input)))
      } catch {
        return transportFailure()
      }
    },
    on: (name, listener) => api.on(name, listener),
  }
}

/** The key arrives in the URL fragment (never sent over HTTP) and is moved to session storage. */
function takeKey(): string {
  const match = /(?:^#|&)key=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (match) {
    sessionStorage.setItem('inspector-key', match[1])
    history.replaceState(null, '', location.pathname + location.search)
    return match[1]
  }
  return sessionStorage.getItem('inspector-key') ?? ''
}

function httpBridge(key: string): Bridge {
  // This page load's name: the host closes the files a page opened once the page is gone.
  const page = crypto.randomUUID()
  type Listener = (payload: unknown) => void
  const listeners = new Map<EventName, Set<Listener>>()
  let streaming = false

  async function stream() {
    streaming = true
    for (let attempt = 0; attempt < 1000; attempt++) {
      try {
        const response = await fetch('/api/events', { headers: { 'x-inspector-key': key, 'x-inspector-page': page } })
        if (!response.ok || !response.body) break
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end: number
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            deliver(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
          }
        }
      } catch {
        // The host went away; try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }

  function deliver(block: string) {
    let name = ''
    let data = ''
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7)
      else if (line.startsWith('data: ')) data += line.slice(6)
    }
    const set = listeners.get(name as EventName)
    if (!set || !data) return
    const payload: unknown = JSON.parse(data)
    for (const listener of set) listener(payload)
  }

  return {
    async call<K extends CallName>(name: K, input: unknown) {
      try {
        const response = await fetch(`/api/call/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-inspector-key': key, 'x-inspector-page': page },
          body: JSON.stringify(input ?? {}),
        })
        if (response.status === 401) {
          return {
            ok: false as const,
            error: {
              kind: 'invalid-input' as const,
              message: 'This page is not connected to Account Inspector.',
              hint: 'Open the address the app printed when it started.',
            },
          }
        }
        return (await response.json()) as Result<never>
      } catch {
        return transportFailure()
      }
    },
    on<E extends EventName>(name: E, listener: (payload: Events[E]) => void) {
      if (!streaming) void stream()
      const set = listeners.get(name) ?? new Set<Listener>()
      listeners.set(name, set)
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    },
  }
}

function transportFailure(): Result<never> {
  return {
    ok: false,
    error: { kind: 'internal', message: 'The app’s main process did not answer.', hint: 'Restart Account Inspector.' },
  }
}
