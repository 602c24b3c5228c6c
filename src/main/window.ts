// The one window, hardened per Electron's security checklist. Its preload exposes only the
// contract (see src/preload); the page is our own bundled renderer and nothing else.
import { BrowserWindow } from 'electron'

export function createMainWindow(preload: string): BrowserWindow {
  return new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Account Inspector',
    backgroundColor: '#16181d',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A dropped file becomes a navigation, which index.ts always refuses and turns into
      // "open this file": the sandboxed page itself never learns where files live.
      navigateOnDragDrop: true,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  })
}
