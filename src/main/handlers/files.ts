// Choosing files: the only calls that turn a person's choice into a handle. Every call that reads
// or writes takes a handle from here (or from the file.open event); none takes a path.
import { lstat } from 'node:fs/promises'
import { fail } from '../../shared/errors'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { accountExportFilters, type FileFilter } from '../dialogs'
import { checkTypedOpenPath, checkTypedSavePath } from '../fileAccess'

type FileCalls = 'files.chooseOpen' | 'files.chooseSave' | 'files.grantTypedPath' | 'files.recent'

const filters: Record<'accounts' | 'profiles', FileFilter[]> = {
  accounts: accountExportFilters,
  profiles: [{ name: 'Account Inspector profiles', extensions: ['json'] }],
}
const saveFilters: Record<'json' | 'jsonl' | 'csv', FileFilter[]> = {
  json: [{ name: 'JSON', extensions: ['json'] }],
  jsonl: [{ name: 'JSON Lines', extensions: ['jsonl', 'ndjson'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
}

export function fileHandlers(core: Core): Pick<Handlers, FileCalls> {
  const { grants, recent } = core.files

  return {
    'files.chooseOpen': async ({ kind }) => {
      const path = await core.dialogs.chooseOpenPath({
        title: kind === 'accounts' ? 'Open an account export' : 'Import profiles',
        filters: filters[kind],
      })
      if (!path) return null
      const { handle, name } = grants.issue(path, 'open', 'dialog')
      return { handle, name }
    },

    'files.chooseSave': async ({ kind, format, profileId }) => {
      const stamp = new Date().toISOString().slice(0, 10)
      const profileName = profileId ? core.profiles.get(profileId)?.name : undefined
      const extension = kind === 'profiles' ? 'json' : (format ?? 'json')
      const defaultName =
        kind === 'profiles'
          ? 'account-inspector-profiles.json'
          : `${(profileName ?? 'kibo').replace(/[^\w.-]+/g, '-')}-accounts-${stamp}.${extension}`
      const path = await core.dialogs.chooseSavePath({
        title: kind === 'profiles' ? 'Export profiles' : 'Export accounts',
        defaultName,
        filters: kind === 'profiles' ? filters.profiles : saveFilters[extension],
      })
      if (!path) return null
      // The native dialog asked before picking an existing file: that answer is the confirmation.
      const existed = (await lstat(path).catch(() => null)) !== null
      const grant = grants.issue(path, 'save', 'dialog', { replaceConfirmed: existed && core.dialogs.confirmsReplace })
      return { handle: grant.handle, name: grant.name, path: grant.path }
    },

    'files.grantTypedPath': async ({ path, purpose }) => {
      // The desktop app has dialogs: a typed path there could only come from a page naming one.
      if (core.host !== 'web') {
        fail('invalid-input', 'The desktop app does not accept typed file paths.', {
          hint: 'Use Open… or Export…, or drop the file on the window.',
        })
      }
      if (purpose === 'open') {
        const real = await checkTypedOpenPath(path)
        const grant = grants.issue(real, 'open', 'typed path')
        return { handle: grant.handle, name: grant.name, path: grant.path }
      }
      const folder =
        core.files.exportFolder ??
        fail('config', 'This host has no folder chosen for exports.', {
          hint: 'Start it with --export-folder DIR.',
        })
      const target = await checkTypedSavePath(path, folder)
      const grant = grants.issue(target, 'save', 'typed path')
      return { handle: grant.handle, name: grant.name, path: grant.path }
    },

    'files.recent': async () =>
      recent.list().map((entry) => {
        const { handle, name } = grants.issue(entry.path, 'open', 'recent files')
        return { handle, name, openedAt: entry.openedAt }
      }),
  }
}
