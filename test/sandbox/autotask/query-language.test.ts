import { describe, expect, it } from 'vitest'
import { useEngine } from './engine-fixture.js'

// Widgets 1..12: status id % 3, serial S-{id} for even ids (none for odd), weight id / 2, isActive for even ids, createDate 2026-01-{id}, UDF Colour Red
// for even ids, Blue for odd.
const fixture = useEngine(12)

async function ids(filter: unknown, extra: Record<string, unknown> = {}): Promise<number[]> {
  const { status, json } = await fixture.current.call('/Widgets/query', {
    method: 'POST',
    body: { filter, ...extra },
  })
  expect(status, JSON.stringify(json)).toBe(200)
  return json.items.map((item: { id: number }) => item.id)
}

async function refusal(filter: unknown, extra: Record<string, unknown> = {}) {
  const { status, json } = await fixture.current.call('/Widgets/query', {
    method: 'POST',
    body: { filter, ...extra },
  })
  expect(status).toBe(500)
  return json.errors as string[]
}

describe('the filter language', () => {
  it('applies comparison operators by the field type', async () => {
    expect(await ids([{ op: 'eq', field: 'status', value: 1 }])).toEqual([1, 4, 7, 10])
    expect(await ids([{ op: 'noteq', field: 'status', value: 0 }])).toEqual([1, 2, 4, 5, 7, 8, 10, 11])
    expect(await ids([{ op: 'gt', field: 'weight', value: 5 }])).toEqual([11, 12])
    expect(await ids([{ op: 'lte', field: 'id', value: '2' }])).toEqual([1, 2])
    expect(await ids([{ op: 'gte', field: 'createDate', value: '2026-01-11T00:00:00Z' }])).toEqual([11, 12])
    expect(await ids([{ op: 'lt', field: 'createDate', value: '2026-01-02' }])).toEqual([1])
    expect(
      await ids([
        { op: 'eq', field: 'isActive', value: true },
        { op: 'lt', field: 'id', value: 5 },
      ]),
    ).toEqual([2, 4])
  })

  it('reads true and false as 1 and 0 on an integer field (Contacts `IsActive eq true`)', async () => {
    expect(await ids([{ op: 'eq', field: 'status', value: true }])).toEqual([1, 4, 7, 10])
    expect(await ids([{ op: 'in', field: 'status', value: [false] }])).toEqual([3, 6, 9, 12])
  })

  it('compares text without case, and reads field names without case', async () => {
    expect(await ids([{ op: 'eq', field: 'NAME', value: 'widget 3' }])).toEqual([3])
    expect(await ids([{ op: 'beginsWith', field: 'name', value: 'WIDGET 1' }])).toEqual([1, 10, 11, 12])
    expect(await ids([{ op: 'endsWith', field: 'name', value: '2' }])).toEqual([2, 12])
    expect(await ids([{ op: 'contains', field: 'name', value: 'GET 1' }])).toEqual([1, 10, 11, 12])
  })

  it('lists, existence, UDFs and nested groups', async () => {
    expect(await ids([{ op: 'in', field: 'id', value: [3, 5, 99] }])).toEqual([3, 5])
    expect(await ids([{ op: 'notIn', field: 'status', value: [0, 1] }])).toEqual([2, 5, 8, 11])
    const below = (id: number) => ({ op: 'lt', field: 'id', value: id })
    expect(await ids([{ op: 'exist', field: 'serial' }, below(7)])).toEqual([2, 4, 6])
    expect(await ids([{ op: 'notExist', field: 'serial' }, below(5)])).toEqual([1, 3])
    // SQL's null: a record without a value meets neither noteq nor notIn.
    expect(await ids([{ op: 'noteq', field: 'serial', value: 'S-2' }, below(5)])).toEqual([4])
    expect(await ids([{ op: 'notIn', field: 'serial', value: ['S-2'] }, below(5)])).toEqual([4])
    expect(
      await ids([
        { op: 'eq', field: 'colour', udf: true, value: 'RED' },
        { op: 'lt', field: 'id', value: 5 },
      ]),
    ).toEqual([2, 4])
    const nested = {
      op: 'or',
      items: [
        { op: 'eq', field: 'id', value: 1 },
        {
          op: 'and',
          items: [
            { op: 'gt', field: 'id', value: 9 },
            { op: 'eq', field: 'isActive', value: 'false' },
          ],
        },
      ],
    }
    expect(await ids([nested])).toEqual([1, 11])
  })

  it('drops a condition whose operator it does not know, as the live API does', async () => {
    expect(await ids([{ op: 'ne', field: 'status', value: 0 }])).toHaveLength(12)
  })

  it('knows operators only as HELP spells them', async () => {
    expect(await ids([{ op: 'EQ', field: 'status', value: 0 }])).toHaveLength(12)
    expect(await ids([{ op: 'NotExist', field: 'serial' }])).toHaveLength(12)
    expect(await ids([{ op: 'OR', items: [{ op: 'eq', field: 'id', value: 1 }] }])).toHaveLength(12)
  })

  it('tells empty text from no value', async () => {
    const { widgets } = fixture.current
    const widget = widgets.get(3)!
    widget.serial = ''
    try {
      expect(await ids([{ op: 'eq', field: 'serial', value: '' }])).toEqual([3])
      expect(
        await ids([
          { op: 'exist', field: 'serial' },
          { op: 'lt', field: 'id', value: 5 },
        ]),
      ).toEqual([2, 3, 4])
    } finally {
      widget.serial = null
    }
  })

  it('matches nothing for an empty filter, and refuses a missing one', async () => {
    expect(await ids([])).toEqual([])
    const { status } = await fixture.current.call('/Widgets/query', {
      method: 'POST',
      body: { MaxRecords: 5 },
    })
    expect(status).toBe(500)
  })

  it("refuses an unknown field with Autotask's own words, and fields it cannot query", async () => {
    expect(await refusal([{ op: 'eq', field: 'colour', value: 'Red' }])).toEqual([
      'Unable to find colour in the Widget Entity',
    ])
    expect(await refusal([{ op: 'eq', field: 'shade', udf: true, value: 'Red' }])).toEqual([
      'Unable to find shade in the Widget Entity',
    ])
    expect(await refusal([{ op: 'eq', field: 'secretNotes', value: 'x' }])).toEqual([
      expect.stringContaining('not queryable'),
    ])
  })

  it('refuses values its field cannot hold, booleans other than true or false among them', async () => {
    for (const condition of [
      { op: 'eq', field: 'status', value: 'one' },
      { op: 'eq', field: 'status', value: 1.5 },
      { op: 'eq', field: 'isActive', value: null },
      { op: 'eq', field: 'isActive', value: 1 },
      { op: 'gt', field: 'createDate', value: 'yesterday' },
      { op: 'in', field: 'id', value: 3 },
      { op: 'in', field: 'id', value: [] },
      { op: 'contains', field: 'status', value: '1' },
      { op: 'or', items: [] },
      { op: 'eq', value: 1 },
    ])
      expect(await refusal([condition]), JSON.stringify(condition)).toHaveLength(1)
  })

  it("allows at most 500 OR'ed conditions", async () => {
    const or = (count: number) => ({
      op: 'or',
      items: Array.from({ length: count }, (_, id) => ({ op: 'eq', field: 'id', value: id })),
    })
    expect(await ids([or(500)])).toHaveLength(12)
    expect(await refusal([or(501)])).toEqual([
      "Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.",
    ])
  })

  it('keeps MaxRecords within 1..500, converting it as ASP.NET binds an int32', async () => {
    const all = [{ op: 'gt', field: 'id', value: 0 }]
    expect(await ids(all, { MaxRecords: '3' })).toEqual([1, 2, 3])
    expect(await ids(all, { MaxRecords: 2.5 })).toEqual([1, 2])
    for (const MaxRecords of [0, 501, '501', 'ten', true])
      expect(await refusal([{ op: 'gt', field: 'id', value: 0 }], { MaxRecords })).toEqual([
        'maxCountOfRecordsToReturn must be between 1 and 500',
      ])
  })
})

describe('query answers', () => {
  it('returns the fields asked for, with id and the UDFs whatever was asked', async () => {
    const { json } = await fixture.current.call('/Widgets/query', {
      method: 'POST',
      body: { Filter: [{ op: 'eq', field: 'id', value: 2 }], includefields: ['NAME', 'nothing'] },
    })
    expect(json.items).toEqual([
      { id: 2, name: 'Widget 2', userDefinedFields: [{ name: 'Colour', value: 'Red' }] },
    ])
  })

  it('counts by POST and by GET ?search=', async () => {
    const search = JSON.stringify({ filter: [{ op: 'eq', field: 'isActive', value: true }] })
    const byGet = await fixture.current.call(`/Widgets/query/count?search=${encodeURIComponent(search)}`)
    const byPost = await fixture.current.call('/Widgets/query/count', {
      method: 'POST',
      body: JSON.parse(search),
    })
    expect(byGet).toMatchObject({ status: 200, json: { queryCount: 6 } })
    expect(byPost.json).toEqual({ queryCount: 6 })
  })

  it('refuses a GET query without a readable search', async () => {
    for (const path of ['/Widgets/query', '/Widgets/query?search=%7Bnot-json'])
      expect((await fixture.current.call(path)).status, path).toBe(500)
  })
})
