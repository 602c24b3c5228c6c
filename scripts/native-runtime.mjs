// keytar is a native module: Electron and Node need it built for their own ABI. `npm start`
// builds it for Electron and `npm test` (plain Node) for Node, each only when it is not already.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { electronBinaryProblem } from './electronBinary.mjs'

const require = createRequire(import.meta.url)
const marker = 'node_modules/keytar/build/built-for-electron'
const target = process.argv[2]

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

if (target === 'electron') {
  // Before anything else: requiring electron without its binary tries a download and fails with
  // a message that says nothing about what to do.
  const problem = electronBinaryProblem(electronDir())
  if (problem !== null) {
    console.error(problem)
    process.exit(1)
  }
  const version = require('electron/package.json').version
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== version) {
    console.log(`Building keytar for Electron ${version}…`)
    const built = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit', shell: process.platform === 'win32' })
    if (built.status === 0) writeFileSync(marker, version)
    else {
      // The app still starts: it says the keychain is unavailable and keeps secrets for the session.
      console.warn('keytar could not be built for Electron; the app will keep client secrets for the session only until it is.')
    }
  }
} else if (target === 'node') {
  const loads = spawnSync(process.execPath, ['-e', "require('keytar')"], { stdio: 'ignore' }).status === 0
  if (!loads) {
    console.log(`Building keytar for Node ${process.version}…`)
    run('npm', ['rebuild', 'keytar'])
    rmSync(marker, { force: true })
  }
} else {
  console.error('usage: node scripts/native-runtime.mjs electron|node')
  process.exit(2)
}
