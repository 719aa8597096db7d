import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/connectwise/index.js'
import { api, cw, tickets, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('note writes', () => {
  it('adds a note by the API member and moves the ticket’s lastUpdated', async () => {
    const ticket = tickets().find((candidate) => candidate.info.lastUpdated < '2025-01-01') as TicketRecord
    const result = await api(`/service/tickets/${ticket.id}/notes`, {
      method: 'POST',
      body: { text: 'Checked the logs (again) and "rebooted".', internalAnalysisFlag: true },
    })
    expect(result.status).toBe(201)
    expect(result.json).toMatchObject({
      ticketId: ticket.id,
      text: 'Checked the logs (again) and "rebooted".',
      detailDescriptionFlag: false,
      internalAnalysisFlag: true,
      resolutionFlag: false,
      internalFlag: true,
      externalFlag: false,
      member: { identifier: 'APIMember' },
      createdBy: 'APIMember',
    })
    expect(result.json).not.toHaveProperty('contact')
    expect(cw.db.tickets.get(ticket.id)?.info.lastUpdated).toBe(result.json.dateCreated)
    expect((await api(`/service/tickets/${ticket.id}/notes/${result.json.id}`)).json).toEqual(result.json)
    expect((await api(`/service/tickets/${ticket.id}/notes/count`)).json.count).toBe(
      cw.db.notesOf(ticket.id).length,
    )
  })

  it('requires text and one of the three kinds', async () => {
    const count = cw.db.notes.size
    const post = (body: unknown) => api('/service/tickets/1/notes', { method: 'POST', body })
    const noText = await post({ detailDescriptionFlag: true })
    expect(noText.status).toBe(400)
    expect(noText.json).toMatchObject({
      code: 'InvalidObject',
      errors: [{ code: 'NullOrEmpty', resource: 'ticketNote', field: 'text' }],
    })
    const noKind = await post({ text: 'Hello', externalFlag: true })
    expect(noKind.json.errors).toEqual([
      expect.objectContaining({
        code: 'InvalidArgument',
        resource: 'ticketNote',
        field: 'detailDescriptionFlag',
      }),
    ])
    expect((await post({ text: 'x', resolutionFlag: 'yes' })).status).toBe(400)
    expect(
      (
        await api('/service/tickets/999999/notes', {
          method: 'POST',
          body: { text: 'x', resolutionFlag: true },
        })
      ).status,
    ).toBe(404)
    expect(cw.db.notes.size).toBe(count)
  })
})
