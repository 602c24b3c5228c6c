import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callNames } from '../shared/contract'
import { isAppError } from '../shared/errors'
import { createCore, type Core } from './core'
import { typedPathDialogs } from './dialogs'
import { createDispatch, type Handlers } from './dispatch'

let core: Core
let dir: string
const context = { signal: new AbortController().signal }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-dispatch-'))
  core = await createCore({
    host: 'web',
    userDataDir: dir,
    dialogs: typedPathDialogs,
    keychainService: `Account Inspector dispatch test ${process.pid}`,
  })
})

afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

const wrongShapes: [string, unknown][] = [
  ['a number', 42],
  ['a string', 'kibo.impersonate'],
  ['an array', [{ profileId: 'demo' }]],
  ['null', null],
  ['nothing', undefined],
  ['an object with an unknown key', { surprise: true }],
  ['a prototype-polluting object', JSON.parse('{"__proto__": {"admin": true}, "profileId": 7}')],
]

describe('dispatch', () => {
  it.each(callNames.map((name) => [name]))('%s answers every wrong-shaped payload with a typed invalid-input error', async (name) => {
    for (const [what, payload] of wrongShapes) {
      const result = await core.dispatch(name, payload, context)
      expect(result.ok, `${name} accepted ${what}`).toBe(false)
      if (!result.ok) {
        expect(isAppError(result.error)).toBe(true)
        expect(result.error.kind, `${name} with ${what}`).toBe('invalid-input')
        expect(result.error.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `))
      }
    }
  })

  it('refuses a call that is not in the contract', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'app.info ', 'ipc.invoke', 42, null]) {
      const result = await core.dispatch(name, {}, context)
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    }
  })

  it('answers a valid call', async () => {
    const result = await core.dispatch('app.info', {}, context)
    expect(result).toMatchObject({ ok: true, value: { name: 'Account Inspector', host: 'web' } })
  })

  it('turns an unexpected exception into an internal error without its text', async () => {
    const reported: string[] = []
    const handlers = {
      'app.info': async () => {
        throw new Error('secret-token-abc at /home/x')
      },
    } as unknown as Handlers
    const dispatch = createDispatch(handlers, (_error, call) => reported.push(call))
    const result = await dispatch('app.info', {}, context)
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } })
    expect(JSON.stringify(result)).not.toContain('secret-token-abc')
    expect(reported).toEqual(['app.info'])
  })
})
