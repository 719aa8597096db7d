import { describe, expect, it } from 'vitest'
import { STATUS_TYPE, type TicketRecord } from '../../../sandbox/halopsa/index.js'
import { api, DATE_FIELDS, halo, useHaloEmulator, ZONELESS } from './helpers.js'

useHaloEmulator()

describe('record shapes', () => {
  it('emits dates without a zone suffix, as Halo does', async () => {
    const { json } = await api('/Tickets?count=50')
    for (const ticket of json.tickets)
      for (const field of DATE_FIELDS) if (ticket[field] !== null) expect(ticket[field]).toMatch(ZONELESS)
    const closed = json.tickets.find((ticket: { dateclosed: string | null }) => ticket.dateclosed !== null)
    const stored = halo.db.tickets.get(closed.id) as TicketRecord
    expect(Date.parse(`${closed.dateclosed}Z`)).toBe(Date.parse(stored.dateclosed as string))
  })

  it('answers a single ticket as a bare object with names looked up', async () => {
    const stored = halo.db.tickets.get(7) as TicketRecord
    const { status, json } = await api('/Tickets/7')
    expect(status).toBe(200)
    expect(json).toMatchObject({
      id: 7,
      summary: stored.summary,
      client_id: stored.client_id,
      client_name: halo.db.clients.get(stored.client_id)?.name,
      status_id: stored.status_id,
      status_name: halo.db.statuses.get(stored.status_id)?.name,
      priority_id: stored.priority_id,
      priority_name: halo.db.priorityOf(stored.sla_id, stored.priority_id)?.name,
      sla_id: stored.sla_id,
      tickettype_id: stored.tickettype_id,
      hasbeenclosed: stored.hasbeenclosed,
    })
    for (const field of [
      'user_email',
      'agent_name',
      'team',
      'site_name',
      'details_html',
      'customfields',
      'assets',
      'tags',
    ])
      expect(json).toHaveProperty(field)
  })

  it('answers single clients, assets and actions', async () => {
    expect((await api('/Client/1')).json).toMatchObject({ id: 1, name: halo.db.clients.get(1)?.name })
    expect((await api('/Asset/1')).json).toMatchObject({ id: 1, fields: expect.any(Array) })
    expect((await api('/Actions/1')).json).toMatchObject({
      id: 1,
      ticket_id: halo.db.actions.get(1)?.ticket_id,
    })
  })

  it('routes case-insensitively, answers 405 to PUT/PATCH and an empty 404 to unknown routes', async () => {
    expect((await api('/tickets/7')).json.id).toBe(7)
    expect((await api('/TICKETS?COUNT=1&Client_ID=1')).status).toBe(200)
    const put = await api('/Tickets/7', { method: 'PUT', body: { summary: 'x' } })
    expect(put.status).toBe(405)
    expect(put.headers.allow).toContain('DELETE')
    expect((await api('/Tickets', { method: 'PATCH', body: [] })).status).toBe(405)
    const unknown = await api('/Nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.json).toBeUndefined()
  })

  it('answers reference lists as bare arrays, priorities per SLA', async () => {
    const statuses = (await api('/Status')).json
    expect(Array.isArray(statuses)).toBe(true)
    expect(statuses.find((status: { id: number }) => status.id === 9)).toEqual({
      id: 9,
      name: 'Closed',
      shortname: 'Closed',
      type: STATUS_TYPE.closed,
      sequence: expect.any(Number),
      colour: expect.any(String),
    })
    const all = (await api('/Priority')).json
    expect(all).toHaveLength(8)
    const standard = (await api('/Priority?slaid=1')).json
    expect(standard.map((priority: { priorityid: number }) => priority.priorityid)).toEqual([1, 2, 3, 4])
    expect(standard.map((priority: { name: string }) => priority.name)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
    ])
    expect(
      standard.every(
        (priority: { slaid: number; id: string }) =>
          priority.slaid === 1 && /^[0-9a-f-]{36}$/.test(priority.id),
      ),
    ).toBe(true)
    expect((await api('/Priority?slaid=3')).json).toEqual([])
    expect((await api('/Priority?slaid=x')).status).toBe(400)
    const types = (await api('/TicketType')).json
    expect(types.length).toBeGreaterThanOrEqual(5)
    expect(types[0]).toMatchObject({ id: 1, name: 'Incident', default_sla: 1, initial_status: 1 })
    expect((await api('/Agent')).json).toHaveLength(11)
    expect((await api('/Agent?includedisabled=true')).json).toHaveLength(12)
    expect((await api('/Team')).json.map((team: { name: string }) => team.name)).toEqual([
      '1st Line Support',
      '2nd Line Support',
      'Projects',
    ])
  })
})
