import { open } from 'node:fs/promises'
import type { ExportResult, FileExistsAnswer, ProfilesView, ProfileView } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { Profile } from '../../shared/profile'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { describeEnvironment } from '../inspector/describe'
import { resolveEndpoint } from '../kibo'
import { profileGone } from '../profiles'
import { fileFailure, FileExists, writeFileAtomically } from '../exports/atomicFile'
import { existsAnswer } from './offline'
import { findJsonSyntaxError } from '../datasets/jsonSyntax'

type ProfileCalls =
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.duplicate'
  | 'profiles.remove'
  | 'profiles.reorder'
  | 'profiles.activate'
  | 'profiles.exportFile'
  | 'profiles.importFile'
  | 'secrets.setClientSecret'
  | 'secrets.clear'

const maxProfileFileBytes = 5 * 1024 * 1024

export function profileHandlers(core: Core): Pick<Handlers, ProfileCalls> {
  const { profiles, vault, inspector, operations } = core

  async function view(profile: Profile): Promise<ProfileView> {
    let secret = await vault.status(profile.id).catch(() => 'missing' as const)
    if (secret === 'missing' && core.demo.builtInSecret(profile)) secret = 'built-in'
    return { ...profile, secret, hostLabel: hostLabel(profile), ticket: inspector.ticketView(profile.id) }
  }

  async function list(): Promise<ProfilesView> {
    const keychain = await vault.keychainStatus()
    return {
      profiles: await Promise.all(profiles.list().map(view)),
      activeId: profiles.activeId,
      recentIds: profiles.recentIds(),
      keychain: keychain.available ? 'available' : 'unavailable',
      // Saved settings that could not be used are reported where saved profiles' problems are.
      problems: [...profiles.problems, ...core.settings.problems],
    }
  }

  const existing = (id: string) => profiles.get(id) ?? profileGone()

  return {
    'profiles.list': list,
    'profiles.save': async ({ profile }) => {
      const before = profile.id ? profiles.get(profile.id) : undefined
      const saved = profiles.save(profile)
      // Pointed at another environment or application, the old ticket means nothing there:
      // it must never be refreshed against (sent to) the new host.
      const movedAway =
        before && JSON.stringify([before.environment, before.clientId]) !== JSON.stringify([saved.environment, saved.clientId])
      if (movedAway) inspector.forget(saved.id)
      else inspector.profileChanged(saved.id)
      return view(saved)
    },
    'profiles.duplicate': async ({ id }) => view(profiles.duplicate(existing(id).id)),
    'profiles.remove': async ({ id }) => {
      existing(id)
      operations.cancelProfile(id)
      inspector.forget(id)
      await vault.deleteProfileSecrets(id)
      profiles.remove(id)
      return list()
    },
    'profiles.reorder': async ({ ids }) => {
      profiles.reorder(ids)
      return list()
    },
    'profiles.activate': async ({ id }) => {
      existing(id)
      // Nothing computed for the old tenant may land under the new one.
      operations.cancelOtherProfiles(id)
      profiles.setActive(id)
      return list()
    },
    'profiles.exportFile': async ({ handle, replace }): Promise<ExportResult | FileExistsAnswer> => {
      const grant = core.files.grants.use(handle, 'save')
      const text = JSON.stringify(profiles.exportFile(), null, 2) + '\n'
      try {
        const bytes = await writeFileAtomically(grant.path, text, { replace: replace === true || grant.replaceConfirmed })
        return { status: 'written', path: grant.path, count: profiles.list().length, bytes }
      } catch (error) {
        if (error instanceof FileExists) return existsAnswer(grant.path, grant.name)
        throw error
      }
    },
    'profiles.importFile': async ({ handle }) => {
      const { path: source, name } = core.files.grants.use(handle, 'open')
      const text = await readProfilesFile(source, name)
      let data: unknown
      try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''))
      } catch {
        // V8's message quotes the start of the file (it could be anything): say where, never what.
        fail('bad-file', `${name} is not valid JSON${jsonErrorPosition(text)}.`, {
          where: source,
          hint: 'Choose a file exported from Account Inspector.',
        })
      }
      profiles.importFile(data)
      core.events.emit('profiles.changed', {})
      return list()
    },
    'secrets.setClientSecret': async ({ profileId, secret, storage }) => {
      const profile = existing(profileId)
      await vault.setClientSecret(profile.id, secret, storage)
      inspector.profileChanged(profile.id)
      return view(profile)
    },
    'secrets.clear': async ({ profileId }) => {
      const profile = existing(profileId)
      await vault.clear(profile.id)
      inspector.profileChanged(profile.id)
      return view(profile)
    },
  }
}

/** Reads a profiles file through one descriptor: checked to be a small regular file, then read. */
async function readProfilesFile(path: string, name: string): Promise<string> {
  const file = await open(path, 'r').catch((error: unknown) => {
    throw fileFailure(error, path, 'open')
  })
  try {
    const info = await file.stat()
    if (!info.isFile()) fail('file', `${name} is not a regular file.`, { where: path, hint: 'Choose a profiles file.' })
    if (info.size > maxProfileFileBytes) fail('bad-file', `${name} is too large to be a profiles file.`, { where: path })
    return await file.readFile('utf8')
  } finally {
    await file.close()
  }
}

/** " at line L, column C" of the first syntax error: a position, never the text around it. */
function jsonErrorPosition(text: string): string {
  const bytes = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8')
  if (text.trim() === '') return ': it contains no JSON value'
  const problem = findJsonSyntaxError(bytes)
  if (!problem) return ''
  const before = bytes.subarray(0, problem.offset).toString('utf8')
  const line = before.split('\n').length
  return ` at line ${line}, column ${[...before.slice(before.lastIndexOf('\n') + 1)].length + 1}`
}

function hostLabel(profile: Profile): string {
  if (profile.environment.kind === 'demo') return 'Built-in demo emulator'
  try {
    return resolveEndpoint(profile.environment).label
  } catch {
    return describeEnvironment(profile.environment)
  }
}
