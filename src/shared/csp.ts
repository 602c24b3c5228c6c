// The renderer's Content-Security-Policy, written once. The build writes it into index.html's meta
// tag (electron.vite.config.ts), which is all the desktop app's file:// page has; the browser host
// sends it as a header. frame-ancestors works only as a header (browsers ignore it in a meta tag),
// so the header is the page's policy plus that one directive.

const pageDirectives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
]

const headerOnlyDirectives = ["frame-ancestors 'none'"]

/** The policy in index.html's meta tag. */
export const pageContentSecurityPolicy = pageDirectives.join('; ')

/** The policy the browser host sends with every answer. */
export const contentSecurityPolicy = [...pageDirectives, ...headerOnlyDirectives].join('; ')

/** What index.html holds where the build puts the policy. */
export const CSP_PLACEHOLDER = '%CONTENT_SECURITY_POLICY%'

/** index.html with the policy written in; fails the build when the placeholder is missing. */
export function withPageCsp(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} for the Content-Security-Policy meta tag.`)
  return html.replaceAll(CSP_PLACEHOLDER, pageContentSecurityPolicy)
}
