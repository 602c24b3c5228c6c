// The layering is enforced by eslint.config.js; these cases prove each rule fires (and that the
// same import is fine where it belongs), so a loosened config fails here, not in review.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../', import.meta.url).pathname })

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.some((m) => m.ruleId === 'no-restricted-imports')
}

const cases: Array<[file: string, code: string, refused: boolean]> = [
  ['src/shared/x.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n", true],
  ['src/shared/x.ts', "import { app } from 'electron'\nexport const x = app\n", true],
  ['src/shared/x.ts', "import { Inspector } from '../main/inspector/inspector'\nexport const x = Inspector\n", true],
  ['src/shared/x.ts', "import { parseResponseFields } from './responseFields/parse'\nexport const x = parseResponseFields\n", false],
  ['src/main/kibo/x.ts', "import { app } from 'electron'\nexport const x = app\n", true],
  ['src/main/kibo/x.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n", false],
  ['src/main/kibo/x.ts', "import { validateSchema } from '../../../test/openapi'\nexport const x = validateSchema\n", true],
  ['src/main/window.ts', "import { app } from 'electron'\nexport const x = app\n", false],
  ['src/renderer/src/lib/x.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n", true],
  ['src/renderer/src/lib/x.ts', "import { Inspector } from '../../../main/inspector/inspector'\nexport const x = Inspector\n", true],
  ['src/renderer/src/lib/x.ts', "import type { Bridge } from '../../../shared/contract'\nexport type X = Bridge\n", false],
  ['src/main/kibo/x.test.ts', "import { validateSchema } from '../../../test/openapi'\nexport const x = validateSchema\n", false],
]

describe('layering rules', () => {
  it.each(cases)('%s: %j refused = %s', async (file, code, refused) => {
    expect(await restricted(file, code)).toBe(refused)
  })
})
