// A saved profile pointed at another environment or application forgets its customer ticket: that
// ticket means nothing there and must never be refreshed against (sent to) the new host. An edit
// that keeps where it points (a new name, say) keeps the ticket.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfilesView, ProfileView } from '../../shared/contract'
import type { Profile } from '../../shared/profile'
import { createCore, type Core } from '../core'
import { typedPathDialogs } from '../dialogs'
import { DEMO_PROFILE_ID } from '../profiles/demoProfile'

let core: Core
let dir: string
const context = { signal: new AbortController().signal }

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await core.dispatch(name, input, context)
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

async function demo(): Promise<ProfileView> {
  const view = await call<ProfilesView>('profiles.list', {})
  return view.profiles.find((p) => p.id === DEMO_PROFILE_ID)!
}

function asSaved(view: ProfileView): Profile {
  const { id, name, color, environment, clientId, target, responseFields, production } = view
  return { id, name, color, environment, clientId, target, responseFields, production }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-pointed-elsewhere-'))
  core = await createCore({
    host: 'web',
    userDataDir: dir,
    dialogs: typedPathDialogs,
    keychainService: `Account Inspector pointed-elsewhere test ${process.pid}`,
  })
})

afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('profiles.save and the ticket a profile holds', () => {
  it('keeps the ticket when only the name changes, and forgets it when the environment or client id changes', async () => {
    await call('kibo.impersonate', { profileId: DEMO_PROFILE_ID, target: { accountId: 1001 } })
    const held = (await demo()).ticket
    expect(held).not.toBeNull()

    await call('profiles.save', { profile: { ...asSaved(await demo()), name: 'Demo, renamed' } })
    expect((await demo()).ticket).toEqual(held)

    const saved = asSaved(await demo())
    await call('profiles.save', { profile: { ...saved, environment: { ...saved.environment, site: (saved.environment.site ?? 1) + 1 } } })
    expect((await demo()).ticket).toBeNull()

    await call('profiles.save', { profile: saved })
    await call('kibo.impersonate', { profileId: DEMO_PROFILE_ID, target: { accountId: 1001 } })
    expect((await demo()).ticket).not.toBeNull()
    await call('profiles.save', { profile: { ...asSaved(await demo()), clientId: 'Another.App.1.0.0.Release' } })
    expect((await demo()).ticket).toBeNull()
  })
})
