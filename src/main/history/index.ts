// One impersonation history per app core, in impersonation-history.json in the settings folder.
import type { Core } from '../core'
import { createConfStore, createMemoryStore } from '../profiles'
import { ImpersonationHistory } from './impersonationHistory'

export { ImpersonationHistory, MAX_ENTRIES_PER_PROFILE, MAX_SNAPSHOT_BYTES } from './impersonationHistory'

const histories = new WeakMap<object, ImpersonationHistory>()

export function historyFor(core: Pick<Core, 'userDataDir'>): ImpersonationHistory {
  let history = histories.get(core)
  if (!history) {
    let store
    try {
      store = createConfStore({ cwd: core.userDataDir, configName: 'impersonation-history' })
    } catch {
      store = createMemoryStore()
    }
    history = new ImpersonationHistory(store)
    histories.set(core, history)
  }
  return history
}
