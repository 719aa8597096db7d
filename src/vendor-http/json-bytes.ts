/**
 * `JSON.parse` of UTF-8 bytes that never builds a string of more than `pieceBytes` (except for a single JSON
 * string value that long): a large body is cut at the members of its objects and the elements of its arrays,
 * and each piece small enough is decoded and parsed on its own.
 *
 * Why: V8 puts a string of more than 128 KB (64 K characters once one of them is not Latin-1, a curly apostrophe
 * will do) in its large-object space, on pages mapped for it alone, and touching fresh pages is slow where page
 * faults are dear (in virtual machines: decoding a 186 KB two-byte string took 0.9 ms here, a 93 KB one-byte
 * string 11 µs). A vendor's page of 100 tickets is such a body; decoding it was a third of the gateway's CPU time
 * on such lists (docs/performance.md). Small strings are allocated in the young generation, whose pages are reused.
 *
 * Same answers as `JSON.parse(bytes.toString())` for every input (a property test holds it to that): a
 * `SyntaxError` for what is not JSON, the last of duplicate keys, `__proto__` as an own key; and a UTF-8 byte
 * order mark is skipped, as undici's `body.text()` skips it.
 */
export function parseJsonBytes(bytes: Buffer, pieceBytes = DEFAULT_PIECE_BYTES): unknown {
  const start = skipWhitespace(bytes, hasByteOrderMark(bytes) ? 3 : 0, bytes.length)
  const end = trimEnd(bytes, start, bytes.length)
  if (end - start <= pieceBytes) return JSON.parse(bytes.toString('utf8', start, end))
  const { value, next } = new Splitter(bytes, pieceBytes).value(start, end, { large: true })
  if (next !== end) throw unexpected(bytes, next)
  return value
}

/** 60 KB: a piece's string stays under 128 KB even when every character takes two bytes. */
const DEFAULT_PIECE_BYTES = 60_000

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

const hasByteOrderMark = (bytes: Buffer) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf

const isWhitespace = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

function skipWhitespace(bytes: Buffer, at: number, end: number): number {
  while (at < end && isWhitespace(bytes[at])) at++
  return at
}

function trimEnd(bytes: Buffer, start: number, end: number): number {
  while (end > start && isWhitespace(bytes[end - 1])) end--
  return end
}

const unexpected = (bytes: Buffer, at: number) =>
  new SyntaxError(
    at >= bytes.length
      ? 'Unexpected end of JSON input'
      : `Unexpected token ${String.fromCharCode(bytes[at]!)} in JSON at position ${at}`,
  )

class Splitter {
  constructor(
    private readonly bytes: Buffer,
    private readonly pieceBytes: number,
  ) {}

  /**
   * The value at `start` (not whitespace), parsed; `next`: the index after it. A container (unless known to be
   * `large`) is looked through
   * for its end only as far as a piece may reach: past that it is parsed member by member, so that each byte is
   * looked at about once however deep the large containers nest.
   */
  value(start: number, limit: number, { large = false } = {}): { value: unknown; next: number } {
    const { bytes } = this
    const first = bytes[start]
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      const next = this.scalarEnd(start, limit)
      return { value: JSON.parse(bytes.toString('utf8', start, next)), next }
    }
    const pieceEnd = large ? undefined : this.containerEnd(start, Math.min(limit, start + this.pieceBytes))
    if (pieceEnd !== undefined)
      return { value: JSON.parse(bytes.toString('utf8', start, pieceEnd)), next: pieceEnd }
    return first === OPEN_ARRAY ? this.array(start, limit) : this.object(start, limit)
  }

  private array(start: number, limit: number): { value: unknown[]; next: number } {
    const { bytes } = this
    const items: unknown[] = []
    let at = skipWhitespace(bytes, start + 1, limit)
    if (bytes[at] === CLOSE_ARRAY) return { value: items, next: at + 1 }
    for (;;) {
      const { value, next } = this.value(at, limit)
      items.push(value)
      at = skipWhitespace(bytes, next, limit)
      if (bytes[at] === CLOSE_ARRAY) return { value: items, next: at + 1 }
      if (bytes[at] !== COMMA) throw unexpected(bytes, at)
      at = skipWhitespace(bytes, at + 1, limit)
    }
  }

  private object(start: number, limit: number): { value: Record<string, unknown>; next: number } {
    const { bytes } = this
    const members: Record<string, unknown> = {}
    let at = skipWhitespace(bytes, start + 1, limit)
    if (bytes[at] === CLOSE_OBJECT) return { value: members, next: at + 1 }
    for (;;) {
      if (bytes[at] !== QUOTE) throw unexpected(bytes, at)
      const keyEnd = this.stringEnd(at, limit)
      const key = JSON.parse(bytes.toString('utf8', at, keyEnd)) as string
      at = skipWhitespace(bytes, keyEnd, limit)
      if (bytes[at] !== COLON) throw unexpected(bytes, at)
      const { value, next } = this.value(skipWhitespace(bytes, at + 1, limit), limit)
      // As JSON.parse does: an own property, even for `__proto__`.
      Object.defineProperty(members, key, { value, writable: true, enumerable: true, configurable: true })
      at = skipWhitespace(bytes, next, limit)
      if (bytes[at] === CLOSE_OBJECT) return { value: members, next: at + 1 }
      if (bytes[at] !== COMMA) throw unexpected(bytes, at)
      at = skipWhitespace(bytes, at + 1, limit)
    }
  }

  /** A string, number, true, false or null: the index after it. */
  private scalarEnd(start: number, limit: number): number {
    const { bytes } = this
    if (bytes[start] === QUOTE) return this.stringEnd(start, limit)
    let at = start
    while (at < limit) {
      const byte = bytes[at]!
      if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isWhitespace(byte)) break
      at++
    }
    if (at === start) throw unexpected(bytes, start)
    return at
  }

  /**
   * The index after the object or array at `start`, found by its brackets before `limit`, or undefined if it
   * does not end there; strings are skipped whole, by looking for their closing quote. Whether it is valid
   * JSON is left to JSON.parse of it.
   */
  private containerEnd(start: number, limit: number): number | undefined {
    const { bytes } = this
    let depth = 0
    for (let at = start; at < limit;) {
      const byte = bytes[at]!
      if (byte === QUOTE) {
        const end = this.stringEnd(at, limit, false)
        if (end === undefined) return undefined
        at = end
        continue
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++
      else if ((byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) && --depth === 0) return at + 1
      at++
    }
    return undefined
  }

  /** The index after the closing quote of the string opening at `start`; past `limit`, a SyntaxError or undefined. */
  private stringEnd(start: number, limit: number): number
  private stringEnd(start: number, limit: number, mustEnd: false): number | undefined
  private stringEnd(start: number, limit: number, mustEnd = true): number | undefined {
    const { bytes } = this
    let from = start + 1
    for (;;) {
      const quote = bytes.indexOf(QUOTE, from)
      if (quote < 0 || quote >= limit) {
        if (mustEnd) throw unexpected(bytes, limit)
        return undefined
      }
      let backslashes = 0
      while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++
      if (backslashes % 2 === 0) return quote + 1
      from = quote + 1
    }
  }
}
