// File access by capability. The main process reads or writes only paths it was given by the
// person — its own open/save dialogs, a drop on the window, the command line, the recent-files
// list, or (browser host only) one checked, logged typed path — and hands the renderer an opaque
// handle for each. The renderer names handles, never paths: a script injected into the page can
// use what the person chose, nothing else.
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { fail } from '../../shared/errors'

/** Reading a file, or writing one. A handle granted for one is refused for the other. */
export type FilePurpose = 'open' | 'save'

/** Where a grant came from, for the access log. */
export type GrantSource = 'dialog' | 'drop' | 'command line' | 'recent files' | 'typed path'

export interface FileGrant {
  handle: string
  path: string
  /** The file's name, which the renderer may show. */
  name: string
  purpose: FilePurpose
  source: GrantSource
  /** The person already agreed to replace the file (a native save dialog asked). */
  replaceConfirmed: boolean
}

/** Enough for a long session; the oldest grants are forgotten first. */
const MAX_GRANTS = 1000

export class FileGrants {
  readonly #grants = new Map<string, FileGrant>()
  readonly #log: (line: string) => void

  constructor(options: { log?: (line: string) => void } = {}) {
    this.#log = options.log ?? (() => {})
  }

  /** Grants access to `path` for `purpose`. The same grant again returns the same handle. */
  issue(path: string, purpose: FilePurpose, source: GrantSource, options: { replaceConfirmed?: boolean } = {}): FileGrant {
    const replaceConfirmed = options.replaceConfirmed ?? false
    for (const grant of this.#grants.values()) {
      if (grant.path === path && grant.purpose === purpose && grant.replaceConfirmed === replaceConfirmed) return grant
    }
    const grant: FileGrant = {
      handle: `f-${randomBytes(18).toString('base64url')}`,
      path,
      name: basename(path),
      purpose,
      source,
      replaceConfirmed,
    }
    this.#grants.set(grant.handle, grant)
    while (this.#grants.size > MAX_GRANTS) this.#grants.delete(this.#grants.keys().next().value as string)
    // Where, never what: the log names the file and never holds a byte of it.
    this.#log(`file access: ${purpose} ${path} (${source})`)
    return grant
  }

  /** The grant behind a handle the renderer sent, for this purpose; anything else is refused. */
  use(handle: string, purpose: FilePurpose): FileGrant {
    const grant = this.#grants.get(handle)
    if (!grant) {
      fail('invalid-input', 'That file was not chosen in this session of the app.', {
        hint: purpose === 'open' ? 'Open the file again.' : 'Choose where to save again.',
      })
    }
    if (grant.purpose !== purpose) {
      fail(
        'invalid-input',
        `${grant.name} was chosen to be ${grant.purpose === 'open' ? 'read' : 'written'}, not ${purpose === 'open' ? 'read' : 'written'}.`,
        {
          hint: purpose === 'open' ? 'Open the file again.' : 'Choose where to save again.',
        },
      )
    }
    return grant
  }
}
