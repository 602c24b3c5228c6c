// "Copy as cURL" must survive a real shell: placeholders expand, everything else stays literal.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { curlCommand, redactQuery, redactRequestBody, redactRequestHeaders, shellQuote } from './exchange'

const shell = (script: string, env: Record<string, string> = {}) =>
  spawnSync('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).stdout

describe('shellQuote', () => {
  it.each([
    `{"client_id":"a","client_secret":"$KIBO_CLIENT_SECRET","note":"it's \`x\` \\\\ $HOME"}`,
    `plain 'quoted' text with $HOME and \`cmd\``,
    'Authorization: Bearer $KIBO_TOKEN',
  ])('%s', (text) => {
    const printed = shell(`printf '%s' ${shellQuote(text)}`, { KIBO_CLIENT_SECRET: 'S3', KIBO_TOKEN: 'T0', HOME: '/nope' })
    expect(printed).toBe(text.replace('$KIBO_CLIENT_SECRET', 'S3').replace('$KIBO_TOKEN', 'T0'))
  })
})

describe('redaction of what is sent', () => {
  it('replaces secrets by name and by value, keeps ids readable', () => {
    const secrets = ['tok-1234567890', 'sec-abcdefgh']
    expect(
      redactRequestHeaders(
        { Authorization: 'Bearer tok-1234567890', Cookie: 'a=b', 'x-vol-tenant': '5', 'X-Note': 'sec-abcdefgh' },
        secrets,
      ),
    ).toEqual({ Authorization: 'Bearer $KIBO_TOKEN', Cookie: '$KIBO_SECRET', 'x-vol-tenant': '5', 'X-Note': '[redacted]' })
    expect(redactQuery({ refreshToken: 'r', accountId: 1001, q: undefined, cartId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' }, secrets)).toEqual({
      refreshToken: '$KIBO_REFRESH_TOKEN',
      accountId: '1001',
      cartId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    })
    expect(JSON.parse(redactRequestBody({ client_secret: 'sec-abcdefgh', nested: [{ password: 'p', keep: true }] }, secrets)!)).toEqual({
      client_secret: '$KIBO_CLIENT_SECRET',
      nested: [{ password: '$KIBO_SECRET', keep: true }],
    })
  })

  it('builds a cURL command without the headers the HTTP library adds', () => {
    const curl = curlCommand({
      method: 'PUT',
      url: 'https://t1.sandbox.mozu.com/api/commerce/customer/authtickets/refresh',
      query: { refreshToken: '$KIBO_REFRESH_TOKEN', accountId: '1001' },
      requestHeaders: { Authorization: 'Bearer $KIBO_TOKEN', 'content-length': '0', 'x-vol-tenant': '1' },
      requestBody: null,
    })
    expect(curl).toBe(
      [
        'curl -X PUT "https://t1.sandbox.mozu.com/api/commerce/customer/authtickets/refresh?refreshToken=$KIBO_REFRESH_TOKEN&accountId=1001"',
        '  -H "Authorization: Bearer $KIBO_TOKEN"',
        "  -H 'x-vol-tenant: 1'",
      ].join(' \\\n'),
    )
  })
})
