// Finds the accounts in a JSON file without parsing the file as a whole: a byte scanner that only
// tracks strings, escapes and nesting depth, and hands each top-level element (an array item, a
// JSON line, an item of a collection's `items`) to the caller to JSON.parse on its own. It never
// recurses, so nesting can't overflow the stack, and it holds only the element in progress.
// UTF-8 multi-byte sequences never contain ASCII bytes, so scanning bytes is safe.
import { describeByte, ScanError, type ScanEvents, type ScanProblem, type TopShape } from './scanEvents'

export { ScanError, type ScanEvents, type ScanProblem, type TopShape }

const QUOTE = 0x22
const BACKSLASH = 0x5c
const LBRACE = 0x7b
const RBRACE = 0x7d
const LBRACKET = 0x5b
const RBRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a
const NEWLINE = 0x0a

const enum S {
  Start,
  ContainerFirst, // after '[': an element or ']'
  ContainerNext, // after ',': an element
  ContainerAfter, // after an element: ',' or ']'
  Element,
  KeyOrClose, // after the top '{': a key or '}'
  Key, // after ',': a key
  KeyString,
  Colon,
  Value,
  ValueCompound,
  ValueString,
  ValueLiteral,
  FieldAfter, // ',' or '}'
  After, // after the top-level value: nothing, or more objects (JSON Lines)
  LinesBetween,
  Line,
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

export class JsonScanner {
  shape: TopShape | null = null
  /** Elements emitted so far. */
  count = 0
  #buf: Buffer
  #len = 0
  #base = 0 // file offset of #buf[0]
  #i = 0
  #state = S.Start
  #depth = 0
  #inString = false
  #start = 0 // start of the element, value or key in progress
  #containerDepth = 0
  #key = ''
  #itemsSeen = false
  #strictLines = false
  #firstNewline = false // the first top-level object spans lines: not strict JSON Lines
  #lineBreakSeen = true
  readonly #events: ScanEvents
  readonly #maxDepth: number

  constructor(events: ScanEvents, options: { maxDepth?: number; initialSize?: number } = {}) {
    this.#events = events
    this.#maxDepth = options.maxDepth ?? 512
    this.#buf = Buffer.allocUnsafe(options.initialSize ?? 1 << 16)
  }

  /** Space to read the next `size` bytes into; call `commit` with how many were read. */
  writable(size: number): Buffer {
    const keep = this.#keepFrom()
    if (keep > 0) {
      this.#buf.copyWithin(0, keep, this.#len)
      this.#len -= keep
      this.#i -= keep
      this.#start -= keep
      this.#base += keep
    }
    if (this.#buf.length - this.#len < size) {
      const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + size))
      this.#buf.copy(grown, 0, 0, this.#len)
      this.#buf = grown
    }
    return this.#buf.subarray(this.#len, this.#len + size)
  }

  commit(bytes: number): void {
    this.#len += bytes
    this.#scan()
  }

  /** Convenience for tests and small inputs: copies `chunk` in and scans it. */
  write(chunk: Uint8Array): void {
    this.writable(chunk.length).set(chunk)
    this.commit(chunk.length)
  }

  /** The input is complete: throws a ScanError if it ended too early. */
  end(): void {
    this.#scan()
    const at = this.#base + this.#len
    switch (this.#state) {
      case S.Start:
        throw new ScanError('empty', 'The file is empty (it holds only white space).', at)
      case S.After:
      case S.LinesBetween:
        return
      case S.Element:
      case S.Line:
        throw new ScanError('truncated', `The file ends in the middle of account #${this.count + 1}, which starts at byte ${this.#base + this.#start}.`, at)
      default:
        throw new ScanError('truncated', 'The file ends before its JSON is complete.', at)
    }
  }

  /** File offset of the byte the scanner stopped at, for messages. */
  get offset(): number {
    return this.#base + this.#i
  }

  // What must stay in the buffer: the element, value or key in progress, else nothing behind `i`.
  #keepFrom(): number {
    switch (this.#state) {
      case S.Element:
      case S.Line:
      case S.KeyString:
      case S.ValueCompound:
      case S.ValueString:
      case S.ValueLiteral:
        return this.#start
      default:
        return Math.min(this.#i, this.#len)
    }
  }

  #fail(message: string, at: number, problem: ScanProblem = 'syntax'): never {
    throw new ScanError(problem, message, this.#base + at)
  }

  // Skips white space from #i; returns the next byte or -1 when the buffer is used up.
  #next(): number {
    const buf = this.#buf
    let i = this.#i
    while (i < this.#len) {
      const c = buf[i]
      if (!isSpace(c)) {
        this.#i = i
        return c
      }
      if (c === NEWLINE) this.#lineBreakSeen = true
      i++
    }
    this.#i = i
    return -1
  }

  // The hot loop: inside an element or value, until depth falls back to `target`. True when closed.
  #compound(target: number, newlines: 0 | 1 | 2): boolean {
    const buf = this.#buf
    const len = this.#len
    const max = this.#maxDepth
    let i = this.#i
    let depth = this.#depth
    let inString = this.#inString
    let closed = false
    for (;;) {
      if (inString) {
        // memchr to the next quote beats a byte loop even for short strings.
        let q = buf.indexOf(QUOTE, i)
        while (q !== -1 && q < len && buf[q - 1] === BACKSLASH && isEscaped(buf, q)) q = buf.indexOf(QUOTE, q + 1)
        if (q === -1 || q >= len) {
          i = len
          break
        }
        inString = false
        i = q + 1
      }
      if (i >= len) break
      const c = buf[i++]
      if (c === QUOTE) inString = true
      else if (c === LBRACE || c === LBRACKET) {
        if (++depth > max) this.#fail(`The JSON is nested more than ${max} levels deep.`, i - 1, 'too-deep')
      } else if (c === RBRACE || c === RBRACKET) {
        if (--depth === target) {
          closed = true
          break
        }
      } else if (c === NEWLINE && newlines !== 0) {
        if (newlines === 2) {
          this.#i = i - 1
          this.#fail('This line ends before its JSON object is complete (JSON Lines needs one whole object per line).', i - 1, 'truncated')
        }
        this.#firstNewline = true
      }
    }
    this.#i = i
    this.#depth = depth
    this.#inString = inString
    return closed
  }

  #emitElement(): void {
    const buf = this.#buf
    this.#events.element(buf, this.#start, this.#i, this.#base + this.#start, this.count++)
  }

  #scan(): void {
    const buf = this.#buf
    for (;;) {
      switch (this.#state) {
        case S.Start: {
          const c = this.#next()
          if (c < 0) return
          if (c === LBRACKET) {
            this.shape = 'array'
            this.#openContainer(1)
          } else if (c === LBRACE) {
            this.shape = 'object'
            this.#depth = 1
            this.#i++
            this.#state = S.KeyOrClose
            this.#lineBreakSeen = false
          } else this.#fail(`Expected JSON ('{' or '['), found ${describeByte(c)}.`, this.#i)
          break
        }
        case S.ContainerFirst:
        case S.ContainerNext: {
          const c = this.#next()
          if (c < 0) return
          if (c === LBRACE) {
            this.#start = this.#i++
            this.#depth = this.#containerDepth + 1
            this.#state = S.Element
          } else if (c === RBRACKET && this.#state === S.ContainerFirst) this.#closeContainer()
          else if (c === RBRACKET) this.#fail(`A trailing comma: ']' right after ',' (after account #${this.count}).`, this.#i)
          else this.#fail(`Expected account #${this.count + 1} (a JSON object), found ${describeByte(c)}.`, this.#i)
          break
        }
        case S.Element:
          if (!this.#compound(this.#containerDepth, 0)) return
          this.#emitElement()
          this.#state = S.ContainerAfter
          break
        case S.ContainerAfter: {
          const c = this.#next()
          if (c < 0) return
          if (c === COMMA) {
            this.#i++
            this.#state = S.ContainerNext
          } else if (c === RBRACKET) this.#closeContainer()
          else this.#fail(`Expected ',' or ']' after account #${this.count}, found ${describeByte(c)}.`, this.#i)
          break
        }
        case S.KeyOrClose:
        case S.Key: {
          const c = this.#next()
          if (c < 0) return
          if (c === QUOTE) {
            this.#start = this.#i++
            this.#state = S.KeyString
          } else if (c === RBRACE && this.#state === S.KeyOrClose) this.#closeTop()
          else this.#fail(`Expected a property name in double quotes, found ${describeByte(c)}.`, this.#i)
          break
        }
        case S.KeyString: {
          if (!this.#string()) return
          const raw = buf.toString('utf8', this.#start, this.#i)
          try {
            this.#key = JSON.parse(raw) as string
          } catch {
            this.#fail('A property name is not a valid JSON string.', this.#start)
          }
          this.#state = S.Colon
          break
        }
        case S.Colon: {
          const c = this.#next()
          if (c < 0) return
          if (c !== COLON) this.#fail(`Expected ':' after the property name "${shorten(this.#key)}", found ${describeByte(c)}.`, this.#i)
          this.#i++
          this.#state = S.Value
          break
        }
        case S.Value: {
          const c = this.#next()
          if (c < 0) return
          this.#start = this.#i
          if (c === LBRACKET && this.#key === 'items' && !this.#itemsSeen) {
            this.#itemsSeen = true
            this.#events.itemsStart?.()
            this.#openContainer(2)
          } else if (c === LBRACE || c === LBRACKET) {
            this.#i++
            this.#depth = 2
            this.#state = S.ValueCompound
          } else if (c === QUOTE) {
            this.#i++
            this.#state = S.ValueString
          } else if (c === COMMA || c === RBRACE) this.#fail(`The property "${shorten(this.#key)}" has no value.`, this.#i)
          else this.#state = S.ValueLiteral
          break
        }
        case S.ValueCompound:
          if (!this.#compound(1, 1)) return
          this.#emitField()
          break
        case S.ValueString:
          if (!this.#string()) return
          this.#emitField()
          break
        case S.ValueLiteral: {
          let i = this.#i
          while (i < this.#len) {
            const c = buf[i]
            if (c === COMMA || c === RBRACE || c === RBRACKET || isSpace(c)) break
            i++
          }
          this.#i = i
          if (i >= this.#len) return
          this.#emitField()
          break
        }
        case S.FieldAfter: {
          const c = this.#next()
          if (c < 0) return
          if (c === COMMA) {
            this.#i++
            this.#state = S.Key
          } else if (c === RBRACE) this.#closeTop()
          else this.#fail(`Expected ',' or '}' after the value of "${shorten(this.#key)}", found ${describeByte(c)}.`, this.#i)
          break
        }
        case S.After: {
          const c = this.#next()
          if (c < 0) return
          if (c === LBRACE && this.shape === 'object' && !this.#itemsSeen) {
            // Another object after the first: JSON Lines. Strict (one object per line) when the
            // first object sat on one line, so a broken line is reported where it breaks.
            this.shape = 'lines'
            this.#strictLines = !this.#firstNewline
            this.#events.linesStart?.()
            this.count = 1
            this.#state = S.LinesBetween
          } else this.#fail(`Unexpected ${describeByte(c)} after the end of the JSON value.`, this.#i)
          break
        }
        case S.LinesBetween: {
          const c = this.#next()
          if (c < 0) return
          if (c !== LBRACE) this.#fail(`Expected a JSON object at the start of the line, found ${describeByte(c)}.`, this.#i)
          if (this.#strictLines && !this.#lineBreakSeen) this.#fail('Two JSON objects on one line.', this.#i)
          this.#start = this.#i++
          this.#depth = 1
          this.#state = S.Line
          break
        }
        case S.Line:
          if (!this.#compound(0, this.#strictLines ? 2 : 0)) return
          this.#emitElement()
          this.#lineBreakSeen = false
          this.#state = S.LinesBetween
          break
      }
    }
  }

  // Inside a string that started at #start: true once past its closing quote.
  #string(): boolean {
    const buf = this.#buf
    let i = this.#i
    while (i < this.#len) {
      const d = buf[i]
      if (d === QUOTE) {
        this.#i = i + 1
        return true
      }
      if (d === NEWLINE) this.#fail('A string runs past the end of its line (a missing closing quote?).', this.#start)
      i += d === BACKSLASH ? 2 : 1
    }
    this.#i = i
    return false
  }

  #openContainer(depth: number): void {
    this.#containerDepth = depth
    this.#depth = depth
    this.#i++
    this.#state = S.ContainerFirst
  }

  #closeContainer(): void {
    this.#i++
    if (this.#containerDepth === 1) {
      this.#depth = 0
      this.#state = S.After
    } else {
      this.#depth = 1
      this.#state = S.FieldAfter
    }
  }

  #emitField(): void {
    this.#events.field(this.#key, this.#buf, this.#start, this.#i, this.#base + this.#start)
    this.#depth = 1
    this.#state = S.FieldAfter
  }

  #closeTop(): void {
    this.#i++
    this.#depth = 0
    if (this.#lineBreakSeen) this.#firstNewline = true
    this.#state = S.After
  }
}

// A quote is escaped when an odd number of backslashes precede it. The string's opening quote
// is always in the buffer, so the walk back stops there at the latest.
function isEscaped(buf: Buffer, quote: number): boolean {
  let k = quote - 1
  while (buf[k] === BACKSLASH) k--
  return ((quote - 1 - k) & 1) === 1
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
