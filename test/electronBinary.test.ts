// `npm start` without Electron's binary says what is missing and offers `npm run web`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types
import { electronBinaryProblem } from '../scripts/electronBinary.mjs'

const check = electronBinaryProblem as (dir: string | null, env?: Record<string, string | undefined>) => string | null
const root = fileURLToPath(new URL('../', import.meta.url))

/** A fake node_modules/electron: the package, optionally path.txt, optionally the binary. */
function fakeElectron(parts: { pathTxt?: string; binary?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-electron-'))
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"0.0.0"}')
  if (parts.pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), parts.pathTxt)
  if (parts.binary) {
    mkdirSync(join(dir, 'dist'), { recursive: true })
    writeFileSync(join(dir, 'dist', parts.pathTxt ?? 'electron'), '')
  }
  return dir
}

describe('electronBinaryProblem', () => {
  it('says the binary was not downloaded and names npm run web', () => {
    const message = check(fakeElectron({}), {})
    expect(message).toMatch(/Electron's binary is missing/)
    expect(message).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/)
    expect(message).toMatch(/npm run web/)
  })

  it('path.txt naming a binary that is not there is missing too', () => {
    const dir = fakeElectron({ pathTxt: 'electron' })
    expect(check(dir, {})).toContain(join(dir, 'dist', 'electron'))
  })

  it('is quiet when the binary is there', () => {
    expect(check(fakeElectron({ pathTxt: 'electron', binary: true }), {})).toBeNull()
  })

  it('no electron package at all asks for npm install', () => {
    expect(check(null, {})).toMatch(/npm install.*npm run web/s)
  })

  it('follows ELECTRON_OVERRIDE_DIST_PATH like electron does', () => {
    const dir = fakeElectron({ pathTxt: 'electron', binary: true })
    expect(check(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'dist') })).toBeNull()
    expect(check(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nowhere') })).toMatch(/ELECTRON_OVERRIDE_DIST_PATH.*npm run web/s)
  })

  it('npm start stops before building anything, non-zero, with the message', () => {
    const result = spawnSync(process.execPath, ['scripts/native-runtime.mjs', 'electron'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here') },
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/npm run web/)
    expect(result.stdout).not.toMatch(/Building keytar/)
  })
})
