import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { ProfilesView } from '../shared/contract'
import { createCore, type Core } from './core'
import { typedPathDialogs } from './dialogs'

let core: Core | undefined
let dir = ''
afterEach(async () => {
  await core?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('says when saved settings cannot be used, where problems with saved files are shown', async () => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-core-'))
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ kiboTimeoutSeconds: 'soon' }))
  core = await createCore({
    host: 'web',
    userDataDir: dir,
    dialogs: typedPathDialogs,
    keychainService: `Account Inspector core test ${process.pid}`,
  })
  const listed = await core.dispatch('profiles.list', {}, { signal: new AbortController().signal })
  expect(listed.ok && (listed.value as ProfilesView).problems).toEqual([
    expect.stringMatching(/settings file holds values the app cannot use; the defaults apply/),
  ])
  expect(core.settings.get().kiboTimeoutSeconds).toBe(30)
})
