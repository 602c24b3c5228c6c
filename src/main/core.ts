// What both hosts share: the services, the handlers built on them and the dispatch step. The
// Electron entry and the browser host differ only in how they carry calls and show dialogs.
import { createRequire } from 'node:module'
import type { CreateBackingStore } from './profiles'
import { createConfStore, createMemoryStore, openProfileStore, type BackingStore, type ProfileStore } from './profiles'
import { SecretVault } from './secrets'
import { createDispatch, type Dispatch } from './dispatch'
import type { Dialogs } from './dialogs'
import { createEventHub, type EventHub } from './events'
import { Operations } from './operations'
import { Inspector } from './inspector/inspector'
import { DemoTenant } from './inspector/demo'
import { DatasetRegistry } from './datasets'
import { createBundleSections, type BundleSections } from './bundles'
import { createHandlers } from './handlers'
import { SettingsStore } from './settings/settingsStore'
import { FileGrants, RecentFiles } from './fileAccess'

export interface CoreOptions {
  host: 'electron' | 'web'
  userDataDir: string
  dialogs: Dialogs
  version?: string
  /** Electron passes electron-store; plain Node uses conf. */
  createBackingStore?: CreateBackingStore
  /** Tests use their own keychain service so they never touch a person's entries. */
  keychainService?: string
  /** Browser host: the one folder typed save names may go in. */
  exportFolder?: string
  /** Where the file-access log goes (default: the host's standard output). */
  log?: (line: string) => void
}

/** The files main may touch: handles it issued, the recent list, and (browser host) the export folder. */
export interface FileAccess {
  grants: FileGrants
  recent: RecentFiles
  exportFolder: string | null
}

export interface Core {
  host: 'electron' | 'web'
  version: string
  dialogs: Dialogs
  userDataDir: string
  profiles: ProfileStore
  settings: SettingsStore
  vault: SecretVault
  operations: Operations
  inspector: Inspector
  demo: DemoTenant
  datasets: DatasetRegistry
  /** Sections of customer bundles opened as files (customer.section with a bundle source). */
  bundles: BundleSections
  files: FileAccess
  events: EventHub
  dispatch: Dispatch
  close(): Promise<void>
}

/** The app's version from its package.json, wherever the bundler put this code. */
function packageVersion(): string {
  const require = createRequire(import.meta.url)
  for (const candidate of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const found = require(candidate) as { name?: string; version?: string }
      if (found.name === 'account-inspector' && found.version) return found.version
    } catch {
      // Not at this level; look one up.
    }
  }
  return 'unknown'
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const profiles = openProfileStore({ directory: options.userDataDir, createBackingStore: options.createBackingStore })
  const settings = new SettingsStore({ directory: options.userDataDir, createBackingStore: options.createBackingStore })
  const vault = new SecretVault({ service: options.keychainService })
  const demo = new DemoTenant()
  const inspector = new Inspector({
    getProfile: (id) => profiles.get(id),
    getSecret: async (profile) => (await vault.getClientSecret(profile.id)) ?? demo.builtInSecret(profile),
    demoUrl: () => demo.url(),
    timeoutMs: () => settings.get().kiboTimeoutSeconds * 1000,
  })
  const operations = new Operations()
  const events = createEventHub()
  const datasets = new DatasetRegistry()
  let recentStore: BackingStore
  try {
    recentStore = (options.createBackingStore ?? createConfStore)({ cwd: options.userDataDir, configName: 'recent-files' })
  } catch {
    recentStore = createMemoryStore()
  }
  const files: FileAccess = {
    grants: new FileGrants({ log: options.log ?? ((line) => console.log(line)) }),
    recent: new RecentFiles(recentStore),
    exportFolder: options.host === 'web' ? (options.exportFolder ?? null) : null,
  }
  const core: Core = {
    host: options.host,
    version: options.version ?? packageVersion(),
    dialogs: options.dialogs,
    userDataDir: options.userDataDir,
    profiles,
    settings,
    vault,
    operations,
    inspector,
    demo,
    datasets,
    bundles: createBundleSections(datasets),
    files,
    events,
    dispatch: undefined as unknown as Dispatch,
    async close() {
      operations.cancelAll()
      await datasets.closeAll()
      await demo.close()
    },
  }
  core.dispatch = createDispatch(createHandlers(core), (error, call) => {
    // A bug, not a Kibo answer: name the call and the error's type, never its text (it may quote input).
    console.error(`Account Inspector: unexpected ${(error as Error)?.name ?? typeof error} in ${call}`)
  })
  return core
}
