import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/connectwise/index.js'
import { api, cw, links, ticketIds, tickets, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('ticket search', () => {
  const search = (body: unknown, query = '') =>
    api(`/service/tickets/search${query}`, { method: 'POST', body })

  it('takes FilterValues in the body and paging in the query', async () => {
    const onBoard3 = ticketIds((t) => t.boardId === 3)
    const all = await search({ conditions: 'board/id = 3' }, '?pageSize=1000')
    expect(all.status).toBe(200)
    expect(all.json.map((ticket: { id: number }) => ticket.id)).toEqual(onBoard3)
    const page = await search(
      { Conditions: 'board/id = 3', orderBy: 'id desc' },
      '?page=2&pageSize=5&fields=id',
    )
    expect(page.json).toEqual(
      [...onBoard3]
        .reverse()
        .slice(5, 10)
        .map((id) => ({ id })),
    )
    expect(links(page).next).toBe(`${cw.baseUrl}/service/tickets/search?pageSize=5&fields=id&page=3`)
    const custom = await search({ customfieldconditions: 'caption = "x"' })
    expect(custom.json).toEqual([])
  })

  it('refuses unknown fields, non-string values and bad conditions', async () => {
    for (const [body, message] of [
      [
        { condition: 'id = 1' },
        "'condition' is not a search field; use conditions, orderBy, childConditions, customFieldConditions (paging goes in the query).",
      ],
      [{ conditions: 5 }, 'conditions must be a string.'],
      [{ conditions: 'id = ' }, 'Expected a value at position 5'],
    ] as const) {
      const { status, json } = await search(body)
      expect(status).toBe(400)
      expect(json).toEqual({ code: 'InvalidArgument', message })
    }
  })
})

describe('orderBy and fields', () => {
  it('orders by one or more fields, ties by id, absent values first ascending', async () => {
    const bySummary = (
      await api('/service/tickets?pageSize=1000&orderBy=summary asc,id desc&fields=id,summary')
    ).json
    for (let n = 1; n < bySummary.length; n++) {
      const [a, b] = [bySummary[n - 1], bySummary[n]]
      const order = a.summary.localeCompare(b.summary, 'en', { sensitivity: 'accent' })
      expect(order <= 0, `${a.summary} / ${b.summary}`).toBe(true)
      if (order === 0) expect(a.id).toBeGreaterThan(b.id)
    }
    const newest = await api('/service/tickets?pageSize=5&orderBy=_info/lastUpdated desc&fields=id')
    const expected = tickets()
      .sort((a, b) => b.info.lastUpdated.localeCompare(a.info.lastUpdated) || a.id - b.id)
      .slice(0, 5)
      .map((ticket) => ({ id: ticket.id }))
    expect(newest.json).toEqual(expected)
    expect((await api('/service/tickets?pageSize=5&orderBy=LASTUPDATED DESC&fields=id')).json).toEqual(
      expected,
    )
    const byOwner = (await api('/service/tickets?pageSize=1000&orderBy=owner/name&fields=id,owner')).json
    const unowned = ticketIds((t) => t.ownerId === null).length
    expect(byOwner.slice(0, unowned).every((ticket: object) => !('owner' in ticket))).toBe(true)
    expect(byOwner.slice(unowned).every((ticket: object) => 'owner' in ticket)).toBe(true)
    const priorities = (await api('/service/priorities?orderBy=sortOrder desc&fields=sortOrder')).json
    expect(priorities).toEqual([5, 4, 3, 2, 1].map((sortOrder) => ({ sortOrder })))
  })

  it('refuses unknown fields and directions', async () => {
    for (const orderBy of [
      'nosuch asc',
      'summary sideways',
      'board desc',
      'summary asc,,id',
      'customFields',
    ]) {
      const { status, json } = await api(`/service/tickets?orderBy=${encodeURIComponent(orderBy)}`)
      expect(status, orderBy).toBe(400)
      expect(json.code, orderBy).toBe('InvalidArgument')
    }
  })

  it('keeps only the named fields, nested ones with only their named sub-fields', async () => {
    const { json } = await api('/service/tickets?pageSize=3&fields=id,summary,board/name,_info/lastUpdated')
    for (const ticket of json) {
      expect(Object.keys(ticket)).toEqual(['id', 'summary', 'board', '_info'])
      expect(Object.keys(ticket.board)).toEqual(['name'])
      expect(Object.keys(ticket._info)).toEqual(['lastUpdated'])
    }
    const whole = (await api('/service/tickets/1?fields=ID,Status')).json
    expect(whole).toEqual({
      id: 1,
      status: { id: expect.any(Number), name: expect.any(String), sort: expect.any(Number) },
    })
    const bare = tickets().find((ticket) => ticket.contactId === null) as TicketRecord
    expect((await api(`/service/tickets/${bare.id}?fields=id,contact/name`)).json).toEqual({ id: bare.id })
    expect((await api('/service/tickets?fields=id,nosuch')).json).toEqual({
      code: 'InvalidArgument',
      message: "Unknown field 'nosuch' in fields.",
    })
  })
})
