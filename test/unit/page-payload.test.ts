import { Type } from '@sinclair/typebox'
import fc from 'fast-check'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Nullable } from '../../src/canonical/common.js'
import { PageOf } from '../../src/canonical/page.js'
import { pageItemSchema, sendPage } from '../../src/http/page-payload.js'

const Person = Type.Object({ name: Type.String(), email: Nullable(Type.String()) }, { $id: 'TestPerson' })
const Item = Type.Object(
  {
    id: Type.String(),
    subject: Type.String(),
    closedAt: Nullable(Type.String()),
    count: Type.Integer(),
    owner: Type.Ref(Person),
  },
  { $id: 'TestItem', additionalProperties: false },
)
const ItemPage = PageOf(Type.Ref(Item), 'TestItemPage')

type Page = { data: unknown[]; nextCursor: string | null }
let current: Page = { data: [], nextCursor: null }
const app = Fastify()
app.addSchema(Person)
app.addSchema(Item)
app.addSchema(ItemPage)
const response = { 200: Type.Ref(ItemPage) }
app.get('/serialized', { schema: { response } }, async () => current)
app.get('/sent', { schema: { response } }, async (_request, reply) =>
  sendPage(reply, current, pageItemSchema(ItemPage)),
)
beforeAll(() => app.ready())
afterAll(() => app.close())

const answers = async (page: Page) => {
  current = page
  const [serialized, sent] = await Promise.all([app.inject('/serialized'), app.inject('/sent')])
  return { serialized, sent }
}

const text = fc.string({ unit: 'binary', maxLength: 400 })
const item = fc.record({
  id: fc.string({ maxLength: 8 }),
  subject: text,
  closedAt: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
  count: fc.integer(),
  owner: fc.record({ name: text, email: fc.option(text, { nil: null }) }),
  notInTheSchema: fc.string(),
})

describe('sendPage', () => {
  it("answers the bytes and headers of the route's own serializer, for pages small and large", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 400 }),
        fc.option(fc.base64String(), { nil: null }),
        async (data, nextCursor) => {
          const { serialized, sent } = await answers({ data, nextCursor })
          expect(sent.statusCode).toBe(200)
          expect(sent.rawPayload.equals(serialized.rawPayload)).toBe(true)
          expect(sent.headers['content-type']).toBe(serialized.headers['content-type'])
          expect(sent.headers['content-length']).toBe(serialized.headers['content-length'])
        },
      ),
      { numRuns: 60 },
    )
  })

  it('holds to that across the pieces of a page past 60,000 characters, characters of two and four bytes included', async () => {
    const subject = 'Can’t print 😀 '.repeat(20)
    const data = Array.from({ length: 1500 }, (_, index) => ({
      id: String(index),
      subject,
      closedAt: null,
      count: index,
      owner: { name: 'Zoë', email: null },
    }))
    const { serialized, sent } = await answers({ data, nextCursor: 'abc' })
    expect(serialized.payload.length).toBeGreaterThan(3 * 60_000)
    expect(sent.rawPayload.equals(serialized.rawPayload)).toBe(true)
    expect(JSON.parse(sent.payload)).toEqual({ data, nextCursor: 'abc' })
  })
})
