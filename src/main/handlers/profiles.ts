import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ProfilesView, ProfileView } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { Profile } from '../../shared/profile'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'
import { describeEnvironment } from '../inspector/describe'
import { resolveEndpoint } from '../kibo'
import { writeFileAtomically } from '../exports/atomicFile'

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

const profileFileFilters = [{ name: 'Account Inspector profiles', extensions: ['json'] }]
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

  const existing = (id: string) =>
    profiles.get(id) ?? fail('not-found', 'That profile no longer exists.', { hint: 'Choose another profile.' })

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
    'profiles.exportFile': async ({ path }) => {
      const target =
        path ??
        (await core.dialogs.chooseSavePath({
          title: 'Export profiles',
          defaultName: 'account-inspector-profiles.json',
          filters: profileFileFilters,
        }))
      if (!target) return null
      const text = JSON.stringify(profiles.exportFile(), null, 2) + '\n'
      const bytes = await writeFileAtomically(target, text)
      return { path: target, count: profiles.list().length, bytes }
    },
    'profiles.importFile': async ({ path }) => {
      const source = path ?? (await core.dialogs.chooseOpenPath({ title: 'Import profiles', filters: profileFileFilters }))
      if (!source) return null
      const info = await stat(source).catch(() =>
        fail('file', `Cannot read ${basename(source)}: the file does not exist or is not readable.`, { where: source }),
      )
      if (!info.isFile()) fail('file', `${basename(source)} is not a file.`, { where: source })
      if (info.size > maxProfileFileBytes) fail('bad-file', `${basename(source)} is too large to be a profiles file.`, { where: source })
      const text = await readFile(source, 'utf8')
      let data: unknown
      try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''))
      } catch (error) {
        fail('bad-file', `${basename(source)} is not valid JSON: ${(error as Error).message}`, {
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

function hostLabel(profile: Profile): string {
  if (profile.environment.kind === 'demo') return 'Built-in demo emulator'
  try {
    return resolveEndpoint(profile.environment).label
  } catch {
    return describeEnvironment(profile.environment)
  }
}
