import { describe, expect, it } from 'vitest'
import { mergeFieldNodes, parseResponseFields } from './parse'
import { printResponseFields } from './print'
import type { FieldNode } from './types'

/** Names and structure only, for comparisons that should not care about offsets. */
type Shape = { name: string; children: Shape[] | null }
function shape(nodes: readonly FieldNode[]): Shape[] {
  return nodes.map((node) => ({ name: node.name, children: node.children && shape(node.children) }))
}

function parsed(text: string): FieldNode[] {
  const result = parseResponseFields(text)
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.error.message}`)
  return result.fields
}

function errorOf(text: string) {
  const result = parseResponseFields(text)
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`)
  return result.error
}

/** Small deterministic PRNG (mulberry32) so generated cases are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const nameAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'
function randomTree(random: () => number, depth: number): Shape[] {
  const count = 1 + Math.floor(random() * 4)
  const names = new Set<string>()
  while (names.size < count) {
    let name = ''
    const length = 1 + Math.floor(random() * 8)
    for (let i = 0; i < length; i++) name += nameAlphabet[Math.floor(random() * nameAlphabet.length)]
    names.add(name)
  }
  return [...names].map((name) => ({
    name,
    children: depth > 0 && random() < 0.4 ? randomTree(random, depth - 1) : null,
  }))
}

/** The tree's text with random whitespace around every token. */
function spacedText(tree: Shape[], random: () => number): string {
  const space = () => [' ', '', '\n', '\t', '  ', '\r\n'][Math.floor(random() * 6)]
  return tree
    .map((node) => space() + node.name + space() + (node.children ? `(${spacedText(node.children, random)})` + space() : ''))
    .join(',')
}

describe('parseResponseFields', () => {
  it('parses names, nesting and positions', () => {
    const fields = parsed('accessToken, customerAccount(id,contacts( address(cityOrTown) ))')
    expect(shape(fields)).toEqual([
      { name: 'accessToken', children: null },
      {
        name: 'customerAccount',
        children: [
          { name: 'id', children: null },
          { name: 'contacts', children: [{ name: 'address', children: [{ name: 'cityOrTown', children: null }] }] },
        ],
      },
    ])
    expect(fields[0]).toMatchObject({ start: 0, end: 11 })
    expect(fields[1]).toMatchObject({ start: 13, end: 64 })
    const contacts = fields[1].children![1]
    expect(contacts).toMatchObject({ name: 'contacts', start: 32 })
    expect(contacts.children![0]).toMatchObject({ name: 'address', start: 42, end: 61 })
  })

  it('treats empty or blank text as no filter', () => {
    expect(parsed('')).toEqual([])
    expect(parsed('  \n\t ')).toEqual([])
  })

  it('parses the examples from the Kibo README', () => {
    expect(printResponseFields(parsed('items(id,name)'))).toBe('items(id,name)')
    expect(printResponseFields(parsed('items(productCode,content(productName,productShortDescription),purchasableState)'))).toBe(
      'items(productCode,content(productName,productShortDescription),purchasableState)',
    )
    expect(printResponseFields(parsed('accessToken,customerAccount(id,emailAddress,contacts(id,address(cityOrTown)))'))).toBe(
      'accessToken,customerAccount(id,emailAddress,contacts(id,address(cityOrTown)))',
    )
  })

  it('merges duplicate names: union of children, a bare name wins', () => {
    expect(printResponseFields(parsed('a(b),c,a(d(e)),a(d(f))'))).toBe('a(b,d(e,f)),c')
    expect(printResponseFields(parsed('a(b),a'))).toBe('a')
    expect(printResponseFields(parsed('a,a(b)'))).toBe('a')
    expect(printResponseFields(parsed('a(b(c)),a(b)'))).toBe('a(b)')
    expect(printResponseFields(parsed('x,x,x'))).toBe('x')
    // The merged node keeps its first occurrence's position.
    expect(parsed('b,a(x),a(y)')[1]).toMatchObject({ name: 'a', start: 2, end: 6 })
  })

  it('mergeFieldNodes does not modify its input', () => {
    const nodes = parsed('a(b)')
    const more: FieldNode[] = [...nodes, { name: 'a', children: [{ name: 'c', children: null, start: 0, end: 1 }], start: 0, end: 4 }]
    const before = JSON.stringify(more)
    expect(printResponseFields(mergeFieldNodes(more))).toBe('a(b,c)')
    expect(JSON.stringify(more)).toBe(before)
  })

  it('round-trips generated expressions: parse(print(tree)) = tree, with any spacing', () => {
    const random = seeded(20240601)
    for (let i = 0; i < 300; i++) {
      const tree = randomTree(random, 4)
      const canonical = printResponseFields(tree as FieldNode[])
      const fromCanonical = parsed(canonical)
      expect(shape(fromCanonical)).toEqual(tree)
      expect(printResponseFields(fromCanonical)).toBe(canonical)
      const spaced = spacedText(tree, random)
      expect(printResponseFields(parsed(spaced))).toBe(canonical)
    }
  })

  it('positions point at the names in spaced text', () => {
    const random = seeded(7)
    for (let i = 0; i < 100; i++) {
      const text = spacedText(randomTree(random, 3), random)
      const check = (nodes: FieldNode[]): void => {
        for (const node of nodes) {
          expect(text.slice(node.start, node.start + node.name.length)).toBe(node.name)
          expect(text[node.end - 1]).toBe(node.children ? ')' : node.name[node.name.length - 1])
          if (node.children) check(node.children)
        }
      }
      check(parsed(text))
    }
  })

  describe('errors, with exact positions', () => {
    it('empty names', () => {
      expect(errorOf('a,,b')).toMatchObject({ position: 2, length: 1, message: expect.stringContaining('Empty field name') })
      expect(errorOf(',a')).toMatchObject({ position: 0, length: 1 })
      expect(errorOf('a(,b)')).toMatchObject({ position: 2, length: 1 })
      expect(errorOf('a, ,b')).toMatchObject({ position: 3, length: 1 })
    })

    it('trailing commas point at the comma', () => {
      expect(errorOf('a,')).toMatchObject({ position: 1, length: 1, message: expect.stringContaining('Trailing comma') })
      expect(errorOf('a, \n')).toMatchObject({ position: 1, length: 1 })
      expect(errorOf('a(b,)')).toMatchObject({ position: 3, length: 1, message: expect.stringContaining('Trailing comma') })
      expect(errorOf('a(b, )')).toMatchObject({ position: 3, length: 1 })
    })

    it('unclosed parens point at the unclosed (', () => {
      expect(errorOf('a(b')).toMatchObject({ position: 1, length: 1, message: expect.stringContaining("Unclosed '('") })
      expect(errorOf('x,a(b(c)')).toMatchObject({ position: 3, length: 1 })
      expect(errorOf('a(b(c),d')).toMatchObject({ position: 1, length: 1 })
      expect(errorOf('a(b(c')).toMatchObject({ position: 3, length: 1 })
      expect(errorOf('a(')).toMatchObject({ position: 1, length: 1 })
      expect(errorOf('a (  ')).toMatchObject({ position: 2, length: 1 })
    })

    it('stray ) points at itself', () => {
      expect(errorOf('a)')).toMatchObject({ position: 1, length: 1, message: expect.stringContaining("Unmatched ')'") })
      expect(errorOf('a(b))')).toMatchObject({ position: 4, length: 1 })
      expect(errorOf(')')).toMatchObject({ position: 0, length: 1 })
      expect(errorOf('a,b(c) )')).toMatchObject({ position: 7, length: 1 })
    })

    it('empty parentheses cover the ()', () => {
      expect(errorOf('a()')).toMatchObject({ position: 1, length: 2, message: expect.stringContaining('Empty parentheses') })
      expect(errorOf('b,a(  )')).toMatchObject({ position: 3, length: 4 })
    })

    it('bad characters', () => {
      expect(errorOf('a-b')).toMatchObject({ position: 1, length: 1, message: expect.stringContaining("Unexpected character '-'") })
      expect(errorOf('"a"')).toMatchObject({ position: 0, length: 1 })
      expect(errorOf('a,é')).toMatchObject({ position: 2, length: 1 })
      expect(errorOf('a,😀')).toMatchObject({ position: 2, length: 2 })
      expect(errorOf('a\u0000')).toMatchObject({ position: 1, message: expect.stringContaining('U+0000') })
      expect(errorOf('(a)')).toMatchObject({ position: 0, length: 1, message: expect.stringContaining("before '('") })
      expect(errorOf('a(b)(c)')).toMatchObject({ position: 4, length: 1, message: expect.stringContaining("Unexpected '('") })
    })

    it('names without a comma between them', () => {
      expect(errorOf('firstName lastName')).toMatchObject({ position: 10, length: 8, message: expect.stringContaining("Missing ','") })
      expect(errorOf('a(b) c')).toMatchObject({ position: 5, length: 1 })
    })

    it('dotted paths suggest the parenthesised form', () => {
      expect(errorOf('id,customerAccount.contacts.email')).toEqual({
        message: 'Use parentheses, not dots, to select inside a field: customerAccount(contacts(email)).',
        position: 3,
        length: 30,
        suggestion: 'customerAccount(contacts(email))',
      })
      const noSuggestion = errorOf('a..b')
      expect(noSuggestion).toMatchObject({ position: 0, length: 4 })
      expect(noSuggestion.suggestion).toBeUndefined()
    })
  })
})
