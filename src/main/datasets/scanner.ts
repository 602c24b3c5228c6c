// Finds the accounts in a JSON file without parsing the file as a whole: a byte scanner that only
// tracks strings, escapes and nesting depth, and hands each top-level element (an array item, a
// JSON line, an item of a collection's `items`) to the caller to JSON.parse on its own. It never
// recurses, so nesting can't overflow the stack, and it holds only the element in progress.
// UTF-8 multi-byte sequences never contain ASCII bytes, so scanning bytes is safe. This file is
// the grammar of the top level; the loops through elements and strings are in scanBytes.ts.
import { BYTES, isSpace, literalEnd, skipNested, stringStop, type Nesting } from './scanBytes'
import { describeByte, ScanError, type ScanEvents, type ScanProblem, type TopShape } from './scanEvents'

export { ScanError, type ScanEvents, type ScanProblem, type TopShape }

// Constants of this module, not imports: #next reads them per byte (see BYTES).
const { QUOTE, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, NEWLINE } = BYTES

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

export class JsonScanner {
  shape: TopShape | null = null
  /** Elements emitted so far. */
  count = 0
  #buf: Buffer
  #len = 0
  #base = 0 // file offset of #buf[0]
  #i = 0
  #state = S.Start
  readonly #nest: Nesting = { depth: 0, inString: false, stop: 'more', newline: false }
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
        throw new ScanError('empty', 'The file holds only white space.', at)
      case S.After:
      case S.LinesBetween:
        return
      case S.Element:
      case S.Line:
        throw new ScanError(
          'truncated',
          `The file ends in the middle of account #${this.count + 1}, which starts at byte ${this.#base + this.#start} (a missing closing quote or brace?).`,
          at,
          this.#base + this.#start,
        )
      default:
        throw new ScanError('truncated', 'The file ends before its JSON is complete.', at)
    }
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
    const inValue = this.#state === S.Element || this.#state === S.Line
    throw new ScanError(problem, message, this.#base + at, inValue ? this.#base + this.#start : undefined)
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

  // Inside an element or value (skipNested), until depth falls back to `target`. True when closed.
  #compound(target: number, newlines: 0 | 1 | 2): boolean {
    const nest = this.#nest
    const i = skipNested(this.#buf, this.#i, this.#len, nest, target, this.#maxDepth, newlines)
    if (nest.stop === 'too-deep') this.#fail(`The JSON is nested more than ${this.#maxDepth} levels deep.`, i - 1, 'too-deep')
    if (nest.stop === 'newline') {
      this.#i = i - 1
      this.#fail('This line ends before its JSON object is complete (JSON Lines needs one whole object per line).', i - 1, 'truncated')
    }
    if (nest.newline) this.#firstNewline = true
    this.#i = i
    return nest.stop === 'closed'
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
            this.#nest.depth = 1
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
            this.#nest.depth = this.#containerDepth + 1
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
          if (c !== COLON) this.#fail(`Expected ':' after a property name, found ${describeByte(c)}.`, this.#i)
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
            this.#nest.depth = 2
            this.#state = S.ValueCompound
          } else if (c === QUOTE) {
            this.#i++
            this.#state = S.ValueString
          } else if (c === COMMA || c === RBRACE) this.#fail('A property has no value.', this.#i)
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
        case S.ValueLiteral:
          this.#i = literalEnd(buf, this.#i, this.#len)
          if (this.#i >= this.#len) return
          this.#emitField()
          break
        case S.FieldAfter: {
          const c = this.#next()
          if (c < 0) return
          if (c === COMMA) {
            this.#i++
            this.#state = S.Key
          } else if (c === RBRACE) this.#closeTop()
          else this.#fail(`Expected ',' or '}' after a property's value, found ${describeByte(c)}.`, this.#i)
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
          this.#nest.depth = 1
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
    const stop = stringStop(this.#buf, this.#i, this.#len)
    if (stop >= this.#len) {
      this.#i = stop
      return false
    }
    if (this.#buf[stop] === NEWLINE) this.#fail('A string runs past the end of its line (a missing closing quote?).', this.#start)
    this.#i = stop + 1
    return true
  }

  #openContainer(depth: number): void {
    this.#containerDepth = depth
    this.#nest.depth = depth
    this.#i++
    this.#state = S.ContainerFirst
  }

  #closeContainer(): void {
    this.#i++
    if (this.#containerDepth === 1) {
      this.#nest.depth = 0
      this.#state = S.After
    } else {
      this.#nest.depth = 1
      this.#state = S.FieldAfter
    }
  }

  #emitField(): void {
    this.#events.field(this.#key, this.#buf, this.#start, this.#i, this.#base + this.#start)
    this.#nest.depth = 1
    this.#state = S.FieldAfter
  }

  #closeTop(): void {
    this.#i++
    this.#nest.depth = 0
    if (this.#lineBreakSeen) this.#firstNewline = true
    this.#state = S.After
  }
}
