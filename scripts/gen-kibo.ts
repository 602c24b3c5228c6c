// `npm run gen:kibo`: derives what the project needs from Kibo's OpenAPI documents and writes it
// into the repository, so that a clone builds and tests with nothing beside it:
//   test/kibo/<name>.json      the documents less their prose (validators read these)
//   src/shared/kiboFields.ts    the field trees behind the responseFields builder (account and 360 sections)
// `--check` writes nothing and fails when a committed file differs from what would be written.
// The documents are read from $KIBO_OPENAPI_DIR, or from ../shared/kibo beside the repository.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderKiboFieldsModule, type OpenApiDocument } from './kibo/deriveFields'
import { stripSpec } from './kibo/stripSpec'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Each document by the name the project uses, with the file name Kibo publishes it under. */
export const kiboDocuments = {
  customer: 'openapi_customer',
  commerce: 'openapi_commerce',
  appdevelopment: 'openapi_appdevelopement',
} as const

export function sourceDir(): string | undefined {
  const dir = process.env.KIBO_OPENAPI_DIR ?? join(root, '..', 'shared', 'kibo')
  return existsSync(join(dir, `${kiboDocuments.customer}.json`)) ? dir : undefined
}

/** Every file the generator owns, path relative to the repository → its text. */
export function generate(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const read = (file: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(dir, `${file}.json`), 'utf8')) as Record<string, unknown>
  for (const [name, file] of Object.entries(kiboDocuments)) {
    out.set(`test/kibo/${name}.json`, `${JSON.stringify(stripSpec(read(file)), null, 1)}\n`)
  }
  // The account's trees and the 360's sections: the customer document, then the commerce one.
  const customer = read(kiboDocuments.customer) as unknown as OpenApiDocument
  const commerce = read(kiboDocuments.commerce) as unknown as OpenApiDocument
  out.set('src/shared/kiboFields.ts', renderKiboFieldsModule(customer, commerce))
  return out
}

function main(): void {
  const check = process.argv.includes('--check')
  const dir = sourceDir()
  if (!dir) {
    console.error("Kibo's OpenAPI documents were not found: set KIBO_OPENAPI_DIR to the folder that holds them.")
    process.exit(2)
  }
  const stale: string[] = []
  for (const [path, text] of generate(dir)) {
    const target = join(root, path)
    const current = existsSync(target) ? readFileSync(target, 'utf8') : null
    if (current === text) continue
    if (check) stale.push(path)
    else {
      writeFileSync(target, text)
      console.log(`wrote ${path}`)
    }
  }
  if (check && stale.length > 0) {
    console.error(`Out of date with ${dir}: ${stale.join(', ')}. Run npm run gen:kibo.`)
    process.exit(1)
  }
  if (check) console.log(`Up to date with ${dir}.`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
