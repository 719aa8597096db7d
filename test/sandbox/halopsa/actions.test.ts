import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, ticketsWhere, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('actions', () => {
  it('adds a visible action by default, as the API agent, and moves the ticket', async () => {
    const before = structuredClone(halo.db.tickets.get(20) as TicketRecord)
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [{ ticket_id: 20, note: 'Called the user back.' }],
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      ticket_id: 20,
      note: 'Called the user back.',
      note_html: 'Called the user back.',
      hiddenfromuser: false,
      who_agentid: 1,
      who_initials: 'SC',
      new_status: null,
    })
    const after = halo.db.tickets.get(20) as TicketRecord
    expect(after.status_id).toBe(before.status_id)
    expect(after.last_update > before.last_update).toBe(true)
    expect(after.lastactiondate && after.lastactiondate > (before.lastactiondate ?? '')).toBe(true)
    const listed = (await api('/Actions?ticket_id=20')).json.actions
    expect(listed.at(-1).id).toBe(json.id)
  })

  it('keeps hidden actions private and closes a ticket through new_status', async () => {
    const open = ticketsWhere((t) => t.status_id === 3)[0] as number
    const { json } = await api('/Actions', {
      method: 'POST',
      body: [
        { ticket_id: open, note_html: '<p>Internal: <b>root cause</b> found</p>', hiddenfromuser: true },
        { ticket_id: open, note: 'Fixed, closing.', new_status: 9, outcome: 'Email User' },
      ],
    })
    expect(json[0]).toMatchObject({ hiddenfromuser: true, note: 'Internal: root cause found' })
    expect(json[1]).toMatchObject({ new_status: 9, new_status_name: 'Closed', hiddenfromuser: false })
    const ticket = (await api(`/Tickets/${open}`)).json
    expect(ticket).toMatchObject({ status_id: 9, hasbeenclosed: true })
    expect(ticket.dateclosed).not.toBeNull()
    const publicOnly = (await api(`/Actions?ticket_id=${open}&excludeprivate=true`)).json.actions
    expect(publicOnly.map((action: { id: number }) => action.id)).not.toContain(json[0].id)
  })

  it('needs an existing ticket and a note, and validates statuses and agents', async () => {
    const actionsBefore = halo.db.actions.size
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [
        { ticket_id: 999999, note: 'x' },
        { ticket_id: 21 },
        { ticket_id: 21, note: 'x', new_status: 6, who_agentid: 99 },
      ],
    })
    expect(status).toBe(400)
    expect(json.details).toEqual([
      { field: '[0].ticket_id', message: 'Ticket ID 999999 does not exist' },
      { field: '[1].note', message: 'A note or an outcome is required' },
      { field: '[2].who_agentid', message: 'Agent ID 99 does not exist' },
      { field: '[2].new_status', message: 'Status ID 6 does not exist' },
    ])
    expect(halo.db.actions.size).toBe(actionsBefore)
  })

  it("updates an action's own keys", async () => {
    const action = halo.db.actionsOf(22)[0]
    const { json } = await api('/Actions', {
      method: 'POST',
      body: [{ id: action?.id, hiddenfromuser: true }],
    })
    expect(json).toMatchObject({ id: action?.id, hiddenfromuser: true, note: action?.note })
  })
})
