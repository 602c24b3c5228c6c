// `npm run web`: the app's handlers behind the loopback HTTP host, for a plain Chromium.
import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore } from './core'
import { typedPathDialogs } from './dialogs'
import { defaultExportFolder } from './fileAccess'
import { shutDown } from './shutdown'
import { startWebHost } from './webHost'

const usage = 'usage: node out/main/web.js [--port N] [--user-data DIR] [--export-folder DIR] [--keychain-service NAME] [FILE …]'

async function main() {
  let values: { port?: string; 'user-data'?: string; 'keychain-service'?: string; 'export-folder'?: string }
  let files: string[]
  try {
    const parsed = parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'user-data': { type: 'string' },
        'keychain-service': { type: 'string' },
        'export-folder': { type: 'string' },
      },
    })
    values = parsed.values
    files = parsed.positionals.map((file) => resolve(file))
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    process.exit(2)
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number.\n${usage}`)
    process.exit(2)
  }
  const userDataDir = values['user-data'] ?? defaultUserDataDir()
  mkdirSync(userDataDir, { recursive: true })
  // The one folder a page may save into, chosen by whoever started the host, never by the page.
  const exportFolder = values['export-folder'] ? resolve(values['export-folder']) : await defaultExportFolder()
  const core = await createCore({
    host: 'web',
    userDataDir,
    dialogs: typedPathDialogs,
    keychainService: values['keychain-service'],
    exportFolder,
  })
  const host = await startWebHost({
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    dispatch: core.dispatch,
    events: core.events,
    port,
    // Files named on the command line open once the page is there to show them.
    onListening: () => {
      for (const path of files.splice(0)) {
        const { handle, name } = core.files.grants.issue(path, 'open', 'command line')
        core.events.emit('file.open', { handle, name })
      }
    },
  })
  console.log(`Account Inspector is running at ${host.url}`)
  console.log(`Settings and profiles: ${userDataDir}`)
  console.log(`Exports are saved in: ${exportFolder} (change with --export-folder DIR)`)

  // Open files' workers end with core.close(); a close that hangs still ends the process in 3 s.
  const stop = () =>
    void shutDown(async () => {
      await host.close()
      await core.close()
    })
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** Beside the desktop app's own folder, so the two never share a profiles file. */
function defaultUserDataDir(): string {
  const name = 'Account Inspector (browser host)'
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name)
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name)
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name)
}

void main()
