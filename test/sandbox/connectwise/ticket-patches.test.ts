import { describe, expect, it } from 'vitest'
import { type TicketRecord } from '../../../sandbox/connectwise/index.js'
import { api, cw, DATE, emailOf, fieldErrors, tickets, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('ticket writes', () => {
  const create = (body: unknown) => api('/service/tickets', { method: 'POST', body })
  const patch = (id: number, body: unknown) => api(`/service/tickets/${id}`, { method: 'PATCH', body })
  const openTicket = () =>
    tickets().find((ticket) => !ticket.closedFlag && ticket.boardId === 1 && ticket.contactId) as TicketRecord

  it('patches with JSON Patch: whole references, nested paths, with or without a slash', async () => {
    const ticket = openTicket()
    const before = ticket.info.lastUpdated
    const waiting = cw.db.statusesOf(1).find((status) => status.name === 'Waiting Customer')
    const result = await patch(ticket.id, [
      { op: 'replace', path: 'summary', value: 'Renamed (and "quoted")' },
      { op: 'replace', path: '/status/id', value: waiting?.id },
      { op: 'add', path: 'Priority', value: { id: 8 } },
      { op: 'replace', path: '/owner', value: { identifier: 'ebrown' } },
    ])
    expect(result.status).toBe(200)
    expect(result.json).toMatchObject({
      id: ticket.id,
      summary: 'Renamed (and "quoted")',
      status: { id: waiting?.id, name: 'Waiting Customer' },
      priority: { id: 8 },
      owner: { identifier: 'ebrown' },
      _info: { updatedBy: 'APIMember', dateEntered: ticket.info.dateEntered },
    })
    expect(result.json._info.lastUpdated > before).toBe(true)
    expect(cw.db.tickets.get(ticket.id)?.summary).toBe('Renamed (and "quoted")')
  })

  it('closes, reopens and moves boards with the status rules', async () => {
    const ticket = openTicket()
    const completed = cw.db.statusesOf(1).find((status) => status.name === 'Completed')
    const cancelled = cw.db.statusesOf(1).find((status) => status.name === 'Cancelled')
    const closed = await patch(ticket.id, [{ op: 'replace', path: 'status', value: { id: completed?.id } }])
    expect(closed.json).toMatchObject({ closedFlag: true, closedDate: expect.stringMatching(DATE) })
    expect(closed.json.dateResolved).toBe(closed.json.closedDate)
    const recast = await patch(ticket.id, [{ op: 'replace', path: 'status/id', value: cancelled?.id }])
    expect(recast.json).toMatchObject({ closedFlag: true, closedDate: closed.json.closedDate })
    const reopened = await patch(ticket.id, [
      { op: 'replace', path: 'status/id', value: cw.db.statusesOf(1)[1]?.id },
    ])
    expect(reopened.json.closedFlag).toBe(false)
    expect(reopened.json).not.toHaveProperty('closedDate')
    expect(reopened.json).not.toHaveProperty('dateResolved')

    const stranded = await patch(ticket.id, [{ op: 'replace', path: 'board', value: { id: 3 } }])
    expect(stranded.status).toBe(400)
    // The ticket's status (and type, if it has one) belong to the old board.
    expect(stranded.json.errors).toContainEqual(
      expect.objectContaining({ code: 'InvalidArgument', field: 'status' }),
    )
    expect(
      stranded.json.errors.every((error: { field: string }) => ['status', 'type'].includes(error.field)),
    ).toBe(true)
    const moved = await patch(ticket.id, [
      { op: 'replace', path: 'board/id', value: 3 },
      { op: 'replace', path: 'status', value: { id: cw.db.statusesOf(3)[0]?.id } },
      { op: 'remove', path: 'type' },
    ])
    expect(moved.status).toBe(200)
    expect(moved.json).toMatchObject({
      board: { id: 3, name: 'Onboarding' },
      status: { id: cw.db.statusesOf(3)[0]?.id },
    })
    expect(moved.json).not.toHaveProperty('type')
  })

  it('brings a new contact’s name along, and removes a contact with remove', async () => {
    const ticket = openTicket()
    const other = [...cw.db.contacts.values()].find(
      (contact) => contact.id !== ticket.contactId && emailOf(contact),
    )
    const changed = await patch(ticket.id, [{ op: 'replace', path: 'contact', value: { id: other?.id } }])
    expect(changed.json).toMatchObject({
      contact: { id: other?.id },
      contactName: [other?.firstName, other?.lastName].filter(Boolean).join(' '),
      contactEmailAddress: other && emailOf(other),
    })
    const removed = await patch(ticket.id, [
      { op: 'remove', path: 'contact' },
      { op: 'replace', path: 'contactName', value: 'Front desk' },
    ])
    expect(removed.json).not.toHaveProperty('contact')
    expect(removed.json.contactName).toBe('Front desk')
    expect(removed.json).not.toHaveProperty('contactEmailAddress')
  })

  it('refuses a bad patch as a whole and changes nothing', async () => {
    const ticket = openTicket()
    const snapshot = JSON.stringify(cw.db.tickets.get(ticket.id))
    const cases: [unknown, string[]][] = [
      [{ op: 'replace', path: 'summary', value: 'x' }, ['operations:InvalidArgument']],
      [[], ['operations:InvalidArgument']],
      [[{ op: 'move', path: 'summary', from: 'x' }], ['summary:InvalidArgument']],
      [[{ op: 'replace', path: 'nosuch', value: 1 }], ['nosuch:InvalidArgument']],
      [[{ op: 'replace', path: 'id', value: 1 }], ['id:InvalidArgument']],
      [[{ op: 'replace', path: '/closedFlag', value: true }], ['/closedFlag:InvalidArgument']],
      [[{ op: 'replace', path: '_info', value: {} }], ['_info:InvalidArgument']],
      [[{ op: 'replace', path: 'status/sortOrder', value: 1 }], ['status/sortOrder:InvalidArgument']],
      [[{ op: 'replace', path: 'status/name', value: 'No such status' }], ['status:InvalidArgument']],
      [[{ op: 'replace', path: 'summary' }], ['summary:InvalidArgument']],
      [['replace'], ['operations[0]:InvalidArgument']],
      [
        [
          { op: 'replace', path: 'summary', value: 'Would change' },
          { op: 'replace', path: 'recordType', value: 'ProjectTicket' },
        ],
        ['recordType:InvalidArgument'],
      ],
      [
        [
          { op: 'replace', path: 'summary', value: 'Would change' },
          { op: 'replace', path: 'priority/id', value: 999 },
        ],
        ['priority:InvalidArgument'],
      ],
      [[{ op: 'replace', path: 'summary', value: 'x'.repeat(101) }], ['summary:MaxLength']],
      [[{ op: 'remove', path: 'summary' }], ['summary:NullOrEmpty']],
      [[{ op: 'remove', path: 'status' }], ['status:NullOrEmpty']],
      [[{ op: 'remove', path: 'company' }], ['company:NullOrEmpty']],
    ]
    for (const [body, expected] of cases) {
      const result = await patch(ticket.id, body)
      expect(result.status, JSON.stringify(body)).toBe(400)
      expect(result.json.code).toBe('InvalidObject')
      expect(fieldErrors(result), JSON.stringify(body)).toEqual(expected)
    }
    expect(JSON.stringify(cw.db.tickets.get(ticket.id))).toBe(snapshot)
    expect((await patch(999999, [{ op: 'replace', path: 'summary', value: 'x' }])).json.code).toBe(
      'RecordNotFound',
    )
  })

  it('replaces a whole ticket with PUT under create rules', async () => {
    const ticket = tickets().find(
      (candidate) => candidate.ownerId && candidate.contactId && candidate.boardId === 2,
    ) as TicketRecord
    const result = await api(`/service/tickets/${ticket.id}`, {
      method: 'PUT',
      body: { summary: 'Replaced', company: { id: ticket.companyId }, board: { id: 2 } },
    })
    expect(result.status).toBe(200)
    const defaultStatus = cw.db.statusesOf(2).find((status) => status.defaultFlag)
    expect(result.json).toMatchObject({
      id: ticket.id,
      summary: 'Replaced',
      status: { id: defaultStatus?.id },
      closedFlag: false,
    })
    for (const absent of ['owner', 'contact', 'type', 'requiredDate'])
      expect(result.json).not.toHaveProperty(absent)
    expect(
      (await api(`/service/tickets/${ticket.id}`, { method: 'PUT', body: { company: { id: 1 } } })).status,
    ).toBe(400)
  })

  it('deletes a ticket and its notes', async () => {
    const created = (await create({ summary: 'Short-lived', company: { id: 2 }, initialDescription: 'bye' }))
      .json
    const deleted = await api(`/service/tickets/${created.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(deleted.json).toBeUndefined()
    expect((await api(`/service/tickets/${created.id}`)).status).toBe(404)
    expect(cw.db.notesOf(created.id)).toEqual([])
    expect((await api(`/service/tickets/${created.id}`, { method: 'DELETE' })).json.code).toBe(
      'RecordNotFound',
    )
  })
})
