import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jsonInPieces } from '../../bench/processes/json-pieces.js'

const bytes = (encoded: string | Buffer) => (typeof encoded === 'string' ? Buffer.from(encoded) : encoded)

describe("the parse proxy's writer (bench)", () => {
  it('writes the bytes of JSON.stringify, for values small and large', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(bytes(jsonInPieces(value)).equals(Buffer.from(JSON.stringify(value)))).toBe(true)
      }),
      { numRuns: 1000 },
    )
    const page = {
      tickets: Array.from({ length: 2000 }, (_, id) => ({ id, subject: `Can’t print 😀 ${id}`, tags: [] })),
      meta: { page: 1 },
    }
    const large = jsonInPieces(page)
    expect(Buffer.isBuffer(large)).toBe(true)
    expect(bytes(large).equals(Buffer.from(JSON.stringify(page)))).toBe(true)
  })
})
