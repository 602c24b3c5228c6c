import { describe, expect, it } from 'vitest'
import type { JsonPath } from './jsonPaths'
import { JsonTreeModel, previewOf, type JsonRow } from './jsonTree'

/** Brute force: the rows a fully materialised flatten would show for a set of expanded paths. */
function flatten(value: unknown, expanded: Set<string>): Pick<JsonRow, 'depth' | 'key' | 'path' | 'preview' | 'expanded'>[] {
  const out: Pick<JsonRow, 'depth' | 'key' | 'path' | 'preview' | 'expanded'>[] = []
  const walk = (v: unknown, key: string | number | null, path: JsonPath) => {
    const isOpen = expanded.has(JSON.stringify(path)) && typeof v === 'object' && v !== null
    out.push({ depth: path.length, key, path, preview: previewOf(v), expanded: isOpen })
    if (!isOpen) return
    if (Array.isArray(v)) v.forEach((c, i) => walk(c, i, [...path, i]))
    else for (const [k, c] of Object.entries(v as object)) walk(c, k, [...path, k])
  }
  walk(value, null, [])
  return out
}

/** Small deterministic PRNG (mulberry32) so random documents are the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomDoc(rand: () => number, depth: number): unknown {
  const r = rand()
  if (depth <= 0 || r < 0.3) {
    const s = rand()
    if (s < 0.25) return Math.floor(rand() * 1000)
    if (s < 0.5) return 'v' + Math.floor(rand() * 100)
    if (s < 0.65) return rand() < 0.5
    if (s < 0.75) return null
    return rand() < 0.5 ? [] : {}
  }
  const n = Math.floor(rand() * 6)
  if (r < 0.65) return Array.from({ length: n }, () => randomDoc(rand, depth - 1))
  const obj: Record<string, unknown> = {}
  for (let i = 0; i < n; i++) obj['k' + i + (rand() < 0.2 ? ' x' : '')] = randomDoc(rand, depth - 1)
  return obj
}

/** All container paths of a document (pre-order). */
function containerPaths(value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (typeof value !== 'object' || value === null) return out
  out.push(path)
  if (Array.isArray(value)) value.forEach((c, i) => containerPaths(c, [...path, i], out))
  else for (const [k, c] of Object.entries(value)) containerPaths(c, [...path, k], out)
  return out
}

const strip = (rows: JsonRow[]) => rows.map(({ depth, key, path, preview, expanded }) => ({ depth, key, path, preview, expanded }))

const doc = {
  accessToken: 'abc',
  customerAccount: {
    id: 1001,
    emailAddress: 'ada@example.com',
    isActive: true,
    companyOrOrganization: null,
    contacts: [
      { id: 1, address: { cityOrTown: 'Austin' } },
      { id: 2, address: { cityOrTown: 'Boston' } },
    ],
    'odd key': 'x',
    tags: [],
  },
}

describe('JsonTreeModel rows', () => {
  it('starts with the root expanded and its members visible', () => {
    const m = new JsonTreeModel(doc)
    expect(m.rowCount).toBe(3)
    expect(m.rowsAt(0, 10)).toEqual([
      { depth: 0, key: null, path: [], kind: 'object', preview: '{2 keys}', expandable: true, expanded: true, position: 1, setSize: 1 },
      {
        depth: 1,
        key: 'accessToken',
        path: ['accessToken'],
        kind: 'string',
        preview: '"abc"',
        expandable: false,
        expanded: false,
        position: 1,
        setSize: 2,
      },
      {
        depth: 1,
        key: 'customerAccount',
        path: ['customerAccount'],
        kind: 'object',
        preview: '{7 keys}',
        expandable: true,
        expanded: false,
        position: 2,
        setSize: 2,
      },
    ])
  })

  it('shows kinds and previews for scalars, and empty containers are not expandable', () => {
    const m = new JsonTreeModel(doc)
    m.toggle(['customerAccount'])
    const rows = m.rowsAt(3, 7)
    expect(rows.map((r) => [r.key, r.kind, r.preview, r.expandable])).toEqual([
      ['id', 'number', '1001', false],
      ['emailAddress', 'string', '"ada@example.com"', false],
      ['isActive', 'boolean', 'true', false],
      ['companyOrOrganization', 'null', 'null', false],
      ['contacts', 'array', '[2 items]', true],
      ['odd key', 'string', '"x"', false],
      ['tags', 'array', '[0 items]', false],
    ])
  })

  it('truncates long strings', () => {
    const p = previewOf('x'.repeat(1000))
    expect(p.length).toBeLessThan(210)
    expect(p.endsWith('…"')).toBe(true)
  })

  it('handles a scalar root', () => {
    const m = new JsonTreeModel(42)
    expect(m.rowCount).toBe(1)
    expect(m.rowsAt(0, 5)[0]).toMatchObject({ kind: 'number', preview: '42', expandable: false })
    expect(m.toggle([])).toBe(false)
  })

  it('toggles change counts and collapse drops nested expansion', () => {
    const m = new JsonTreeModel(doc)
    expect(m.toggle(['customerAccount'])).toBe(true)
    expect(m.rowCount).toBe(10)
    m.toggle(['customerAccount', 'contacts'])
    expect(m.rowCount).toBe(12)
    m.toggle(['customerAccount', 'contacts', 1])
    expect(m.rowCount).toBe(14)
    expect(m.toggle(['customerAccount'])).toBe(false)
    expect(m.rowCount).toBe(3)
    m.toggle([])
    expect(m.rowCount).toBe(1)
    m.toggle([])
    expect(m.rowCount).toBe(3)
  })

  it('expandToDepth and collapseAll', () => {
    const m = new JsonTreeModel(doc)
    m.expandToDepth(2)
    expect(m.rowCount).toBe(1 + 2 + 7)
    m.expandToDepth(10)
    expect(m.rowCount).toBe(flatten(doc, new Set(containerPaths(doc).map((p) => JSON.stringify(p)))).length)
    m.collapseAll()
    expect(m.rowCount).toBe(3)
  })

  it('expandToDepth stops at the row budget', () => {
    const big = Array.from({ length: 100 }, () => ({ a: [1, 2, 3], b: 1 }))
    const m = new JsonTreeModel(big)
    expect(m.expandToDepth(3, 150)).toEqual({ complete: false })
    expect(m.rowCount).toBeLessThanOrEqual(150)
    expect(m.expandToDepth(3)).toEqual({ complete: true })
    expect(m.rowCount).toBe(1 + 100 + 200 + 300)
  })

  it('rowsAt windows match a brute-force flatten on random documents', () => {
    const rand = rng(12345)
    for (let trial = 0; trial < 60; trial++) {
      const value = randomDoc(rand, 5)
      const m = new JsonTreeModel(value)
      const expanded = new Set<string>()
      if (typeof value === 'object' && value !== null && containerPaths(value).length > 0 && m.isExpanded([])) expanded.add('[]')
      const all = containerPaths(value)
      for (let step = 0; step < 25; step++) {
        const p = all[Math.floor(rand() * all.length)]
        if (!p) break
        const nowOpen = m.toggle(p)
        if (nowOpen) {
          // Expanding opens ancestors too.
          for (let d = 0; d <= p.length; d++) expanded.add(JSON.stringify(p.slice(0, d)))
        } else {
          // Collapsing forgets the subtree's expansion.
          const prefix = JSON.stringify(p).slice(0, -1)
          for (const k of [...expanded]) {
            if (p.length === 0 || k === JSON.stringify(p) || (k.startsWith(prefix) && k[prefix.length] === ',')) expanded.delete(k)
          }
        }
        const expect_ = flatten(value, expanded)
        expect(m.rowCount).toBe(expect_.length)
        const start = Math.floor(rand() * expect_.length)
        const count = 1 + Math.floor(rand() * 8)
        expect(strip(m.rowsAt(start, count))).toEqual(expect_.slice(start, start + count))
        expect(strip(m.rowsAt(0, expect_.length))).toEqual(expect_)
        const probe = expect_[start]
        expect(m.rowIndexOf(probe.path)).toBe(start)
      }
    }
  })
})

describe('JsonTreeModel reveal', () => {
  it('expands ancestors and returns the row', () => {
    const m = new JsonTreeModel(doc)
    const path = ['customerAccount', 'contacts', 1, 'address', 'cityOrTown']
    const row = m.reveal(path)
    expect(row).toBeGreaterThan(0)
    expect(m.rowsAt(row, 1)[0]).toMatchObject({ key: 'cityOrTown', preview: '"Boston"', depth: 5 })
    expect(m.isExpanded(['customerAccount', 'contacts', 0])).toBe(false)
    expect(m.reveal(['nope'])).toBe(-1)
    expect(m.reveal([])).toBe(0)
  })
})

describe('a ~50 MB document', () => {
  it('expands to depth 3 and serves rows from the middle and the end correctly', () => {
    const accounts = Array.from({ length: 50_000 }, (_, i) => ({
      id: i,
      emailAddress: `user${i}@example.com`,
      firstName: 'First' + i,
      lastName: 'Last' + i,
      notes: 'n'.repeat(700),
      contacts: [
        { id: i * 10, address: { address1: `${i} Main St`, cityOrTown: 'Austin', countryCode: 'US' }, email: `c${i}@example.com` },
        { id: i * 10 + 1, address: { address1: `${i} Side St`, cityOrTown: 'Boston', countryCode: 'US' }, email: `d${i}@example.com` },
      ],
      attributes: [{ fullyQualifiedName: 'tenant~loyalty', values: ['gold'] }],
      auditInfo: { createBy: 'admin', createDate: '2024-01-01T00:00:00Z' },
    }))
    const json = JSON.stringify({ items: accounts })
    expect(json.length).toBeGreaterThan(45_000_000)
    const value = JSON.parse(json)
    const m = new JsonTreeModel(value)
    expect(m.expandToDepth(3)).toEqual({ complete: true })
    // root + items + 50k accounts + 8 fields each.
    const perAccount = 1 + 8
    expect(m.rowCount).toBe(2 + 50_000 * perAccount)

    const mid = 25_000
    const midRow = 2 + mid * perAccount
    const rows = m.rowsAt(midRow, perAccount + 1)
    expect(rows[0]).toMatchObject({ depth: 2, key: mid, path: ['items', mid], preview: '{8 keys}', expanded: true })
    expect(rows[2]).toMatchObject({ depth: 3, key: 'emailAddress', preview: `"user${mid}@example.com"` })
    expect(rows[6]).toMatchObject({ key: 'contacts', preview: '[2 items]', expanded: false })
    expect(rows[perAccount]).toMatchObject({ key: mid + 1, depth: 2 })

    const end = m.rowsAt(m.rowCount - 2, 10)
    expect(end).toHaveLength(2)
    expect(end[1]).toMatchObject({ key: 'auditInfo', path: ['items', 49_999, 'auditInfo'], depth: 3 })

    // A toggle deep in the middle shifts everything after it.
    m.toggle(['items', mid, 'contacts'])
    expect(m.rowCount).toBe(2 + 50_000 * perAccount + 2)
    expect(m.rowsAt(midRow + 7, 1)[0]).toMatchObject({ key: 0, path: ['items', mid, 'contacts', 0] })
    expect(m.rowsAt(m.rowCount - 1, 1)[0].path).toEqual(['items', 49_999, 'auditInfo'])
    expect(m.reveal(['items', 40_000, 'contacts', 1, 'address', 'cityOrTown'])).toBe(
      m.rowIndexOf(['items', 40_000, 'contacts', 1, 'address', 'cityOrTown']),
    )
    expect(m.rowsAt(m.rowIndexOf(['items', 40_000, 'contacts', 1, 'address', 'cityOrTown']), 1)[0].preview).toBe('"Boston"')
  })
})
