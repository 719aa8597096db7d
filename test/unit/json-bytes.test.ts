import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJsonBytes } from '../../src/vendor-http/json-bytes.js'

/** What the gateway did before: undici's `body.text()` (a UTF-8 byte order mark skipped), then JSON.parse. */
const reference = (bytes: Buffer): { value: unknown } | { error: true } => {
  try {
    const text = bytes.toString('utf8', bytes.subarray(0, 3).equals(BOM) ? 3 : 0)
    return { value: JSON.parse(text) as unknown }
  } catch {
    return { error: true }
  }
}
const split = (bytes: Buffer, pieceBytes: number): { value: unknown } | { error: true } => {
  try {
    return { value: parseJsonBytes(bytes, pieceBytes) }
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError)
    return { error: true }
  }
}
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

const whitespace = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ')
/** JSON text of `value` with whitespace of every kind JSON allows between tokens. */
const spaced = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 4 }), whitespace, whitespace)
  .map(([value, indent, before, after]) => before + JSON.stringify(value, null, indent) + after)
const pieceBytes = fc.integer({ min: 1, max: 80 })

describe('parseJsonBytes', () => {
  it('parses every JSON text as JSON.parse does, cut into pieces of any size', () => {
    fc.assert(
      fc.property(spaced, pieceBytes, (text, size) => {
        const bytes = Buffer.from(text)
        expect(split(bytes, size)).toStrictEqual(reference(bytes))
      }),
      { numRuns: 2000 },
    )
  })

  it('rejects what JSON.parse rejects, and takes what it takes, when a byte of a JSON text is changed', () => {
    const tokenBytes = fc.constantFrom(...'{}[]:,"\\ 0-1.eE+tfn'.split(''), 'true', 'null', '\u2019')
    fc.assert(
      fc.property(
        spaced,
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        tokenBytes,
        pieceBytes,
        (text, position, edit, token, size) => {
          const at = position % (text.length + 1)
          const changed =
            edit === 'insert'
              ? text.slice(0, at) + token + text.slice(at)
              : text.slice(0, at) + (edit === 'replace' ? token : '') + text.slice(at + 1)
          const bytes = Buffer.from(changed)
          expect(split(bytes, size)).toStrictEqual(reference(bytes))
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('keeps `__proto__` as an own key and the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"__proto__": {"polluted": true}, "a": [1, {"a": 2, "a": 3}], "a": "last"}'
    const value = parseJsonBytes(Buffer.from(text), 4) as Record<string, unknown>
    expect(value).toStrictEqual(JSON.parse(text))
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('skips a byte order mark and decodes characters cut across pieces', () => {
    const text = JSON.stringify({ tickets: [{ subject: 'Can’t print ✓ 😀' }, { subject: 'naïve' }] })
    expect(parseJsonBytes(Buffer.concat([BOM, Buffer.from(text)]), 8)).toStrictEqual(JSON.parse(text))
  })

  it('never decodes a string longer than a piece when the large values are containers', () => {
    const page = { tickets: Array.from({ length: 400 }, (_, id) => ({ id, subject: `Can’t print ${id}` })) }
    const bytes = Buffer.from(JSON.stringify(page))
    const decode = Buffer.prototype.toString
    let longest = 0
    const spy = function (this: Buffer, ...args: Parameters<Buffer['toString']>) {
      const text = decode.apply(this, args)
      longest = Math.max(longest, text.length)
      return text
    }
    Buffer.prototype.toString = spy
    try {
      expect(parseJsonBytes(bytes, 1000)).toStrictEqual(page)
    } finally {
      Buffer.prototype.toString = decode
    }
    expect(bytes.length).toBeGreaterThan(10_000)
    expect(longest).toBeGreaterThan(0)
    expect(longest).toBeLessThanOrEqual(1000)
  })
})
