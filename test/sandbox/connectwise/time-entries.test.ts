import { describe, expect, it } from 'vitest'
import type { TicketRecord } from '../../../sandbox/connectwise/index.js'
import {
  api,
  cw,
  DATE,
  fieldErrors,
  links,
  listIds,
  q,
  statusOf,
  tickets,
  useConnectWiseEmulator,
} from './helpers.js'

useConnectWiseEmulator()

const entries = () => [...cw.db.timeEntries.values()]
const openTicket = () => tickets().find((ticket) => !statusOf(ticket)?.timeEntryNotAllowed) as TicketRecord
const post = (body: unknown) => api('/time/entries', { method: 'POST', body })

describe('seeded time entries', () => {
  it('sit on some tickets, by active full members, within the ticket’s life, in whole quarter hours', () => {
    const all = entries()
    const ticketsWithTime = new Set(all.map((entry) => entry.ticketId))
    expect(ticketsWithTime.size).toBeGreaterThan(tickets().length / 5)
    expect(ticketsWithTime.size).toBeLessThan(tickets().length / 2)
    for (const entry of all) {
      const ticket = cw.db.tickets.get(entry.ticketId) as TicketRecord
      const member = cw.db.members.get(entry.memberId)
      expect(member?.inactiveFlag).toBe(false)
      expect(member?.licenseClass).toBe('F')
      expect(entry.companyId).toBe(ticket.companyId)
      expect(entry.timeStart >= ticket.info.dateEntered).toBe(true)
      expect((Date.parse(entry.timeEnd) - Date.parse(entry.timeStart)) / 3_600_000).toBe(entry.actualHours)
      expect((entry.actualHours * 4) % 1).toBe(0)
      expect(entry.info.dateEntered >= entry.timeEnd).toBe(true)
    }
  })

  it('sit on the first ticket, the example ticket of the gateway’s API documentation', () => {
    const first = Math.min(...cw.db.tickets.keys())
    expect(entries().filter((entry) => entry.ticketId === first).length).toBeGreaterThan(0)
  })
})

describe('time entry reads', () => {
  it('lists across tickets with conditions, paging, orderBy and count', async () => {
    const entry = entries()[0]!
    const ticketQuery = q(`chargeToId=${entry.ticketId} and chargeToType="ServiceTicket"`)
    const expected = entries()
      .filter((candidate) => candidate.ticketId === entry.ticketId)
      .map((candidate) => candidate.id)
    expect(await listIds('/time/entries', ticketQuery)).toEqual(expected)
    expect((await api(`/time/entries/count?${ticketQuery}`)).json).toEqual({ count: expected.length })
    const byMember = entries().filter((candidate) => candidate.memberId === entry.memberId)
    expect(await listIds('/time/entries', q(`member/id=${entry.memberId}`))).toEqual(
      byMember.map((candidate) => candidate.id),
    )
    const since = entries()[Math.floor(entries().length / 2)]!.info.lastUpdated
    expect(await listIds('/time/entries', q(`lastUpdated>=[${since}]`))).toEqual(
      entries()
        .filter((candidate) => candidate.info.lastUpdated >= since)
        .map((candidate) => candidate.id),
    )
    const page = await api('/time/entries?pageSize=5&orderBy=timeStart desc')
    expect(page.json).toHaveLength(5)
    const starts = page.json.map((record: { timeStart: string }) => record.timeStart)
    expect(starts).toEqual([...starts].sort().reverse())
    expect(links(page).next).toContain('page=2')
  })

  it('answers one entry in the vendor’s shape, and 404 RecordNotFound for an unknown id', async () => {
    const entry = entries().find((candidate) => candidate.internalNotes === null)!
    const ticket = cw.db.tickets.get(entry.ticketId)!
    const member = cw.db.members.get(entry.memberId)!
    const { status, json } = await api(`/time/entries/${entry.id}`)
    expect(status).toBe(200)
    expect(json).toMatchObject({
      id: entry.id,
      company: { id: ticket.companyId },
      chargeToId: ticket.id,
      chargeToType: 'ServiceTicket',
      member: {
        id: member.id,
        identifier: member.identifier,
        name: `${member.firstName} ${member.lastName}`,
      },
      timeStart: expect.stringMatching(DATE),
      timeEnd: expect.stringMatching(DATE),
      hoursDeduct: 0,
      actualHours: entry.actualHours,
      billableOption: entry.billableOption,
      notes: entry.notes,
      enteredBy: member.identifier,
      dateEntered: entry.info.dateEntered,
      _info: { lastUpdated: entry.info.lastUpdated },
    })
    expect(json).not.toHaveProperty('internalNotes')
    const missing = await api('/time/entries/999999')
    expect(missing.status).toBe(404)
    expect(missing.json.code).toBe('RecordNotFound')
  })
})

describe('time entry writes', () => {
  it('creates time on a ticket for the API member, with the hours from start and end less the deduction', async () => {
    const ticket = openTicket()
    const before = JSON.stringify(ticket)
    const result = await post({
      chargeToType: 'ServiceTicket',
      chargeToId: ticket.id,
      timeStart: '2025-09-01T09:00:00Z',
      timeEnd: '2025-09-01T10:30:00Z',
      hoursDeduct: 0.25,
      notes: 'Patched the server.',
      billableOption: 'nocharge',
    })
    expect(result.status, JSON.stringify(result.json)).toBe(201)
    expect(result.json).toMatchObject({
      chargeToId: ticket.id,
      company: { id: ticket.companyId },
      member: { identifier: 'APIMember' },
      actualHours: 1.25,
      billableOption: 'NoCharge',
      enteredBy: 'APIMember',
    })
    expect((await api(`/time/entries/${result.json.id}`)).json).toEqual(result.json)
    expect(JSON.stringify(cw.db.tickets.get(ticket.id))).toBe(before)
  })

  it('takes actualHours for the end, and a member by identifier', async () => {
    const member = [...cw.db.members.values()].find((candidate) => !candidate.inactiveFlag)!
    const result = await post({
      chargeToType: 'ServiceTicket',
      chargeToId: openTicket().id,
      member: { identifier: member.identifier },
      timeStart: '2025-09-02T13:00:00Z',
      actualHours: 2,
    })
    expect(result.status, JSON.stringify(result.json)).toBe(201)
    expect(result.json).toMatchObject({
      member: { id: member.id },
      timeEnd: '2025-09-02T15:00:00Z',
      actualHours: 2,
    })
  })

  it('refuses what the vendor requires, naming each field, and creates nothing', async () => {
    const count = cw.db.timeEntries.size
    expect(fieldErrors(await post({}))).toEqual(['chargeToType:NullOrEmpty', 'timeStart:NullOrEmpty'])
    const ticket = openTicket()
    const base = { chargeToType: 'ServiceTicket', chargeToId: ticket.id, timeStart: '2025-09-03T09:00:00Z' }
    expect(
      fieldErrors(await post({ chargeToType: 'ServiceTicket', timeStart: base.timeStart, actualHours: 1 })),
    ).toEqual(['chargeToId:NullOrEmpty'])
    expect(fieldErrors(await post(base))).toEqual(['timeEnd:NullOrEmpty'])
    expect(fieldErrors(await post({ ...base, timeEnd: '2025-09-03T08:00:00Z' }))).toEqual([
      'timeEnd:InvalidArgument',
    ])
    expect(fieldErrors(await post({ ...base, actualHours: 1, billableOption: 'Sometimes' }))).toEqual([
      'billableOption:InvalidArgument',
    ])
    expect(fieldErrors(await post({ ...base, actualHours: 1, chargeToId: 999999 }))).toEqual([
      'chargeToId:InvalidArgument',
    ])
    expect(fieldErrors(await post({ ...base, actualHours: 1, chargeToType: 'ProjectTicket' }))).toEqual([
      'chargeToType:InvalidArgument',
    ])
    const inactive = [...cw.db.members.values()].find((member) => member.inactiveFlag)!
    expect(fieldErrors(await post({ ...base, actualHours: 1, member: { id: inactive.id } }))).toEqual([
      'member:InvalidArgument',
    ])
    const invalid = await post({ ...base, actualHours: -1 })
    expect(invalid.status).toBe(400)
    expect(invalid.json).toMatchObject({
      code: 'InvalidObject',
      errors: [{ code: 'InvalidArgument', resource: 'timeEntry', field: 'actualHours' }],
    })
    expect(cw.db.timeEntries.size).toBe(count)
  })

  it('refuses new time on a ticket whose status allows none', async () => {
    const closed = tickets().find((ticket) => statusOf(ticket)?.timeEntryNotAllowed)!
    const result = await post({
      chargeToType: 'ServiceTicket',
      chargeToId: closed.id,
      timeStart: '2025-09-03T09:00:00Z',
      actualHours: 1,
    })
    expect(fieldErrors(result)).toEqual(['chargeToId:InvalidArgument'])
    expect(result.json.errors[0].message).toContain(statusOf(closed)!.name)
  })

  it('patches with a JSON Patch array, announces the change, and deletes', async () => {
    const entry = entries().find(
      (candidate) => statusOf(cw.db.tickets.get(candidate.ticketId)!)?.timeEntryNotAllowed,
    )!
    const announced: string[] = []
    const stop = cw.db.changes.listen((change) => announced.push(`${change.resource}:${change.action}`))
    try {
      const patched = await api(`/time/entries/${entry.id}`, {
        method: 'PATCH',
        body: [
          { op: 'replace', path: 'actualHours', value: 0.5 },
          { op: 'replace', path: 'notes', value: 'Corrected.' },
        ],
      })
      expect(patched.status, JSON.stringify(patched.json)).toBe(200)
      expect(patched.json).toMatchObject({
        actualHours: 0.5,
        notes: 'Corrected.',
        timeStart: entry.timeStart,
        _info: { updatedBy: 'APIMember' },
      })
      expect(Date.parse(patched.json.timeEnd) - Date.parse(entry.timeStart)).toBe(30 * 60_000)
      const readOnly = await api(`/time/entries/${entry.id}`, {
        method: 'PATCH',
        body: [{ op: 'replace', path: 'chargeToId', value: 1 }],
      })
      expect(readOnly.status).toBe(400)
      expect((await api(`/time/entries/${entry.id}`, { method: 'DELETE' })).status).toBe(204)
      expect((await api(`/time/entries/${entry.id}`)).status).toBe(404)
      expect((await api(`/time/entries/${entry.id}`, { method: 'DELETE' })).status).toBe(404)
    } finally {
      stop()
    }
    expect(announced).toEqual(['timeEntry:updated', 'timeEntry:deleted'])
  })

  it('goes with its ticket when the ticket is deleted', async () => {
    const entry = entries()[1]!
    expect((await api(`/service/tickets/${entry.ticketId}`, { method: 'DELETE' })).status).toBe(204)
    expect(await listIds('/time/entries', q(`chargeToId=${entry.ticketId}`))).toEqual([])
  })
})
