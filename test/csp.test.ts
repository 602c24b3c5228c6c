// One Content-Security-Policy for both hosts: the build writes src/shared/csp.ts into index.html's
// meta tag, and the browser host sends the same directives (plus the header-only frame-ancestors).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, CSP_PLACEHOLDER, pageContentSecurityPolicy, withPageCsp } from '../src/shared/csp'

const indexHtml = readFileSync(new URL('../src/renderer/index.html', import.meta.url), 'utf8')

function metaPolicy(html: string): string | undefined {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1]
}

describe('Content-Security-Policy', () => {
  it('index.html carries no policy of its own, only the place the build writes it', () => {
    expect(metaPolicy(indexHtml)).toBe(CSP_PLACEHOLDER)
    expect(indexHtml).not.toContain('default-src')
  })

  it('the built page’s meta tag is the header’s policy without the header-only frame-ancestors', () => {
    const meta = metaPolicy(withPageCsp(indexHtml))
    expect(meta).toBe(pageContentSecurityPolicy)
    expect(contentSecurityPolicy).toBe(`${meta}; frame-ancestors 'none'`)
    expect(meta).toContain("script-src 'self'")
    expect(meta).not.toContain('frame-ancestors')
  })

  it('refuses to build a page that lost its placeholder', () => {
    expect(() => withPageCsp('<html><head></head></html>')).toThrow(CSP_PLACEHOLDER)
  })
})
