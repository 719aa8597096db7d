import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, ticketsWhere, useHaloEmulator, ZONELESS } from './helpers.js'

useHaloEmulator()

describe('array writes', () => {
  it('creates a ticket with the vendor defaults and answers the single record', async () => {
    const client = [...halo.db.clients.values()].find((candidate) => !candidate.is_vip) as {
      id: number
      main_site_id: number
    }
    const { status, json } = await api('/Tickets', {
      method: 'POST',
      body: [{ summary: 'Created through the API', details: 'Line one\nLine <two>', client_id: client.id }],
    })
    expect(status).toBe(200)
    expect(Array.isArray(json)).toBe(false)
    expect(json).toMatchObject({
      summary: 'Created through the API',
      details: 'Line one\nLine <two>',
      details_html: 'Line one<br>Line &lt;two&gt;',
      client_id: client.id,
      site_id: client.main_site_id,
      status_id: 1,
      status_name: 'New',
      tickettype_id: 1,
      sla_id: 1,
      priority_id: 3,
      priority_name: 'Medium',
      hasbeenclosed: false,
      dateclosed: null,
    })
    expect(json.id).toBeGreaterThan(420)
    expect(Date.parse(`${json.fixbydate}Z`) - Date.parse(`${json.dateoccurred}Z`)).toBe(24 * 3_600_000)
    expect(halo.db.tickets.get(json.id)?.summary).toBe('Created through the API')
    const listed = (await api('/Tickets?count=1')).json.tickets[0]
    expect(listed.id).toBe(json.id)
  })

  it('updates only the keys an item carries and moves last_update', async () => {
    const before = structuredClone(halo.db.tickets.get(11) as TicketRecord)
    const { json } = await api('/Tickets', {
      method: 'POST',
      body: [{ id: 11, summary: 'Renamed', agent_id: 2 }],
    })
    const after = halo.db.tickets.get(11) as TicketRecord
    expect(json).toMatchObject({ id: 11, summary: 'Renamed', agent_id: 2, agent_name: 'Priya Desai' })
    expect({
      ...after,
      summary: before.summary,
      agent_id: before.agent_id,
      last_update: before.last_update,
    }).toEqual(before)
    expect(after.last_update > before.last_update).toBe(true)
  })

  it('closes and reopens through status_id', async () => {
    const open = ticketsWhere((t) => t.status_id === 2)[0] as number
    const closed = (await api('/Tickets', { method: 'POST', body: [{ id: open, status_id: 9 }] })).json
    expect(closed).toMatchObject({
      status_id: 9,
      hasbeenclosed: true,
      dateclosed: expect.stringMatching(ZONELESS),
    })
    const reopened = (await api('/Tickets', { method: 'POST', body: [{ id: open, status_id: 2 }] })).json
    expect(reopened).toMatchObject({ status_id: 2, hasbeenclosed: true, dateclosed: null })
  })

  it('creates and updates in one array and answers an array', async () => {
    const { status, json } = await api('/Tickets', {
      method: 'POST',
      body: [
        { summary: 'Mixed one', client_id: 2 },
        { id: 12, urgency: 3 },
        { summary: 'Mixed two', client_id: 3, status_id: 4, priority_id: 1 },
      ],
    })
    expect(status).toBe(200)
    expect(json).toHaveLength(3)
    expect(json[1]).toMatchObject({ id: 12, urgency: 3 })
    expect(json[2]).toMatchObject({
      summary: 'Mixed two',
      status_id: 4,
      priority_id: 1,
      priority_name: 'Critical',
      onhold: true,
    })
  })

  it("keeps a ticket's team by name, as Faults.team is, with no team_id", async () => {
    const read = (await api('/Tickets/15')).json
    expect(read).not.toHaveProperty('team_id')
    expect(read.team).toBe(halo.db.tickets.get(15)?.team)
    const moved = await api('/Tickets', { method: 'POST', body: [{ id: 15, team: 'projects' }] })
    expect([moved.status, moved.json.team]).toEqual([200, 'Projects'])
    // team_id is no Faults field: it is ignored, as any unknown property is.
    const ignored = await api('/Tickets', { method: 'POST', body: [{ id: 15, team_id: 1 }] })
    expect(ignored.json.team).toBe('Projects')
    const unknown = await api('/Tickets', { method: 'POST', body: [{ id: 15, team: 'Nobody' }] })
    expect([unknown.status, unknown.json.details]).toEqual([
      400,
      [{ field: 'team', message: "Team 'Nobody' does not exist" }],
    ])
    const cleared = await api('/Tickets', { method: 'POST', body: [{ id: 15, team: '' }] })
    expect(cleared.json.team).toBeNull()
  })

  it('changes nothing when any item fails, naming every failing field', async () => {
    const ticketsBefore = halo.db.tickets.size
    const summaryBefore = halo.db.tickets.get(13)?.summary
    const { status, json } = await api('/Tickets', {
      method: 'POST',
      body: [
        { id: 13, summary: 'Should not stick' },
        { summary: 'Bad refs', client_id: 1, status_id: 999, agent_id: 999 },
        { summary: '   ', client_id: 999 },
        { id: 999999, summary: 'Unknown id' },
      ],
    })
    expect(status).toBe(400)
    expect(json).toEqual({
      error: 'validation_error',
      message: 'Agent ID 999 does not exist',
      details: [
        { field: '[1].agent_id', message: 'Agent ID 999 does not exist' },
        { field: '[1].status_id', message: 'Status ID 999 does not exist' },
        { field: '[2].summary', message: 'Summary is required' },
        { field: '[2].client_id', message: 'Client ID 999 does not exist' },
        { field: '[3].id', message: 'Ticket ID 999999 does not exist' },
      ],
    })
    expect(halo.db.tickets.size).toBe(ticketsBefore)
    expect(halo.db.tickets.get(13)?.summary).toBe(summaryBefore)
  })

  it('names fields as sent for a single item, and checks priorities, sites and users against the ticket', async () => {
    const single = await api('/Tickets', { method: 'POST', body: [{ id: 14, status_id: 999 }] })
    expect(single.json).toEqual({
      error: 'validation_error',
      message: 'Status ID 999 does not exist',
      details: [{ field: 'status_id', message: 'Status ID 999 does not exist' }],
    })
    expect((await api('/Tickets', { method: 'POST', body: [{ summary: 'x' }] })).json.details).toEqual([
      { field: 'client_id', message: 'Client ID is required' },
    ])
    expect(
      (await api('/Tickets', { method: 'POST', body: [{ id: 14, priority_id: 7 }] })).json.details,
    ).toEqual([
      {
        field: 'priority_id',
        message: `Priority ID 7 does not exist for SLA ID ${halo.db.tickets.get(14)?.sla_id}`,
      },
    ])
    const ticket = halo.db.tickets.get(14) as TicketRecord
    const foreignSite = [...halo.db.sites.values()].find((site) => site.client_id !== ticket.client_id)
    const foreignUser = [...halo.db.users.values()].find(
      (user) => halo.db.clientIdOfUser(user) !== ticket.client_id,
    )
    const mismatched = await api('/Tickets', {
      method: 'POST',
      body: [{ id: 14, site_id: foreignSite?.id, user_id: foreignUser?.id }],
    })
    expect(mismatched.json.details.map((detail: { field: string }) => detail.field)).toEqual([
      'site_id',
      'user_id',
    ])
  })

  it("moves a ticket to the new client's main site when the client changes", async () => {
    const ticket = halo.db.tickets.get(15) as TicketRecord
    const target = [...halo.db.clients.values()].find(
      (client) => client.id !== ticket.client_id && !client.inactive,
    )
    const { json } = await api('/Tickets', { method: 'POST', body: [{ id: 15, client_id: target?.id }] })
    expect(json).toMatchObject({ client_id: target?.id, site_id: target?.main_site_id })
    const user = json.user_id === null ? undefined : halo.db.users.get(json.user_id)
    if (user) expect(halo.db.clientIdOfUser(user)).toBe(target?.id)
  })

  it('answers binding errors keyed by body path, and refuses bodies that are not a JSON array', async () => {
    const badType = await api('/Tickets', { method: 'POST', body: [{ summary: 'x', client_id: 'abc' }] })
    expect(badType.status).toBe(400)
    expect(Object.keys(badType.json)).toEqual(['[0].client_id'])
    expect((await api('/Tickets', { method: 'POST', body: [{ summary: 'x', client_id: '1' }] })).status).toBe(
      200,
    )
    const notArray = await api('/Tickets', { method: 'POST', body: { summary: 'x', client_id: 1 } })
    expect(notArray.status).toBe(400)
    expect(Object.keys(notArray.json)).toEqual([''])
    expect((await api('/Tickets', { method: 'POST', body: [] })).json).toMatchObject({
      error: 'validation_error',
    })
    expect((await api('/Tickets', { method: 'POST', body: [5] })).status).toBe(400)
    expect(
      (
        await api('/Tickets', {
          method: 'POST',
          rawBody: '[{',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400)
    expect(
      (await api('/Tickets', { method: 'POST', rawBody: '[]', headers: { 'content-type': 'text/plain' } }))
        .status,
    ).toBe(415)
  })

  it('deletes a ticket with its actions', async () => {
    const id = 16
    const actionIds = halo.db.actionsOf(id).map((action) => action.id)
    const deleted = await api(`/Tickets/${id}?reason=${encodeURIComponent('Raised in error')}`, {
      method: 'DELETE',
    })
    expect(deleted.status).toBe(200)
    expect((await api(`/Tickets/${id}`)).status).toBe(404)
    expect(actionIds.every((actionId) => !halo.db.actions.has(actionId))).toBe(true)
    expect((await api(`/Tickets/${id}`, { method: 'DELETE' })).status).toBe(404)
  })
})
