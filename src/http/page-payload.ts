import type { TArray, TObject, TSchema } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'

/** Answers `page` as JSON (`pagePayload`). */
export const sendPage = (
  reply: FastifyReply,
  page: { data: unknown[]; nextCursor: string | null },
  itemSchema: TSchema,
) => reply.type('application/json; charset=utf-8').send(pagePayload(reply, page, itemSchema))

/** Characters of JSON per piece: under 128 KB of string even when each takes two bytes. */
const PIECE_CHARS = 60_000

/**
 * A page `{ data, nextCursor }` as the route's response serializer writes it (the items by a serializer compiled
 * from `itemSchema`, the page's own item schema), byte for byte; but a large page is encoded to UTF-8 piece by
 * piece and sent as one Buffer, never built as one string.
 *
 * Why: a string of more than 128 KB lives in V8's large-object space, on pages mapped for it alone; sending one
 * (its length in bytes for content-length, then its encoding for the socket) first copies it flat onto fresh
 * pages, and touching fresh pages is slow where page faults are dear. On a 1000-ticket page that was a fifth of
 * the gateway's CPU time here (docs/performance.md). A small page is answered as the one string it is.
 */
export function pagePayload(
  reply: FastifyReply,
  page: { data: unknown[]; nextCursor: string | null },
  itemSchema: TSchema,
): string | Buffer {
  const serializeItem = reply.compileSerializationSchema(itemSchema) as (item: unknown) => string
  const encoded: Buffer[] = []
  let piece = '{"data":['
  page.data.forEach((item, index) => {
    if (piece.length > PIECE_CHARS) {
      encoded.push(Buffer.from(piece))
      piece = ''
    }
    piece += (index === 0 ? '' : ',') + serializeItem(item)
  })
  piece += `],"nextCursor":${JSON.stringify(page.nextCursor)}}`
  if (encoded.length === 0) return piece
  encoded.push(Buffer.from(piece))
  return Buffer.concat(encoded)
}

/** The schema of a page's items: `data.items` of a page schema (`PageOf`). */
export function pageItemSchema(page: TSchema): TSchema {
  const data = (page as TObject).properties?.data as TArray | undefined
  if (!data?.items) throw new Error(`${String(page.$id)} is not a page schema: it has no data.items`)
  return data.items
}
