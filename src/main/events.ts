// Main → renderer events, typed by the contract. Each host subscribes its own transport.
import type { EventName, Events } from '../shared/contract'

export type EventListener = <E extends EventName>(name: E, payload: Events[E]) => void

export interface EventHub {
  emit<E extends EventName>(name: E, payload: Events[E]): void
  subscribe(listener: EventListener): () => void
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
