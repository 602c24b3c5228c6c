// The desktop app's composition root: lifecycle, the one window, its hardening, and wiring.
// The real work lives in the electron-free domain folders, shared with the browser host.
import { join } from 'node:path'
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, type BrowserWindow, dialog, Menu, session } from 'electron'
import ElectronStore from 'electron-store'
import { createCore, type Core } from './core'
import { accountExportFilters, type Dialogs } from './dialogs'
import { registerIpc } from './ipc'
import { createMainWindow } from './window'

const rendererFile = join(import.meta.dirname, '../renderer/index.html')
const rendererUrl = pathToFileURL(rendererFile).href
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

let core: Core | null = null
let window: BrowserWindow | null = null

app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', (_event, argv) => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
    const path = fileFromArgs(argv.slice(1))
    if (path) grantAndOpen(path, 'command line')
  })
  app.on('web-contents-created', (_event, contents) => {
    // No page may navigate, open windows or attach webviews: there is only our renderer.
    contents.on('will-navigate', (event, url) => {
      event.preventDefault()
      const path = droppedFile(url)
      if (path) grantAndOpen(path, 'drop')
    })
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => void core?.close())
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Account Inspector could not start', String(error))
    app.quit()
  })
}

async function start() {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  core = await createCore({
    host: 'electron',
    userDataDir: app.getPath('userData'),
    dialogs: nativeDialogs,
    version: app.getVersion(),
    // electron-store is conf with Electron's paths; the browser host uses conf itself.
    createBackingStore: ({ cwd, configName }) => new ElectronStore({ cwd, name: configName, clearInvalidConfig: false }),
  })
  Menu.setApplicationMenu(applicationMenu())

  window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'))
  registerIpc({
    dispatch: core.dispatch,
    events: core.events,
    window,
    isOwnRenderer: (url) => (devServerUrl ? url.startsWith(devServerUrl) : url === rendererUrl),
  })
  window.once('ready-to-show', () => window?.show())
  window.webContents.once('did-finish-load', () => {
    const path = fileFromArgs(process.argv.slice(app.isPackaged ? 1 : 2))
    if (path) grantAndOpen(path, 'command line')
  })
  if (devServerUrl) await window.loadURL(devServerUrl)
  else await window.loadFile(rendererFile)
}

/** A file the person handed to the app: main grants it and the renderer gets only a handle. */
function grantAndOpen(path: string, source: 'command line' | 'drop' | 'dialog') {
  if (!core) return
  const { handle, name } = core.files.grants.issue(path, 'open', source)
  core.events.emit('file.open', { handle, name })
}

const nativeDialogs: Dialogs = {
  // macOS and Windows always ask before an existing file is chosen; Linux asks when told to.
  confirmsReplace: true,
  async chooseSavePath({ title, defaultName, filters }) {
    const options = {
      title,
      defaultPath: join(app.getPath('documents'), defaultName),
      filters,
      properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
    }
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  },
  async chooseOpenPath({ title, filters }) {
    const options = { title, filters, properties: ['openFile' as const] }
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
}

function applicationMenu(): Menu {
  const openFile = async () => {
    const path = await nativeDialogs.chooseOpenPath({
      title: 'Open an account export',
      filters: accountExportFilters,
    })
    if (path) grantAndOpen(path, 'dialog')
  }
  return Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void openFile() },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ])
}

/** A file dropped on the window arrives as a navigation to its file: URL. */
function droppedFile(url: string): string | null {
  if (!url.startsWith('file:') || url === rendererUrl) return null
  try {
    const path = fileURLToPath(url)
    return existsSync(path) && statSync(path).isFile() ? path : null
  } catch {
    return null
  }
}

/** The first command-line argument naming an existing file: `account-inspector export.jsonl`. */
function fileFromArgs(args: string[]): string | null {
  for (const arg of args) {
    if (arg.startsWith('-')) continue
    try {
      if (existsSync(arg) && statSync(arg).isFile()) return arg
    } catch {
      // Not a readable path; keep looking.
    }
  }
  return null
}
