import { describe, expect, it } from 'vitest'
import { api, cw, DATE, emailOf, fieldErrors, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('ticket writes', () => {
  const create = (body: unknown) => api('/service/tickets', { method: 'POST', body })
  const patch = (id: number, body: unknown) => api(`/service/tickets/${id}`, { method: 'PATCH', body })

  it('creates a ticket with the defaults and its description as the first note', async () => {
    const before = Date.now()
    const result = await create({
      summary: 'Printer on fire',
      company: { identifier: cw.db.companies.get(5)?.identifier.toLowerCase() },
      initialDescription: 'Smoke coming out of tray 2.',
      id: 1,
      closedFlag: true,
      _info: { lastUpdated: '2000-01-01T00:00:00Z' },
      recordType: 'ProjectTicket',
    })
    expect(result.status).toBe(201)
    const defaultStatus = cw.db.statusesOf(1).find((status) => status.defaultFlag)
    expect(result.json).toMatchObject({
      summary: 'Printer on fire',
      recordType: 'ServiceTicket',
      board: { id: 1, name: 'Service Desk' },
      status: { id: defaultStatus?.id, name: defaultStatus?.name },
      company: { id: 5 },
      priority: { id: 4, name: 'Priority 3 - Normal Response' },
      severity: 'Medium',
      impact: 'Medium',
      closedFlag: false,
      _info: { enteredBy: 'APIMember', updatedBy: 'APIMember' },
    })
    expect(result.json).not.toHaveProperty('initialDescription')
    expect(result.json.id).toBeGreaterThan(1)
    expect(Date.parse(result.json._info.dateEntered)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    const notes = (await api(`/service/tickets/${result.json.id}/notes`)).json
    expect(notes).toEqual([
      expect.objectContaining({
        text: 'Smoke coming out of tray 2.',
        detailDescriptionFlag: true,
        internalAnalysisFlag: false,
        resolutionFlag: false,
        member: { id: expect.any(Number), identifier: 'APIMember', name: 'API Member' },
        createdBy: 'APIMember',
      }),
    ])
    expect((await api(`/service/tickets/${result.json.id}`)).json).toEqual(result.json)
  })

  it('takes every reference and closes a ticket created in a closed status', async () => {
    const found = [...cw.db.contacts.values()].find((candidate) => emailOf(candidate))
    const contact = { id: found?.id as number, email: found && emailOf(found) }
    const closed = cw.db.statusesOf(2).find((status) => status.closedStatus)
    const result = await create({
      summary: 'Closed on arrival',
      company: { id: 3 },
      board: { id: 2 },
      status: { id: closed?.id },
      type: { id: cw.db.typesOf(2)[0]?.id },
      contact: { id: contact.id },
      owner: { identifier: 'MCHEN' },
      priority: { id: 15 },
      severity: 'high',
      impact: 'LOW',
      requiredDate: '2025-12-24T10:30:00.000+01:00',
    })
    expect(result.status).toBe(201)
    expect(result.json).toMatchObject({
      board: { id: 2 },
      status: { id: closed?.id },
      owner: { identifier: 'mchen', name: 'Marcus Chen' },
      contact: { id: contact.id },
      contactEmailAddress: contact.email,
      priority: { id: 15, level: 'High' },
      severity: 'High',
      impact: 'Low',
      requiredDate: '2025-12-24T09:30:00Z',
      closedFlag: true,
    })
    expect(result.json.closedDate).toMatch(DATE)
    expect(result.json.dateResolved).toBe(result.json.closedDate)
  })

  it('resolves references by name or identifier, as ConnectWise does, and refuses unknown names', async () => {
    // connectwise-rest's README creates a ticket with board {name} and company {identifier}.
    const board = cw.db.boards.get(2)
    const status = cw.db.statusesOf(2).find((candidate) => !candidate.closedStatus && !candidate.inactive)
    const type = cw.db.typesOf(2).find((candidate) => !candidate.inactiveFlag)
    const priority = cw.db.priorities.get(15)
    const company = cw.db.companies.get(3)
    const result = await create({
      summary: 'Named references',
      board: { name: board?.name.toUpperCase() },
      status: { name: status?.name },
      type: { name: type?.name },
      priority: { name: priority?.name },
      company: { identifier: company?.identifier },
      initialDescription: 'ticket description',
      recordType: 'ServiceTicket',
    })
    expect(result.status, JSON.stringify(result.json)).toBe(201)
    expect(result.json).toMatchObject({
      board: { id: 2 },
      status: { id: status?.id },
      type: { id: type?.id },
      priority: { id: 15 },
      company: { id: 3 },
    })
    // A name is looked up on the ticket's own board; an id wins over a name.
    const otherBoardStatus = cw.db
      .statusesOf(1)
      .find((candidate) => !cw.db.statusesOf(2).some((mine) => mine.name === candidate.name))
    const patched = await patch(result.json.id, [
      { op: 'replace', path: 'board', value: { name: cw.db.boards.get(1)?.name } },
      { op: 'replace', path: 'status/name', value: otherBoardStatus?.name },
      { op: 'replace', path: 'priority', value: { id: 4, name: 'no such priority' } },
      { op: 'remove', path: 'type' },
    ])
    expect(patched.status, JSON.stringify(patched.json)).toBe(200)
    expect(patched.json).toMatchObject({
      board: { id: 1 },
      status: { id: otherBoardStatus?.id },
      priority: { id: 4 },
    })
    const count = cw.db.tickets.size
    const refused = await create({
      summary: 'Unknown names',
      company: { identifier: company?.identifier },
      board: { name: 'No Such Board' },
      priority: { name: 'Priority 0 - Whenever' },
    })
    expect(refused.status).toBe(400)
    expect(refused.json).toEqual({
      code: 'InvalidObject',
      message: 'ticket object is invalid',
      errors: [
        {
          code: 'InvalidArgument',
          message: "board with name 'No Such Board' was not found.",
          resource: 'ticket',
          field: 'board',
        },
        {
          code: 'InvalidArgument',
          message: "priority with name 'Priority 0 - Whenever' was not found.",
          resource: 'ticket',
          field: 'priority',
        },
      ],
    })
    const wrongBoard = await create({
      summary: 'Status of another board',
      company: { id: 3 },
      board: { id: 2 },
      status: { name: otherBoardStatus?.name },
    })
    expect(fieldErrors(wrongBoard)).toEqual(['status:InvalidArgument'])
    expect(cw.db.tickets.size).toBe(count)
  })

  it('lists every problem of an invalid ticket, in the vendor shape, and creates nothing', async () => {
    const count = cw.db.tickets.size
    const otherBoardStatus = cw.db.statusesOf(2)[0]?.id
    const inactiveMember = [...cw.db.members.values()].find((member) => member.inactiveFlag)
    const cases: [unknown, string[]][] = [
      [{ company: { id: 1 } }, ['summary:NullOrEmpty']],
      [{ summary: '   ', company: { id: 1 } }, ['summary:NullOrEmpty']],
      [{ summary: 'x'.repeat(101), company: { id: 1 } }, ['summary:MaxLength']],
      [{ summary: 42, company: { id: 1 } }, ['summary:InvalidArgument']],
      [{ summary: 'No company' }, ['company:NullOrEmpty']],
      [{ summary: 'Ghost', company: { id: 999999 } }, ['company:InvalidArgument']],
      [{ summary: 'Ghost', company: { identifier: 'no-such' } }, ['company:InvalidArgument']],
      [{ summary: 'Ghost', company: 7 }, ['company:InvalidArgument']],
      [{ summary: 'Board', company: { id: 1 }, board: { id: 4 } }, ['board:InvalidArgument']],
      [{ summary: 'Board', company: { id: 1 }, board: { id: 99 } }, ['board:InvalidArgument']],
      [
        { summary: 'Status', company: { id: 1 }, status: { id: otherBoardStatus } },
        ['status:InvalidArgument'],
      ],
      [
        { summary: 'Type', company: { id: 1 }, type: { id: cw.db.typesOf(3)[0]?.id } },
        ['type:InvalidArgument'],
      ],
      [{ summary: 'Contact', company: { id: 1 }, contact: { id: 99999 } }, ['contact:InvalidArgument']],
      [{ summary: 'Owner', company: { id: 1 }, owner: { id: 999 } }, ['owner:InvalidArgument']],
      [
        { summary: 'Owner', company: { id: 1 }, owner: { id: inactiveMember?.id } },
        ['owner:InvalidArgument'],
      ],
      [{ summary: 'Priority', company: { id: 1 }, priority: { id: 1 } }, ['priority:InvalidArgument']],
      [{ summary: 'Severity', company: { id: 1 }, severity: 'Extreme' }, ['severity:InvalidArgument']],
      [{ summary: 'Date', company: { id: 1 }, requiredDate: 'next week' }, ['requiredDate:InvalidArgument']],
      [
        { summary: '', company: { id: 0 }, owner: { id: 999 }, priority: { id: 1 } },
        [
          'summary:NullOrEmpty',
          'company:InvalidArgument',
          'owner:InvalidArgument',
          'priority:InvalidArgument',
        ],
      ],
    ]
    for (const [body, expected] of cases) {
      const result = await create(body)
      expect(result.status, JSON.stringify(body)).toBe(400)
      expect(result.json).toMatchObject({ code: 'InvalidObject', message: 'ticket object is invalid' })
      expect(fieldErrors(result), JSON.stringify(body)).toEqual(expected)
      for (const error of result.json.errors) {
        expect(error).toEqual({
          code: expect.any(String),
          message: expect.any(String),
          resource: 'ticket',
          field: expect.any(String),
        })
      }
    }
    const deleted = [...cw.db.companies.values()].find((company) => company.deletedFlag)
    expect(fieldErrors(await create({ summary: 'Deleted', company: { id: deleted?.id } }))).toEqual([
      'company:InvalidArgument',
    ])
    expect(cw.db.tickets.size).toBe(count)
  })

  it('answers 415, 400 and 413 for bodies that are not JSON objects', async () => {
    const count = cw.db.tickets.size
    const asText = await api('/service/tickets', {
      method: 'POST',
      rawBody: '{"summary":"x","company":{"id":1}}',
      headers: { 'content-type': 'text/plain' },
    })
    expect(asText).toMatchObject({ status: 415, json: { code: 'UnsupportedMediaType' } })
    expect(await api('/service/tickets', { method: 'POST', rawBody: '{"summary": ' })).toMatchObject({
      status: 400,
      json: { code: 'InvalidObject' },
    })
    expect((await api('/service/tickets', { method: 'POST', body: [{ summary: 'x' }] })).json.code).toBe(
      'InvalidObject',
    )
    const huge = await api('/service/tickets', {
      method: 'POST',
      rawBody: JSON.stringify({ summary: 'x', company: { id: 1 }, padding: 'x'.repeat(5 * 1024 * 1024) }),
    }).catch((error: Error) => error)
    if (!(huge instanceof Error)) expect(huge.status).toBe(413)
    expect(cw.db.tickets.size).toBe(count)
  })
})
