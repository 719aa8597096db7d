import { createHash } from 'node:crypto'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { invalidCursor } from '../errors.js'
import { stableJson } from '../stable-json.js'

/** What a cursor is bound to: a cursor reused on another list, connection or filter set is refused. */
export interface CursorScope {
  connection: string
  resource: string
  parentId?: string
  filters: object
}

const CURSOR_VERSION = 1

const malformed = () =>
  invalidCursor('the cursor is malformed; pass back the nextCursor of a previous page unchanged')

const CursorEnvelope = Type.Object({ v: Type.Literal(CURSOR_VERSION), s: Type.String(), p: Type.Unknown() })

export function scopeHash(scope: CursorScope): string {
  return createHash('sha256').update(stableJson(scope)).digest('base64url').slice(0, 22)
}

export function encodeCursor(position: unknown, scope: CursorScope): string {
  const envelope: Static<typeof CursorEnvelope> = { v: CURSOR_VERSION, s: scopeHash(scope), p: position }
  return Buffer.from(JSON.stringify(envelope)).toString('base64url')
}

/** Returns the vendor position the cursor carries; the adapter checks its shape with `readPosition`. */
export function decodeCursor(cursor: string, scope: CursorScope): unknown {
  let envelope: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url')
    envelope = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw malformed()
  }
  if (!Value.Check(CursorEnvelope, envelope)) {
    throw malformed()
  }
  if (envelope.s !== scopeHash(scope)) {
    throw invalidCursor(
      'the cursor belongs to another list or to other filters; repeat the filters of the first page',
    )
  }
  return envelope.p
}

/** Narrows a decoded position to the adapter's own shape. */
export function readPosition<T extends TSchema>(schema: T, position: unknown): Static<T> {
  if (!Value.Check(schema, position)) {
    throw malformed()
  }
  return position
}
