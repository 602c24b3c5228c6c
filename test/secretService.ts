// vitest globalSetup: a private Secret Service for the keychain tests, so they run against the real
// libsecret/keytar stack without touching the user's keyring.
//
// On Linux with dbus-daemon and gnome-keyring-daemon installed it starts a private session bus and an
// unlocked keyring in a temporary HOME, and exports the bus address through process.env; vitest
// builds each worker's environment from process.env after globalSetup has run, so forked workers
// inherit it. It then sets INSPECTOR_TEST_SECRET_SERVICE=1. Otherwise it sets
// INSPECTOR_NO_SECRET_SERVICE=1 and INSPECTOR_SECRET_SERVICE_PROBLEM (why), and keychain tests skip,
// except the one that fails under CI.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function installed(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0
}

function unavailable(problem: string): () => Promise<void> {
  process.env.INSPECTOR_NO_SECRET_SERVICE = '1'
  process.env.INSPECTOR_SECRET_SERVICE_PROBLEM = problem
  delete process.env.INSPECTOR_TEST_SECRET_SERVICE
  return async () => {
    delete process.env.INSPECTOR_NO_SECRET_SERVICE
    delete process.env.INSPECTOR_SECRET_SERVICE_PROBLEM
  }
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const end = text.indexOf('\n')
      if (end >= 0) {
        clearTimeout(timer)
        resolve(text.slice(0, end).trim())
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with code ${code}`))
    })
  })
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}

// Probed in a child process: a GDBus connection exits its process when the bus goes away at teardown,
// which must not be vitest's own process.
const probeScript = `
const keytar = require('keytar')
const service = 'Account Inspector (test setup probe)'
;(async () => {
  await keytar.setPassword(service, 'probe', 'probe-value')
  const value = await keytar.getPassword(service, 'probe')
  await keytar.deletePassword(service, 'probe')
  process.exit(value === 'probe-value' ? 0 : 1)
})().catch((error) => { process.stderr.write(String(error && error.message)); process.exit(1) })`

function probe(env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', probeScript], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve(code === 0 ? null : stderr.trim() || `probe exited with code ${code}`)
    })
  })
}

export default async function setup(): Promise<() => Promise<void>> {
  if (process.platform !== 'linux') return unavailable(`no private Secret Service on ${process.platform}`)
  const missing = ['dbus-daemon', 'gnome-keyring-daemon'].filter((b) => !installed(b))
  if (missing.length > 0) return unavailable(`${missing.join(' and ')} not installed`)

  const temp = mkdtempSync(join(tmpdir(), 'inspector-keyring-'))
  const dirs = { HOME: 'home', XDG_DATA_HOME: 'data', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache', XDG_RUNTIME_DIR: 'run' }
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const [name, sub] of Object.entries(dirs)) {
    env[name] = join(temp, sub)
    mkdirSync(env[name] as string, { recursive: true, mode: 0o700 })
  }
  delete env.DBUS_SESSION_BUS_ADDRESS
  delete env.GNOME_KEYRING_CONTROL

  let bus: ChildProcess | undefined
  let keyring: ChildProcess | undefined
  const teardown = async () => {
    // Keyring first, then the bus it is connected to.
    await stop(keyring)
    await stop(bus)
    rmSync(temp, { recursive: true, force: true })
  }

  try {
    bus = spawn('dbus-daemon', ['--session', '--print-address=1', '--nofork'], { env, stdio: ['ignore', 'pipe', 'ignore'] })
    const address = await firstLine(bus, 10_000)
    env.DBUS_SESSION_BUS_ADDRESS = address
    keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--foreground'], {
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    keyring.stdin?.end('pw')
    let problem: string | null = 'not probed'
    for (let attempt = 0; attempt < 20 && problem !== null; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250))
      problem = await probe(env)
    }
    if (problem !== null) throw new Error(`keytar could not use the private keyring: ${problem}`)
    const previous = process.env.DBUS_SESSION_BUS_ADDRESS
    process.env.DBUS_SESSION_BUS_ADDRESS = address
    process.env.INSPECTOR_TEST_SECRET_SERVICE = '1'
    delete process.env.INSPECTOR_NO_SECRET_SERVICE
    return async () => {
      await teardown()
      if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS
      else process.env.DBUS_SESSION_BUS_ADDRESS = previous
      delete process.env.INSPECTOR_TEST_SECRET_SERVICE
    }
  } catch (error) {
    await teardown()
    return unavailable(`the private Secret Service did not start: ${error instanceof Error ? error.message : String(error)}`)
  }
}
