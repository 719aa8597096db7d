/** Characters per piece: a piece's string stays under V8's 128 KB large-object threshold. */
const PIECE_CHARS = 60_000
/** Containers this deep are written member by member; deeper values are stringified whole (a record is small). */
const SPLIT_DEPTH = 2

/**
 * `JSON.stringify(value)`, byte for byte, encoded to UTF-8 piece by piece and joined as one Buffer when large,
 * so that no string past 128 KB is built (see src/vendor-http/json-bytes.ts for why). The parse proxy's writer:
 * what the gateway does for its pages (src/http/page-payload.ts), without a schema.
 */
export function jsonInPieces(value: unknown): string | Buffer {
  const encoded: Buffer[] = []
  let piece = ''
  const add = (text: string) => {
    piece += text
    if (piece.length > PIECE_CHARS) {
      encoded.push(Buffer.from(piece))
      piece = ''
    }
  }
  const write = (item: unknown, depth: number) => {
    if (depth >= SPLIT_DEPTH || item === null || typeof item !== 'object' || 'toJSON' in item) {
      add(JSON.stringify(item) ?? 'null')
    } else if (Array.isArray(item)) {
      add('[')
      item.forEach((element, index) => {
        if (index > 0) add(',')
        write(element, depth + 1)
      })
      add(']')
    } else {
      add('{')
      let first = true
      for (const [key, member] of Object.entries(item)) {
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue
        add(`${first ? '' : ','}${JSON.stringify(key)}:`)
        first = false
        write(member, depth + 1)
      }
      add('}')
    }
  }
  write(value, 0)
  if (encoded.length === 0) return piece
  encoded.push(Buffer.from(piece))
  return Buffer.concat(encoded)
}
