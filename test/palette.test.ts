// The renderer's colours live in theme.css (light and dark); components name them with var(--…).
// A colour written anywhere else would not follow dark mode and would drift from its copies.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../src/renderer/src/', import.meta.url))
const palette = join(root, 'theme.css')

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return styleFiles(path)
    return /\.(svelte|css)$/.test(entry.name) && path !== palette ? [path] : []
  })
}

/** The CSS of a file: a component's <style> blocks, or the whole of a stylesheet. */
function css(path: string): string {
  const text = readFileSync(path, 'utf8')
  if (path.endsWith('.css')) return text
  return [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n')
}

const colourLiteral = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(|var\(--[\w-]+,\s*#/gi

function colourLiterals(source: string): string[] {
  return source.match(colourLiteral) ?? []
}

describe('the palette', () => {
  it('finds what it looks for', () => {
    expect(colourLiterals('a { color: #fff; box-shadow: 0 0 1px rgb(0 0 0 / 0.2); border: var(--border, #ccc) }')).toHaveLength(3)
    expect(colourLiterals('a { color: var(--text); background: var(--hover-bg) }')).toEqual([])
  })

  it('is the only place a colour is written: components use its variables', () => {
    const files = styleFiles(root)
    expect(files.length).toBeGreaterThan(10)
    const found = files.flatMap((path) => colourLiterals(css(path)).map((literal) => `${relative(root, path)}: ${literal}`))
    expect(found).toEqual([])
  })

  it('defines every colour for dark mode too, or derives it from ones that are', () => {
    const text = readFileSync(palette, 'utf8')
    const [light, dark] = text.split('@media (prefers-color-scheme: dark)')
    const names = (block: string, pattern: RegExp) => new Set([...block.matchAll(pattern)].map((m) => m[1]))
    const literalInLight = names(light, /(--[\w-]+):\s*#/g)
    const inDark = names(dark.slice(0, dark.indexOf('}\n}') + 1), /(--[\w-]+):/g)
    expect([...literalInLight].filter((name) => !inDark.has(name))).toEqual([])
  })
})
