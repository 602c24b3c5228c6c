// File choosing differs by host: the desktop app shows native dialogs; the browser host cannot,
// so there the person types a path, which main checks (files.grantTypedPath). Handlers only see
// this interface, and hand the renderer a handle for what was chosen, never the path to name.
import { fail } from '../shared/errors'

export interface FileFilter {
  name: string
  extensions: string[]
}

/** What opens as an account export: from the File menu and from files.chooseOpen alike. */
export const accountExportFilters: FileFilter[] = [
  { name: 'Account exports', extensions: ['json', 'jsonl', 'ndjson'] },
  { name: 'All files', extensions: ['*'] },
]

export interface Dialogs {
  /** The save dialog itself asks before a file is replaced (so the app need not ask again). */
  confirmsReplace: boolean
  /** A path to write to, or null if the person cancelled. */
  chooseSavePath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>
  /** A path to read from, or null if the person cancelled. */
  chooseOpenPath(options: { title: string; filters: FileFilter[] }): Promise<string | null>
}

/** The browser host has no file dialogs: a missing path is a clear input error. */
export const typedPathDialogs: Dialogs = {
  confirmsReplace: false,
  chooseSavePath: () =>
    fail('invalid-input', 'Type the name of the file to write.', { hint: 'The browser version cannot show a file dialog.' }),
  chooseOpenPath: () =>
    fail('invalid-input', 'Type the path of the file to open.', { hint: 'The browser version cannot show a file dialog.' }),
}
