import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import type { VendorCall, VendorClient } from '../../src/vendor-http/client.js'
import { autotaskApi } from '../../adapters/autotask/api.js'
import { eq, listQuery, textContains } from '../../adapters/autotask/query.js'

const ctx = { log: pino({ level: 'silent' }) }

/** A client that answers each call with the next of `answers` (a function of the call), recording the calls. */
function fakeClient(...answers: Array<(call: VendorCall) => unknown>) {
  const calls: VendorCall[] = []
  const client = {
    send: async (call: VendorCall) => {
      calls.push(call)
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!
      const body = answer(call)
      if (body instanceof Error) throw body
      return { status: 200, headers: {}, body }
    },
  } as unknown as VendorClient
  return { api: autotaskApi(client), calls }
}

/** Autotask's query answer over `ids`, `more` when pageDetails names a next page. */
const page = (ids: number[], more = false) => ({
  items: ids.map((id) => ({ id })),
  pageDetails: {
    count: ids.length,
    requestCount: 500,
    prevPageUrl: null,
    nextPageUrl: more ? 'https://zone.example/V1.0/Tickets/query/next?paging=x' : null,
  },
})

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    if (error instanceof GatewayError) return error
    throw error
  }
  throw new Error('expected a GatewayError')
}

describe('autotask lists', () => {
  it('POSTs the conditions to /query with the page size, and always sends one condition', async () => {
    const { api, calls } = fakeClient(() => page([1, 2]))
    await api.list({ path: '/Companies' }, { filter: [] }, { pageSize: 2, position: null, filters: {} }, ctx)
    const query = listQuery([eq('companyID', 7), textContains('title', '"}] or {"op')], ['title'])!
    await api.list({ path: '/Tickets' }, query, { pageSize: 50, position: null, filters: {} }, ctx)
    expect(calls.map(({ method, path, body, idempotent }) => ({ method, path, body, idempotent }))).toEqual([
      {
        method: 'POST',
        path: '/Companies/query',
        body: { filter: [{ op: 'gte', field: 'id', value: 0 }], MaxRecords: 2 },
        idempotent: true,
      },
      {
        method: 'POST',
        path: '/Tickets/query',
        body: {
          filter: [
            { op: 'eq', field: 'companyID', value: 7 },
            { op: 'contains', field: 'title', value: '"}] or {"op' },
          ],
          MaxRecords: 50,
          IncludeFields: ['id', 'title'],
        },
        idempotent: true,
      },
    ])
  })

  it('pages by id: the next page asks for ids after the last one, and ends where Autotask names no next page', async () => {
    const { api, calls } = fakeClient(
      () => page([3, 5], true),
      () => page([8]),
    )
    const query = { filter: [eq('status', 1)] }
    const first = await api.list(
      { path: '/Tickets' },
      query,
      { pageSize: 2, position: null, filters: {} },
      ctx,
    )
    expect(first).toEqual({ data: [{ id: 3 }, { id: 5 }], nextPosition: { afterId: 5 } })
    const second = await api.list(
      { path: '/Tickets' },
      query,
      { pageSize: 2, position: first.nextPosition, filters: {} },
      ctx,
    )
    expect(second).toEqual({ data: [{ id: 8 }], nextPosition: null })
    expect((calls[1]!.body as { filter: unknown[] }).filter).toEqual([
      { op: 'eq', field: 'status', value: 1 },
      { op: 'gt', field: 'id', value: 5 },
    ])
  })

  it('fills a page larger than 500 from several calls of at most 500', async () => {
    const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i)
    const { api, calls } = fakeClient(
      () => page(ids(1, 500), true),
      () => page(ids(501, 100), true),
    )
    const result = await api.list(
      { path: '/Tickets' },
      { filter: [] },
      { pageSize: 600, position: null, filters: {} },
      ctx,
    )
    expect(result.data).toHaveLength(600)
    expect(result.nextPosition).toEqual({ afterId: 600 })
    expect(calls.map((call) => (call.body as { MaxRecords: number }).MaxRecords)).toEqual([500, 100])
  })

  it('reads every record of a reference list, and refuses an endless one', async () => {
    const { api } = fakeClient(
      () => page([1, 2], true),
      () => page([3]),
    )
    expect(await api.all('/Resources', { filter: [] }, ctx)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    const endless = fakeClient(() => page([1, 2, 3], true))
    expect(await failure(endless.api.all('/Resources', { filter: [] }, ctx, 5))).toMatchObject({
      status: 502,
    })
  })

  it('answers 502 for a list without items', async () => {
    const { api } = fakeClient(() => ({ records: [] }))
    const list = api.list(
      { path: '/Tickets' },
      { filter: [] },
      { pageSize: 5, position: null, filters: {} },
      ctx,
    )
    expect(await failure(list)).toMatchObject({ status: 502 })
  })
})

describe('autotask records', () => {
  it('answers 404 for an update Autotask refuses of a record it does not have, and the refusal for one it has', async () => {
    const refusal = new GatewayError(422, 'validation_failed', 'autotask rejected the request: …')
    const missing = fakeClient(
      () => refusal,
      () => ({ item: null }),
    )
    const target = { path: '/Tickets', itemPath: '/Tickets/42', id: '42' }
    const write = { fieldNames: {} }
    expect(await failure(missing.api.update(target, { title: 'x' }, write, ctx))).toMatchObject({
      status: 404,
    })
    expect(missing.calls.map((call) => call.method)).toEqual(['PATCH', 'GET'])
    const present = fakeClient(
      () => refusal,
      () => ({ item: { id: 42 } }),
    )
    expect(await failure(present.api.update(target, { title: 'x' }, write, ctx))).toBe(refusal)
  })

  it('reads {item}; {"item": null} is a missing record', async () => {
    const { api } = fakeClient(
      () => ({ item: { id: 7, title: 'x' } }),
      () => ({ item: null }),
    )
    expect(await api.read({ path: '/Tickets/7' }, ctx)).toEqual({ id: 7, title: 'x' })
    expect(await failure(api.read({ path: '/Tickets/8' }, ctx))).toMatchObject({
      status: 404,
      code: 'not_found',
    })
  })

  it('creates without the nulls, then reads the record the answer names, from the collection the target names', async () => {
    const { api, calls } = fakeClient(
      () => ({ itemId: 41 }),
      () => ({ item: { id: 41 } }),
    )
    const note = await api.create(
      { path: '/Tickets/7/Notes', key: '/TicketNotes' },
      { title: 't', description: 'd', noteType: null },
      { fieldNames: { description: 'body' } },
      ctx,
    )
    expect(note).toEqual({ id: 41 })
    expect(calls.map(({ method, path, body, fieldNames }) => ({ method, path, body, fieldNames }))).toEqual([
      {
        method: 'POST',
        path: '/Tickets/7/Notes',
        body: { title: 't', description: 'd' },
        fieldNames: { description: 'body' },
      },
      { method: 'GET', path: '/TicketNotes/41', body: undefined, fieldNames: undefined },
    ])
  })

  it('tells a create whose record cannot be read back that it happened, of unknown outcome', async () => {
    const { api } = fakeClient(
      () => ({ itemId: 41 }),
      () => ({ item: null }),
    )
    const error = await failure(api.create({ path: '/Tickets' }, { title: 't' }, { fieldNames: {} }, ctx))
    expect(error).toMatchObject({ status: 502, extras: { writeOutcomeUnknown: true } })
  })

  it('answers 502, of unknown outcome, for a create answered without its itemId', async () => {
    const { api } = fakeClient(() => ({ id: 41 }))
    const error = await failure(api.create({ path: '/Tickets' }, { title: 't' }, { fieldNames: {} }, ctx))
    expect(error).toMatchObject({ status: 502, extras: { writeOutcomeUnknown: true } })
  })

  it('PATCHes the collection with the id in the body, then reads the record; an empty update only reads', async () => {
    const { api, calls } = fakeClient(
      () => ({ itemId: 7 }),
      () => ({ item: { id: 7, title: 'new' } }),
    )
    const target = { path: '/Tickets', itemPath: '/Tickets/7', id: '7' }
    expect(await api.update(target, { title: 'new' }, { fieldNames: {} }, ctx)).toEqual({
      id: 7,
      title: 'new',
    })
    await api.update(target, { title: undefined }, { fieldNames: {} }, ctx)
    expect(calls.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'PATCH', path: '/Tickets', body: { title: 'new', id: 7 } },
      { method: 'GET', path: '/Tickets/7', body: undefined },
      { method: 'GET', path: '/Tickets/7', body: undefined },
    ])
  })

  it("reads an entity's fields and user-defined fields", async () => {
    const fields = [{ name: 'status', dataType: 'integer', isPickList: true, picklistValues: [] }]
    const { api, calls } = fakeClient(() => ({ fields }))
    expect(await api.fields('Tickets', ctx)).toEqual(fields)
    expect(await api.userDefinedFields('Companies', ctx)).toEqual(fields)
    expect(calls.map((call) => call.path)).toEqual([
      '/Tickets/entityInformation/fields',
      '/Companies/entityInformation/userDefinedFields',
    ])
  })
})
