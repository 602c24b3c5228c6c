// Kills a process that is busy saving profiles, many times, and checks the file is always whole:
// exactly the state before a save or after it, never a torn or mixed file.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Profile, ProfileInput } from '../../shared/profile'
import { openProfileStore } from './index'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const childScript = join(root, 'test', 'crashSaveChild.ts')
const KILLS = 40

/** mulberry32: a tiny seeded generator, so the kill moments are the same every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function input(name: string, fill: string): ProfileInput {
  return {
    name,
    color: '#336699',
    environment: { kind: 'kibo', tenant: 12345, site: 678, env: 'sandbox', region: 'us' },
    clientId: 'Acme.App.1.0.0.Release',
    target: { accountId: 42 },
    responseFields: fill,
    production: false,
  }
}

let dir: string
let variantsPath: string
let setA: Profile[]
let setB: Profile[]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'profiles-crash-'))
  const store = openProfileStore({ directory: dir })
  for (let i = 0; i < 8; i++) store.save(input(`Filler ${i}`, `f${i},`.repeat(1200)))
  // The two versions differ in content and length, so a torn or in-place write cannot pass for either.
  const a = store.save(input('Set A', 'a'.repeat(3000)))
  const b: Profile = { ...a, name: 'Set B', responseFields: 'b'.repeat(3990), target: { cartId: 'cart-b' } }
  setA = store.list()
  setB = setA.map((p) => (p.id === a.id ? b : p))
  expect(readFileSync(join(dir, 'profiles.json')).length).toBeGreaterThan(8 * 4096)
  variantsPath = join(dir, 'variants.json')
  writeFileSync(variantsPath, JSON.stringify({ a, b }))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function runAndKill(delayMs: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir, variantsPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  const ready = new Promise<boolean>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(true))
    void exited.then(() => resolve(false))
  })
  if (!(await ready)) throw new Error(`the child ended before saving: ${stderr}`)
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  child.kill('SIGKILL')
  return exited
}

it(`keeps profiles.json whole through ${KILLS} kills mid-save`, { timeout: 180_000 }, async () => {
  const random = seeded(20250131)
  const seen = { a: 0, b: 0 }
  for (let kill = 0; kill < KILLS; kill++) {
    const signal = await runAndKill(5 + Math.floor(random() * 56))
    expect(signal).toBe('SIGKILL')
    const onDisk = JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')) as { profiles: Profile[] }
    const isA = JSON.stringify(onDisk.profiles) === JSON.stringify(setA)
    const isB = JSON.stringify(onDisk.profiles) === JSON.stringify(setB)
    expect(isA || isB, `after kill ${kill + 1} the file holds neither set`).toBe(true)
    seen[isA ? 'a' : 'b']++
  }
  // Both states turning up shows the kills really landed while saves were going on.
  expect(seen.a).toBeGreaterThan(0)
  expect(seen.b).toBeGreaterThan(0)
  const reopened = openProfileStore({ directory: dir })
  expect(reopened.problems).toEqual([])
})
