import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { decodeCursor, encodeCursor, readPosition, type CursorScope } from '../../src/paging/cursor.js'

const scope: CursorScope = { connection: 'syncro-a', resource: 'tickets', filters: { status: ['open'] } }
const position = { query: 1, page: 3, skip: 5 }

const codeOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof GatewayError ? `${error.status} ${error.code}` : 'other error'
  }
  return 'no error'
}

describe('cursor', () => {
  it('round-trips a position within the same scope', () => {
    const cursor = encodeCursor(position, scope)
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(cursor, { ...scope, filters: { status: ['open'] } })).toEqual(position)
  })

  it.each([
    ['other filters', { ...scope, filters: { status: ['closed'] } }],
    ['another resource', { ...scope, resource: 'customers' }],
    ['another connection', { ...scope, connection: 'syncro-b' }],
    ['another parent', { ...scope, parentId: '7' }],
  ])('refuses a cursor reused with %s', (_, other) => {
    const cursor = encodeCursor(position, scope)
    expect(codeOf(() => decodeCursor(cursor, other))).toBe('400 invalid_cursor')
  })

  it.each([['not base64!'], ['e30'], [Buffer.from('{"v":2,"s":"x","p":1}').toString('base64url')], ['AAAA']])(
    'refuses a malformed cursor %s',
    (cursor) => {
      expect(codeOf(() => decodeCursor(cursor, scope))).toBe('400 invalid_cursor')
    },
  )

  it('checks the position against the adapter schema', () => {
    const schema = Type.Object({ page: Type.Integer({ minimum: 1 }) })
    expect(readPosition(schema, { page: 2 })).toEqual({ page: 2 })
    expect(codeOf(() => readPosition(schema, { page: 0 }))).toBe('400 invalid_cursor')
  })
})
