import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/syncro/index.js'
import { api, expectedTicketIds, listedTicketIds, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('ticket filters', () => {
  const someTicket = () => syncro.db.tickets.get(42) as TicketRecord

  it('filters by customer_id, contact_id and user_id', async () => {
    const { customer_id, user_id } = someTicket()
    const contactId = [...syncro.db.tickets.values()].find((ticket) => ticket.contact_id !== null)?.contact_id
    expect(await listedTicketIds(`customer_id=${customer_id}`)).toEqual(
      expectedTicketIds((ticket) => ticket.customer_id === customer_id),
    )
    expect(await listedTicketIds(`contact_id=${contactId}`)).toEqual(
      expectedTicketIds((ticket) => ticket.contact_id === contactId),
    )
    const userIds = await listedTicketIds(`user_id=${user_id ?? 1}`)
    expect(userIds.length).toBeGreaterThan(0)
    expect(userIds).toEqual(expectedTicketIds((ticket) => ticket.user_id === (user_id ?? 1)))
  })

  it('matches nothing for an integer filter that is not an integer', async () => {
    for (const param of ['customer_id', 'contact_id', 'user_id']) {
      expect((await api(`/tickets?${param}=abc`)).json.meta.total_entries, param).toBe(0)
    }
  })

  it('filters by exact number', async () => {
    expect(await listedTicketIds(`number=${someTicket().number}`)).toEqual([42])
  })

  it('filters by each status name', async () => {
    for (const status of syncro.db.statuses) {
      const ids = await listedTicketIds(`status=${encodeURIComponent(status)}`)
      expect(ids.length, status).toBeGreaterThanOrEqual(15)
      expect(ids, status).toEqual(expectedTicketIds((ticket) => ticket.status === status))
    }
  })

  it('treats status "Not Closed" as every status but Resolved and Invoiced', async () => {
    const ids = await listedTicketIds('status=Not%20Closed')
    expect(ids).toEqual(expectedTicketIds((ticket) => !['Resolved', 'Invoiced'].includes(ticket.status)))
    expect(ids.length).toBeGreaterThan(0)
  })

  it('searches subjects case-insensitively and numbers exactly with query', async () => {
    const ids = await listedTicketIds('query=PRINTER')
    expect(ids.length).toBeGreaterThan(0)
    expect(ids).toEqual(expectedTicketIds((ticket) => ticket.subject.toLowerCase().includes('printer')))
    expect(await listedTicketIds(`query=${someTicket().number}`)).toEqual([42])
  })

  it('filters created_after strictly, with a date or a date-time', async () => {
    const cutoff = someTicket().created_at
    const ids = await listedTicketIds(`created_after=${cutoff}`)
    expect(ids).not.toContain(42)
    expect(ids).toEqual(expectedTicketIds((ticket) => ticket.created_at > cutoff))
    expect(await listedTicketIds('created_after=2025-06-01')).toEqual(
      expectedTicketIds((ticket) => ticket.created_at >= '2025-06-01T00:00:00.000Z'),
    )
  })

  it('filters since_updated_at and resolved_after', async () => {
    expect(await listedTicketIds('since_updated_at=2025-10-01T12:00:00Z')).toEqual(
      expectedTicketIds((ticket) => ticket.updated_at > '2025-10-01T12:00:00.000Z'),
    )
    const resolved = await listedTicketIds('resolved_after=2025-08-15')
    expect(resolved.length).toBeGreaterThan(0)
    expect(resolved).toEqual(
      expectedTicketIds(
        (ticket) => ticket.resolved_at !== null && ticket.resolved_at > '2025-08-15T00:00:00.000Z',
      ),
    )
  })

  it('answers 400 for a date it cannot parse', async () => {
    for (const param of ['created_after', 'since_updated_at', 'resolved_after']) {
      expect(await api(`/tickets?${param}=last-tuesday`)).toMatchObject({
        status: 400,
        json: { error: `Invalid date: ${param}` },
      })
    }
    expect((await api('/tickets?created_after=2025-02-30')).status).toBe(400)
  })

  it('combines filters and ignores unknown parameters', async () => {
    const { customer_id } = someTicket()
    expect(await listedTicketIds(`customer_id=${customer_id}&status=Not%20Closed&colour=blue`)).toEqual(
      expectedTicketIds(
        (ticket) => ticket.customer_id === customer_id && !['Resolved', 'Invoiced'].includes(ticket.status),
      ),
    )
    expect((await api('/tickets?colour=blue')).json.meta.total_entries).toBe(syncro.db.tickets.size)
  })

  it('lists only the initial comment, while the single ticket carries all, oldest first', async () => {
    const ticketWithThread = [...syncro.db.tickets.values()].find(
      (ticket) => syncro.db.commentsOf(ticket.id).length >= 3,
    ) as TicketRecord
    const listed = await api(`/tickets?number=${ticketWithThread.number}`)
    expect(listed.json.tickets[0].comments).toHaveLength(1)
    expect(listed.json.tickets[0].comments[0].id).toBe(syncro.db.commentsOf(ticketWithThread.id)[0]!.id)
    const single = await api(`/tickets/${ticketWithThread.id}`)
    expect(single.json.ticket.comments.map((comment: { id: number }) => comment.id)).toEqual(
      syncro.db.commentsOf(ticketWithThread.id).map((comment) => comment.id),
    )
    const times = single.json.ticket.comments.map((comment: { created_at: string }) => comment.created_at)
    expect(times).toEqual([...times].sort())
  })
})
