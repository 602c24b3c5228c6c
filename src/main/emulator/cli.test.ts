import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { parseCliArgs } from './cliArgs'
import { DEMO_CLIENT } from './index'

describe('parseCliArgs', () => {
  it('has defaults and reads every option', () => {
    expect(parseCliArgs([])).toMatchObject({ ok: true, help: false, json: false, options: { port: 0, accounts: 1000, seed: 7 } })
    const all = parseCliArgs(
      '--port 8123 --accounts 50 --seed 3 --tenant 42 --site 43 --latency 25 --app-token-seconds 60 --access-token-seconds 30 --refresh-token-seconds 90 --json'.split(
        ' ',
      ),
    )
    expect(all).toEqual({
      ok: true,
      help: false,
      json: true,
      options: {
        port: 8123,
        accounts: 50,
        seed: 3,
        tenant: 42,
        site: 43,
        faults: { latencyMs: 25 },
        appTokenSeconds: 60,
        accessTokenSeconds: 30,
        refreshTokenSeconds: 90,
      },
    })
  })

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /between 0 and 65535/],
    [['--accounts', '-5'], /--accounts/],
    [['--tenant', '0'], /between 1/],
    [['--wat'], /Unknown option/],
    [['stray'], /positional/],
    [['--port'], /argument missing/],
  ])('refuses %j', (argv, message) => {
    const r = parseCliArgs(argv)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(message)
  })
})

describe('emulator CLI process', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url))
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
  })
  const run = (args: string[]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/emulatorCli.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    return { child, exited }
  }

  it('serves until SIGTERM and prints where', async () => {
    const { child, exited } = run(['--json', '--accounts', '5', '--tenant', '4242'])
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString()
        if (out.includes('\n')) resolve(out.split('\n')[0])
      })
      child.on('exit', () => reject(new Error('exited early')))
    })
    const info = JSON.parse(line) as { url: string; tenant: number; site: number; clientId: string }
    expect(info).toMatchObject({ tenant: 4242, site: 100002, clientId: DEMO_CLIENT.clientId })
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/)
    const res = await fetch(`${info.url}/platform/applications/authtickets/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, grant_type: 'client_credentials' }),
    })
    expect(res.status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('exits 2 with a clear message on bad arguments', async () => {
    const { child, exited } = run(['--port', 'nope'])
    let err = ''
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    expect(await exited).toBe(2)
    expect(err).toMatch(/--port must be a whole number/)
    expect(err).toMatch(/Usage:/)
  })
})
