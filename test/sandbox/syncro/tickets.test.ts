import { describe, expect, it, vi } from 'vitest'
import { api, ISO_MS, listedTicketIds, sleep, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('ticket lifecycle', () => {
  let created: { id: number; number: number; updated_at: string }

  it('creates a ticket with its initial comment and lists it first', async () => {
    const highestNumber = Math.max(...[...syncro.db.tickets.values()].map((ticket) => ticket.number))
    const before = Date.now()
    const { status, json } = await api('/tickets', {
      method: 'POST',
      body: {
        customer_id: 3,
        subject: 'Server room too hot',
        problem_type: 'Hardware',
        priority: 'Whenever you can',
        user_id: 2,
        ticket_type_id: 1,
        due_date: '2026-01-15',
        tag_list: ['onsite'],
        properties: { Floor: '2' },
        comments_attributes: [
          { subject: 'Initial Issue', body: 'AC unit failed', hidden: true, tech: 'Priya Shah' },
        ],
      },
    })
    expect(status).toBe(200)
    expect(json.ticket).toMatchObject({
      number: highestNumber + 1,
      subject: 'Server room too hot',
      status: 'New',
      customer_id: 3,
      priority: 'Whenever you can',
      user_id: 2,
      user: { id: 2, full_name: 'Priya Shah' },
      ticket_type_id: 1,
      ticket_type_name: 'Hardware',
      due_date: '2026-01-15T00:00:00.000Z',
      resolved_at: null,
      tag_list: ['onsite'],
      properties: { Floor: '2' },
      comments: [{ subject: 'Initial Issue', body: 'AC unit failed', hidden: true, tech: 'Priya Shah' }],
    })
    expect(Date.parse(json.ticket.created_at)).toBeGreaterThanOrEqual(before - 5)
    created = json.ticket

    const newest = (await api('/tickets')).json.tickets[0]
    expect(newest.id).toBe(created.id)
    expect((await api(`/tickets/${created.id}`)).json.ticket).toEqual(json.ticket)
  })

  it('accepts any priority text or null', async () => {
    for (const priority of [null, 'Emergency', 'P1']) {
      const { status, json } = await api('/tickets', {
        method: 'POST',
        body: { customer_id: 1, subject: `Priority ${priority}`, priority },
      })
      expect(status).toBe(200)
      expect(json.ticket.priority).toBe(priority)
    }
  })

  it('updates only the fields sent and moves updated_at', async () => {
    const before = (await api(`/tickets/${created.id}`)).json.ticket
    await sleep(5)
    const { status, json } = await api(`/tickets/${created.id}`, {
      method: 'PUT',
      body: { subject: 'Renamed' },
    })
    expect(status).toBe(200)
    expect(json.ticket.subject).toBe('Renamed')
    expect(json.ticket.updated_at > before.updated_at).toBe(true)
    const unchanged = (ticket: object) =>
      Object.fromEntries(Object.entries(ticket).filter(([key]) => key !== 'subject' && key !== 'updated_at'))
    expect(unchanged(json.ticket)).toEqual(unchanged(before))
  })

  it('stamps resolved_at when a ticket becomes Resolved', async () => {
    const { json } = await api(`/tickets/${created.id}`, { method: 'PUT', body: { status: 'Resolved' } })
    expect(json.ticket.status).toBe('Resolved')
    expect(json.ticket.resolved_at).toMatch(ISO_MS)
    expect(json.ticket.resolved_at).toBe(json.ticket.updated_at)
    expect(await listedTicketIds('resolved_after=2026-01-01&status=Resolved')).toContain(created.id)
  })

  it('adds comments, hidden false by default, and lists them with paging and sorting', async () => {
    const before = syncro.db.tickets.get(created.id)?.updated_at as string
    await sleep(5)
    const posted = await api(`/tickets/${created.id}/comment`, {
      method: 'POST',
      body: { subject: 'Update', body: 'Replaced the fan', do_not_email: true, tech: 'Alex Morgan' },
    })
    expect(posted.status).toBe(200)
    expect(Object.keys(posted.json)).toEqual(['comment'])
    expect(posted.json.comment).toMatchObject({
      ticket_id: created.id,
      subject: 'Update',
      body: 'Replaced the fan',
      hidden: false,
      tech: 'Alex Morgan',
      user_id: 1,
    })
    expect((syncro.db.tickets.get(created.id)?.updated_at as string) > before).toBe(true)
    await api(`/tickets/${created.id}/comment`, {
      method: 'POST',
      body: { subject: 'Note', body: 'Third', hidden: true },
    })

    const newestFirst = (await api(`/tickets/${created.id}/comments`)).json
    expect(newestFirst.meta).toEqual({ total_entries: 3, total_pages: 1, page: 1, per_page: 10 })
    expect(newestFirst.comments.map((comment: { body: string }) => comment.body)).toEqual([
      'Third',
      'Replaced the fan',
      'AC unit failed',
    ])
    const oldestFirst = (await api(`/tickets/${created.id}/comments?sort_direction=ASC&per_page=2&page=2`))
      .json
    expect(oldestFirst.meta).toEqual({ total_entries: 3, total_pages: 2, page: 2, per_page: 2 })
    expect(oldestFirst.comments.map((comment: { body: string }) => comment.body)).toEqual(['Third'])
    expect((await api(`/tickets/${created.id}/comments?per_page=500`)).json.meta.per_page).toBe(100)
    const detail = (await api(`/tickets/${created.id}`)).json.ticket
    expect(detail.comments.map((comment: { body: string }) => comment.body)).toEqual([
      'AC unit failed',
      'Replaced the fan',
      'Third',
    ])
    expect((await api('/tickets/999999/comments')).status).toBe(404)
  })

  it('deletes a ticket', async () => {
    expect(await api(`/tickets/${created.id}`, { method: 'DELETE' })).toMatchObject({
      status: 200,
      json: { message: 'Ticket was successfully deleted. ' },
    })
    expect((await api(`/tickets/${created.id}`)).status).toBe(404)
    expect((await api(`/tickets/${created.id}`, { method: 'DELETE' })).status).toBe(404)
    expect(syncro.db.commentsOf(created.id)).toEqual([])
  })
})

describe('ticket lists at scale', () => {
  it("shows each ticket's first comment without walking every comment of the account", async () => {
    // A page of 25 tickets once scanned all the account's comments for each ticket (15 ms of CPU per 100).
    const walked = vi.spyOn(syncro.db.comments, 'values')
    const { status, json } = await api('/tickets')
    const walks = walked.mock.calls.length
    walked.mockRestore()
    expect(walks).toBe(0)
    expect(status).toBe(200)
    const tickets = (json as { tickets: Array<{ id: number; comments: Array<{ id: number }> }> }).tickets
    expect(tickets.length).toBeGreaterThan(0)
    for (const ticket of tickets) {
      const oldest = [...syncro.db.comments.values()]
        .filter((comment) => comment.ticket_id === ticket.id)
        .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)[0]
      expect(ticket.comments.map((comment) => comment.id)).toEqual(oldest ? [oldest.id] : [])
    }
  })

  it("pages tickets newest first from the id order, without walking the account's tickets", async () => {
    const newestFirst = [...syncro.db.tickets.keys()].sort((a, b) => b - a)
    const open = [...syncro.db.tickets.values()]
      .filter((ticket) => !['Resolved', 'Invoiced'].includes(ticket.status))
      .map((ticket) => ticket.id)
      .sort((a, b) => b - a)
    for (const [query, expected] of [
      ['page=1', newestFirst],
      ['page=3', newestFirst],
      ['page=2&status=Not%20Closed', open],
    ] as const) {
      const page = Number(/page=(\d+)/.exec(query)?.[1])
      const walked = vi.spyOn(syncro.db.tickets, 'values')
      const { json } = await api(`/tickets?${query}`)
      // Unfiltered, a page reads its own tickets only; a filter tests every ticket, but sorts none of them.
      expect(walked, query).toHaveBeenCalledTimes(0)
      walked.mockRestore()
      const { total_entries, per_page } = json.meta as { total_entries: number; per_page: number }
      expect(total_entries, query).toBe(expected.length)
      expect(
        (json.tickets as Array<{ id: number }>).map((ticket) => ticket.id),
        query,
      ).toEqual(expected.slice((page - 1) * per_page, page * per_page))
    }
  })
})
