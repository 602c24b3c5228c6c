// The files `npm run gen:kibo` writes are committed; when Kibo's documents are beside the
// repository (a developer's workshop), they must be exactly what the generator writes now.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generate, sourceDir } from '../../scripts/gen-kibo'
import { stripSpec } from '../../scripts/kibo/stripSpec'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = sourceDir()

describe.runIf(dir !== undefined)("committed copies of Kibo's documents", () => {
  it('are what npm run gen:kibo writes from the documents beside the repository', () => {
    const files = generate(dir as string)
    expect([...files.keys()].sort()).toEqual([
      'src/shared/kiboFields.ts',
      'test/kibo/appdevelopment.json',
      'test/kibo/commerce.json',
      'test/kibo/customer.json',
    ])
    for (const [path, text] of files) expect(readFileSync(join(root, path), 'utf8'), path).toBe(text)
  })
})

describe('stripSpec', () => {
  it('drops prose and keeps what a validator reads, including fields named like prose', () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'T', version: '1', description: 'long text' },
      servers: [{ url: 'https://x' }],
      tags: [{ name: 'A', description: 'about A' }],
      paths: {
        '/a/{id}': {
          get: {
            tags: ['A'],
            summary: 'Gets',
            description: 'Gets an A',
            parameters: [{ name: 'id', in: 'path', required: true, description: 'the id', schema: { type: 'integer', format: 'int32' } }],
            responses: {
              '200': { description: 'Success', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } },
            },
          },
        },
      },
      components: {
        schemas: {
          A: {
            type: 'object',
            description: 'An A',
            example: { description: 'x' },
            properties: {
              description: { type: 'string', description: 'a field called description' },
              n: { type: 'integer', nullable: true },
            },
          },
        },
      },
    }
    expect(stripSpec(doc)).toStrictEqual({
      openapi: '3.0.1',
      info: { title: 'T', version: '1' },
      paths: {
        '/a/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int32' } }],
            responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } },
          },
        },
      },
      components: {
        schemas: { A: { type: 'object', properties: { description: { type: 'string' }, n: { type: 'integer', nullable: true } } } },
      },
    })
  })
})
