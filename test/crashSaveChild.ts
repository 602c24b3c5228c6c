// Child process for src/main/profiles/profileStore.crash.test.ts: opens the profile store and saves one
// of two versions of a profile, alternately, as fast as it can, until the test kills it with SIGKILL.
// Usage: node --import tsx test/crashSaveChild.ts <directory> <variants.json>
import { readFileSync } from 'node:fs'
import type { Profile } from '../src/shared/profile'
import { openProfileStore } from '../src/main/profiles/index'

const [directory, variantsPath] = process.argv.slice(2)
const { a, b } = JSON.parse(readFileSync(variantsPath, 'utf8')) as { a: Profile; b: Profile }

const store = openProfileStore({ directory })
if (store.problems.length > 0) {
  process.stderr.write(`${store.problems.join('\n')}\n`)
  process.exit(2)
}
process.stdout.write('ready\n')

// Bounded so a child the test forgot cannot run forever.
const deadline = Date.now() + 20_000
for (let i = 0; Date.now() < deadline; i++) store.save(i % 2 === 0 ? b : a)
process.exit(3)
