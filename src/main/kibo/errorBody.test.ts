// Reading failed answers: Kibo's own bodies field by field, other JSON, HTML pages and plain text,
// each cut to a few readable lines with no token left in them.
import { describe, expect, it } from 'vitest'
import { readErrorBody } from './errorBody'

const read = (body: unknown, contentType = 'application/json', secrets: string[] = []) =>
  readErrorBody(typeof body === 'string' ? body : JSON.stringify(body), contentType, secrets)

describe('Kibo’s error bodies', () => {
  it('an empty or blank body says nothing', () => {
    expect(readErrorBody('', 'application/json', [])).toEqual({ summary: null, detail: {} })
    expect(readErrorBody(' \n\t ', 'text/plain', [])).toEqual({ summary: null, detail: {} })
  })

  it('message alone, flattened', () => {
    expect(read({ message: '  Account\n  not   found  ' })).toEqual({ summary: 'Account not found', detail: {} })
  })

  it('errorCode alone is the summary; one the message already names is not repeated', () => {
    expect(read({ errorCode: 'ITEM_NOT_FOUND' })).toEqual({ summary: 'ITEM_NOT_FOUND', detail: { errorCode: 'ITEM_NOT_FOUND' } })
    expect(read({ message: 'ITEM_NOT_FOUND: no such account', errorCode: 'ITEM_NOT_FOUND' }).summary).toBe(
      'ITEM_NOT_FOUND: no such account',
    )
  })

  it('the first item that has a message; one the message already holds is not repeated', () => {
    expect(read({ items: [1, { name: 'x' }, { message: ' ' }, { message: 'second item' }, { message: 'third' }] }).summary).toBe(
      'second item',
    )
    expect(read({ message: 'Invalid: accountId is 0', items: [{ message: 'accountId is 0' }] }).summary).toBe('Invalid: accountId is 0')
    expect(read({ message: 'Invalid', items: 'not a list' })).toEqual({ summary: 'Invalid', detail: {} })
  })

  it('the exception message stands in for a missing message, and is kept apart when it differs', () => {
    expect(read({ exceptionDetail: { message: 'Boom at line 3' } })).toEqual({
      summary: 'Boom at line 3',
      detail: { exceptionMessage: 'Boom at line 3' },
    })
    expect(read({ message: 'Same', exceptionDetail: { message: 'Same' } })).toEqual({ summary: 'Same', detail: {} })
    expect(read({ message: 'Failed', exceptionDetail: { message: 'Inner cause' } })).toEqual({
      summary: 'Failed',
      detail: { exceptionMessage: 'Inner cause' },
    })
    expect(read({ message: 'Failed', exceptionDetail: 'a string, not an object' })).toEqual({ summary: 'Failed', detail: {} })
    expect(read({ message: 'Failed', exceptionDetail: ['a', 'list'] })).toEqual({ summary: 'Failed', detail: {} })
  })

  it('an item message after the exception: the item wins', () => {
    expect(read({ exceptionDetail: { message: 'inner' }, items: [{ message: 'item said' }] }).summary).toBe('item said')
  })

  it('applicationName alone gives detail but no summary', () => {
    expect(read({ applicationName: 'Customer' })).toEqual({ summary: null, detail: { applicationName: 'Customer' } })
  })

  it('numbers and booleans are read as text; blank strings and objects are not', () => {
    expect(read({ message: 404, errorCode: true })).toEqual({ summary: '404 (true)', detail: { errorCode: 'true' } })
    expect(read({ message: '   ', errorCode: { a: 1 } })).toEqual({ summary: null, detail: {} })
  })

  it('additionalErrorData: up to eight named entries, values as text or JSON, unnamed ones dropped', () => {
    const data = [
      { name: 'a', value: 'x' },
      'not an object',
      [1, 2],
      { value: 'no name' },
      { name: '  ', value: 'blank name' },
      { name: 'n', value: 7 },
      { name: 'nil', value: null },
      { name: 'missing' },
      { name: 'obj', value: { deep: [1, 'two'] } },
      { name: 'ninth', value: 'cut' },
    ]
    expect(read({ additionalErrorData: data }).detail).toEqual({
      additionalErrorData: [
        { name: 'a', value: 'x' },
        { name: 'n', value: '7' },
        { name: 'nil', value: '' },
        { name: 'missing', value: '' },
      ],
    })
    const nine = Array.from({ length: 9 }, (_, i) => ({ name: `k${i}`, value: { i } }))
    expect(read({ additionalErrorData: nine }).detail.additionalErrorData).toEqual(
      Array.from({ length: 8 }, (_, i) => ({ name: `k${i}`, value: `{"i":${i}}` })),
    )
  })

  it('additionalErrorData that is not a list, or has nothing named, is left out', () => {
    expect(read({ message: 'm', additionalErrorData: { name: 'a', value: 'b' } })).toEqual({ summary: 'm', detail: {} })
    expect(read({ message: 'm', additionalErrorData: [{ value: 'b' }] })).toEqual({ summary: 'm', detail: {} })
    // Data alone makes it Kibo's body, with nothing to say.
    expect(read({ additionalErrorData: [{ name: 'p', value: 'q' }] })).toEqual({
      summary: null,
      detail: { additionalErrorData: [{ name: 'p', value: 'q' }] },
    })
  })

  it('long names and values are clipped: names to 80, values to 200, the summary to 300', () => {
    const reading = read({
      message: 'm'.repeat(400),
      errorCode: 'E'.repeat(100),
      applicationName: 'A'.repeat(100),
      additionalErrorData: [{ name: 'n'.repeat(100), value: 'v'.repeat(300) }],
      exceptionDetail: { message: 'x'.repeat(300) },
    })
    expect(reading.summary).toBe(`${'m'.repeat(299)}…`)
    expect(reading.detail).toEqual({
      applicationName: `${'A'.repeat(79)}…`,
      errorCode: `${'E'.repeat(79)}…`,
      additionalErrorData: [{ name: `${'n'.repeat(79)}…`, value: `${'v'.repeat(199)}…` }],
      exceptionMessage: `${'x'.repeat(199)}…`,
    })
  })

  it('text exactly at a limit is kept whole', () => {
    const reading = read({
      message: 'm'.repeat(300),
      applicationName: 'A'.repeat(80),
      additionalErrorData: [{ name: 'n'.repeat(80), value: 'v'.repeat(200) }],
    })
    expect(reading.summary).toBe('m'.repeat(300))
    expect(reading.detail).toEqual({
      applicationName: 'A'.repeat(80),
      additionalErrorData: [{ name: 'n'.repeat(80), value: 'v'.repeat(200) }],
    })
  })

  it('a long JSON value is clipped to 200', () => {
    const value = { list: 'y'.repeat(300) }
    expect(read({ additionalErrorData: [{ name: 'big', value }] }).detail.additionalErrorData).toEqual([
      { name: 'big', value: `${JSON.stringify(value).slice(0, 199)}…` },
    ])
  })

  it('keys in any capitalisation; the exact key wins over another spelling', () => {
    expect(read({ MESSAGE: 'upper', errorcode: 'lower' })).toEqual({ summary: 'upper (lower)', detail: { errorCode: 'lower' } })
    expect(read({ Message: 'capital', message: 'exact' }).summary).toBe('exact')
  })

  it('what the request carried is scrubbed from every field', () => {
    const secret = 'the-secret-value'
    const reading = read(
      {
        message: `bad ${secret}`,
        errorCode: `E_${secret}`,
        applicationName: `App ${secret}`,
        additionalErrorData: [{ name: `n ${secret}`, value: `v ${secret}` }],
        exceptionDetail: { message: `inner ${secret}` },
      },
      'application/json',
      [secret],
    )
    expect(reading).toEqual({
      summary: 'bad [redacted] (E_[redacted])',
      detail: {
        applicationName: 'App [redacted]',
        errorCode: 'E_[redacted]',
        additionalErrorData: [{ name: 'n [redacted]', value: 'v [redacted]' }],
        exceptionMessage: 'inner [redacted]',
      },
    })
  })
})

describe('other JSON', () => {
  it('gateways’ own keys, at most two, in their order, without repeats', () => {
    expect(read({ error: 'invalid_request', error_description: 'header not allowed' })).toEqual({
      summary: 'header not allowed: invalid_request',
      detail: {},
    })
    expect(read({ title: 'Not Found', detail: 'No route', reason: 'third' }).summary).toBe('No route: Not Found')
    expect(read({ error: 'denied', description: 'denied' }).summary).toBe('denied')
    expect(read({ error: 'access denied', msg: 'denied' }).summary).toBe('access denied')
    expect(read({ statusText: 'Bad Gateway' }).summary).toBe('Bad Gateway')
    expect(read({ Reason: 'Capitalised' }).summary).toBe('Capitalised')
  })

  it('a nested { message } is read; a nested object without one is not', () => {
    expect(read({ error: { message: 'nested says', code: 5 } }).summary).toBe('nested says')
    expect(read({ error: { code: 5 } })).toEqual({ summary: null, detail: {} })
  })

  it('a JSON string is its own summary; a list, number or unknown object says nothing', () => {
    expect(read('"Service unavailable"')).toEqual({ summary: 'Service unavailable', detail: {} })
    expect(read('[{"message":"in a list"}]')).toEqual({ summary: null, detail: {} })
    expect(read('42', 'text/html')).toEqual({ summary: null, detail: {} })
    expect(read({ unknown: 'x' })).toEqual({ summary: null, detail: {} })
  })

  it('is clipped and scrubbed', () => {
    expect(read({ error: 'e'.repeat(400) }).summary).toBe(`${'e'.repeat(299)}…`)
    expect(read({ error: 'leaked hunter22' }, 'application/json', ['hunter22']).summary).toBe('leaked [redacted]')
  })
})

describe('HTML pages', () => {
  it('named by the title, entities decoded, tags and whitespace dropped', () => {
    expect(
      read(
        '<html><head><title> 502 &amp; Bad&nbsp;Gateway &lt;x&gt; &quot;q&quot; &#39;s&apos; a&copy;b </title></head></html>',
        'text/html',
      ),
    ).toEqual({
      summary: "a web page titled “502 & Bad Gateway <x> \"q\" 's' a b”, not Kibo's answer",
      detail: {},
    })
  })

  it('by the h1 when there is no title, else by the page text without scripts and styles', () => {
    expect(read('<body><h1 class="x">Access <b>denied</b></h1><p>more</p></body>', 'text/html').summary).toBe(
      "a web page titled “Access denied”, not Kibo's answer",
    )
    expect(read('<body><script>var a = 1</script><style>p{}</style><p>Just   text</p></body>', 'text/html').summary).toBe(
      "a web page titled “Just text”, not Kibo's answer",
    )
  })

  it('an empty page is still named as a page', () => {
    expect(read('<html><title>  </title></html>', 'text/html').summary).toBe('a web page, not Kibo’s answer')
  })

  it('a long title is clipped to 120', () => {
    expect(read(`<title>${'t'.repeat(200)}</title>`, 'text/html').summary).toBe(
      `a web page titled “${'t'.repeat(119)}…”, not Kibo's answer`,
    )
  })

  it('is recognised by its content type or by its look', () => {
    const asPage = (body: string, type?: string) => readErrorBody(body, type, []).summary
    expect(asPage('Gateway down', 'text/html; charset=utf-8')).toBe("a web page titled “Gateway down”, not Kibo's answer")
    expect(asPage('Gateway down', 'TEXT/HTML')).toBe("a web page titled “Gateway down”, not Kibo's answer")
    expect(asPage('<!DOCTYPE html>page')).toBe("a web page titled “page”, not Kibo's answer")
    expect(asPage('<?xml version="1.0"?><x>fault</x>')).toBe("a web page titled “fault”, not Kibo's answer")
    expect(asPage('text then </body>')).toBe("a web page titled “text then”, not Kibo's answer")
    expect(asPage('see <b>this</b>', 'text/plain')).toBe('see <b>this</b>')
  })

  it('its other marks: an opening html, head or body tag, a closing html, h1 or title tag', () => {
    const asPage = (body: string) => readErrorBody(body, 'text/plain', []).summary
    for (const body of ['<html>Down', '<HEAD>Down', '<body>Down', 'Down</html>', 'Down</h1>', 'Down</title>'])
      expect([body, asPage(body)]).toEqual([body, "a web page titled “Down”, not Kibo's answer"])
    expect(asPage('Down <html')).toBe('Down <html')
    expect(asPage('Down <body> here')).toBe('Down <body> here')
  })

  it('the first title, its attributes, entities in any case, and a tag cut off at the end', () => {
    const asPage = (body: string) => readErrorBody(body, 'text/html', []).summary
    expect(asPage('<title lang="en">One</title><title>Two</title>')).toBe("a web page titled “One”, not Kibo's answer")
    expect(asPage('<h1>One</h1><h1>Two</h1>')).toBe("a web page titled “One”, not Kibo's answer")
    expect(asPage('A &AMP; B &Lt; C')).toBe("a web page titled “A & B < C”, not Kibo's answer")
    expect(asPage('Text<br')).toBe("a web page titled “Text”, not Kibo's answer")
    expect(asPage('<p>A</p>\n<p>B</p>')).toBe("a web page titled “A B”, not Kibo's answer")
  })

  it('is scrubbed before it is read', () => {
    expect(read('<title>Denied for s3cr3t-key</title>', 'text/html', ['s3cr3t-key']).summary).toBe(
      "a web page titled “Denied for [redacted]”, not Kibo's answer",
    )
  })
})

describe('plain text', () => {
  it('its first non-blank line, clipped and scrubbed', () => {
    expect(readErrorBody('\n   \r\n  Rejected by WAF  \r\nreference 1', 'text/plain', [])).toEqual({
      summary: 'Rejected by WAF',
      detail: {},
    })
    expect(readErrorBody('x'.repeat(400), undefined, []).summary).toBe(`${'x'.repeat(299)}…`)
    expect(readErrorBody('denied: pass-word-1', 'text/plain', ['pass-word-1']).summary).toBe('denied: [redacted]')
  })

  it('a line that is all secret reads as the placeholder', () => {
    expect(readErrorBody('abcd', 'text/plain', ['abcd']).summary).toBe('[redacted]')
  })
})

describe('odd values in a body', () => {
  it('null, and null items, are read without a fault', () => {
    expect(readErrorBody('null', 'application/json', [])).toEqual({ summary: null, detail: {} })
    expect(read({ message: 'm', items: [null, { message: 'i' }], additionalErrorData: [null] })).toEqual({ summary: 'm i', detail: {} })
  })

  it('a blank string value is quoted as JSON; an error code is compared without its spaces', () => {
    expect(read({ additionalErrorData: [{ name: 'a', value: '   ' }] }).detail.additionalErrorData).toEqual([{ name: 'a', value: '" "' }])
    expect(read({ message: 'Failed E1', errorCode: ' E1 ' }).summary).toBe('Failed E1')
  })

  it('a page after blank lines is still a page; a blank body says nothing whatever its type', () => {
    expect(readErrorBody('\n\n<!DOCTYPE html>Page', 'text/plain', []).summary).toBe("a web page titled “Page”, not Kibo's answer")
    expect(readErrorBody('  ', 'text/html', [])).toEqual({ summary: null, detail: {} })
  })
})
