import { describe, expect, it } from 'vitest'
import type { SyncroChange } from '../../../sandbox/syncro/database.js'
import { api, ISO_MS, syncro, useSyncroEmulator, withTickingDate } from './helpers.js'

useSyncroEmulator()

const timersOf = async (ticketId: number) =>
  (await api(`/tickets/${ticketId}`)).json.ticket.ticket_timers as { id: number }[]

/** A seeded ticket without timers, for writes whose effects the test reads back. */
const quietTicketId = () => [...syncro.db.tickets.keys()].find((id) => syncro.db.timersOf(id).length === 0)!

describe('seeded ticket timers', () => {
  it('sit on some tickets, by seeded techs, within the ticket, charged on invoiced tickets', () => {
    const timers = [...syncro.db.ticketTimers.values()]
    const tickets = new Set(timers.map((timer) => timer.ticket_id))
    expect(tickets.size).toBeGreaterThan(50)
    expect(tickets.size).toBeLessThan(syncro.db.tickets.size)
    for (const timer of timers) {
      const ticket = syncro.db.tickets.get(timer.ticket_id)!
      expect(syncro.db.users.has(timer.user_id)).toBe(true)
      expect(timer.start_time >= ticket.created_at).toBe(true)
      expect(Date.parse(timer.end_time) - Date.parse(timer.start_time)).toBe(timer.active_duration * 1000)
      expect(timer.active_duration % 900).toBe(0)
      expect(timer.recorded).toBe(timer.billable && ticket.status === 'Invoiced')
    }
    expect(timers.some((timer) => timer.billable)).toBe(true)
    expect(timers.some((timer) => !timer.billable)).toBe(true)
  })

  it("show in their ticket's answer, id ascending", async () => {
    const ticketId = [...syncro.db.tickets.keys()].find((id) => syncro.db.timersOf(id).length >= 2)!
    const listed = await timersOf(ticketId)
    expect(listed.map((timer) => timer.id)).toEqual(syncro.db.timersOf(ticketId).map((timer) => timer.id))
    expect(listed[0]).toMatchObject({ ticket_id: ticketId, toggl_id: null, billable_override: null })
  })
})

describe('GET /ticket_timers', () => {
  it('pages every timer, 25 a page, id ascending', async () => {
    const total = syncro.db.ticketTimers.size
    const { status, json } = await api('/ticket_timers?page=2')
    expect(status).toBe(200)
    expect(json.meta).toEqual({
      total_entries: total,
      total_pages: Math.ceil(total / 25),
      page: 2,
      per_page: 25,
    })
    expect(json.ticket_timers.map((timer: { id: number }) => timer.id)).toEqual(
      [...syncro.db.ticketTimers.keys()].slice(25, 50),
    )
    expect(json.ticket_timers[0].start_time).toMatch(ISO_MS)
  })

  it('keeps those created strictly between created_at_gt and created_at_lt', async () => {
    const timers = [...syncro.db.ticketTimers.values()]
    const after = timers[10]!.created_at
    const before = timers[40]!.created_at
    const expected = timers
      .filter((timer) => timer.created_at > after && timer.created_at < before)
      .map((timer) => timer.id)
    const { json } = await api(`/ticket_timers?created_at_gt=${after}&created_at_lt=${before}`)
    expect(json.meta.total_entries).toBe(expected.length)
    expect(json.ticket_timers.map((timer: { id: number }) => timer.id)).toEqual(expected.slice(0, 25))
  })

  it('refuses a date that does not parse', async () => {
    const { status, json } = await api('/ticket_timers?created_at_gt=yesterday')
    expect(status).toBe(400)
    expect(json).toEqual({ error: 'Invalid date: created_at_gt' })
  })
})

describe('POST /tickets/{id}/timer_entry', () => {
  it("creates an entry from a start and a duration, the API key's user's, not billable", async () => {
    const ticketId = quietTicketId()
    const { status, json } = await api(`/tickets/${ticketId}/timer_entry`, {
      method: 'POST',
      body: { start_at: '2026-01-05T09:00:00Z', duration_minutes: 45, notes: 'Replaced the fan' },
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      ticket_id: ticketId,
      user_id: 1,
      start_time: '2026-01-05T09:00:00.000Z',
      end_time: '2026-01-05T09:45:00.000Z',
      active_duration: 2700,
      billable_time: 2700,
      notes: 'Replaced the fan',
      billable: false,
      recorded: false,
    })
    expect(json.created_at).toMatch(ISO_MS)
    expect((await timersOf(ticketId)).map((timer) => timer.id)).toEqual([json.id])
  })

  it('takes an end instead of a duration, and another tech', async () => {
    const { status, json } = await api(`/tickets/${quietTicketId()}/timer_entry`, {
      method: 'POST',
      body: { start_at: '2026-01-05 13:00', end_at: '2026-01-05 14:30', user_id: 3 },
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({ user_id: 3, active_duration: 5400, end_time: '2026-01-05T14:30:00.000Z' })
  })

  it('refuses a missing start or end as the vendor words it, and an unreadable date', async () => {
    const post = (body: object) => api(`/tickets/${quietTicketId()}/timer_entry`, { method: 'POST', body })
    const nilError = { error: 'no implicit conversion of nil into String' }
    expect(await post({ duration_minutes: 30 })).toMatchObject({ status: 422, json: nilError })
    expect(await post({ start_at: '2026-01-05T09:00:00Z' })).toMatchObject({ status: 422, json: nilError })
    expect(await post({ start_at: 'soon', duration_minutes: 30 })).toMatchObject({
      status: 422,
      json: { error: 'no time information in "soon"' },
    })
  })

  it('answers 404 for an unknown ticket or tech', async () => {
    const body = { start_at: '2026-01-05T09:00:00Z', duration_minutes: 30 }
    expect((await api('/tickets/999999/timer_entry', { method: 'POST', body })).status).toBe(404)
    const unknownUser = await api(`/tickets/${quietTicketId()}/timer_entry`, {
      method: 'POST',
      body: { ...body, user_id: 999 },
    })
    expect(unknownUser).toMatchObject({ status: 404, json: { message: 'Not found' } })
  })
})

describe('writing an existing entry', () => {
  const create = async () => {
    const ticketId = quietTicketId()
    const { json } = await api(`/tickets/${ticketId}/timer_entry`, {
      method: 'POST',
      body: { start_at: '2026-02-01T10:00:00Z', duration_minutes: 60 },
    })
    return { ticketId, timerId: json.id as number }
  }

  it('updates only the fields sent; a new start keeps the length, a new duration keeps the start', async () => {
    const { ticketId, timerId } = await create()
    const put = (body: object) =>
      api(`/tickets/${ticketId}/update_timer_entry`, {
        method: 'PUT',
        body: { timer_entry_id: timerId, ...body },
      })
    expect((await put({ notes: 'Updated Notes' })).json).toMatchObject({
      id: timerId,
      notes: 'Updated Notes',
      start_time: '2026-02-01T10:00:00.000Z',
      active_duration: 3600,
    })
    expect((await put({ start_at: '2026-02-01T12:00:00Z' })).json).toMatchObject({
      start_time: '2026-02-01T12:00:00.000Z',
      end_time: '2026-02-01T13:00:00.000Z',
    })
    expect((await put({ duration_minutes: 15, user_id: 2 })).json).toMatchObject({
      start_time: '2026-02-01T12:00:00.000Z',
      end_time: '2026-02-01T12:15:00.000Z',
      active_duration: 900,
      user_id: 2,
      notes: 'Updated Notes',
    })
  })

  it('answers 404 for an unknown entry, or one of another ticket', async () => {
    const { timerId } = await create()
    const otherTicket = [...syncro.db.tickets.keys()].find(
      (id) => !syncro.db.timersOf(id).some((t) => t.id === timerId),
    )!
    for (const [ticketId, id] of [
      [otherTicket, timerId],
      [otherTicket, 999999],
    ]) {
      const body = { timer_entry_id: id, notes: 'x' }
      expect((await api(`/tickets/${ticketId}/update_timer_entry`, { method: 'PUT', body })).status).toBe(404)
      expect((await api(`/tickets/${ticketId}/delete_timer_entry`, { method: 'POST', body })).status).toBe(
        404,
      )
    }
  })

  it('charges an entry: it becomes recorded', async () => {
    const { ticketId, timerId } = await create()
    const { status, json } = await api(`/tickets/${ticketId}/charge_timer_entry`, {
      method: 'POST',
      body: { timer_entry_id: timerId },
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({ id: timerId, recorded: true })
  })

  it('deletes an entry: gone from its ticket and the list, a second delete is 404', async () => {
    const { ticketId, timerId } = await create()
    const remove = () =>
      api(`/tickets/${ticketId}/delete_timer_entry`, { method: 'POST', body: { timer_entry_id: timerId } })
    expect(await remove()).toMatchObject({ status: 200, json: { success: true } })
    expect(await timersOf(ticketId)).toEqual([])
    const lastPage = Math.ceil(syncro.db.ticketTimers.size / 25)
    const listed = (await api(`/ticket_timers?page=${lastPage}`)).json.ticket_timers
    expect(listed.map((timer: { id: number }) => timer.id)).not.toContain(timerId)
    expect((await remove()).status).toBe(404)
  })

  it('sets billable through PATCH /ticket_timers/{id}, and refuses any other value', async () => {
    const { timerId } = await create()
    const patch = (query: string) => api(`/ticket_timers/${timerId}${query}`, { method: 'PATCH' })
    const { status, json } = await patch('?billable=true')
    expect(status).toBe(200)
    expect(json.ticket_timer).toMatchObject({ id: timerId, billable: true })
    expect(json.ticket_timer.since_updated_at).toBe(json.ticket_timer.updated_at)
    for (const query of ['', '?billable=yes']) {
      expect(await patch(query)).toMatchObject({
        status: 422,
        json: { errors: ['billable must be true or false'] },
      })
    }
    expect(syncro.db.ticketTimers.get(timerId)!.billable).toBe(true)
    expect((await api('/ticket_timers/999999?billable=true', { method: 'PATCH' })).status).toBe(404)
  })

  it('announces each write, and a deleted ticket takes its entries along', async () => {
    const seen: string[] = []
    const stop = syncro.db.changes.listen((change: SyncroChange) => {
      if (change.resource === 'ticket_timer') seen.push(`${change.action} ${change.changed?.join(',') ?? ''}`)
    })
    await withTickingDate(async (tick) => {
      const { ticketId, timerId } = await create()
      tick()
      await api(`/tickets/${ticketId}/update_timer_entry`, {
        method: 'PUT',
        body: { timer_entry_id: timerId, notes: 'n' },
      })
      await api(`/tickets/${ticketId}/delete_timer_entry`, {
        method: 'POST',
        body: { timer_entry_id: timerId },
      })
    })
    stop()
    expect(seen).toEqual(['created ', 'updated notes,updated_at', 'deleted '])

    const { timerId: kept, ticketId: doomed } = await create()
    expect((await api(`/tickets/${doomed}`, { method: 'DELETE' })).status).toBe(200)
    expect(syncro.db.ticketTimers.has(kept)).toBe(false)
  })
})
