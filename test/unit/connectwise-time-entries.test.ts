import { describe, expect, it } from 'vitest'
import { timeEntryConditions } from '../../adapters/connectwise/query.js'
import {
  timeEntryBody,
  timeEntryFromConnectWise,
  timeEntryFieldNames,
} from '../../adapters/connectwise/time-entries-map.js'
import type { CwTimeEntry } from '../../adapters/connectwise/types.js'
import type { Agent } from '../../src/canonical/agent.js'
import { GatewayError } from '../../src/errors.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'

// A TimeEntry as REST API 3.0 answers it (fields of sowderca/connectwise-ruby-sdk models/time_entry.rb).
const entry: CwTimeEntry = {
  id: 5120,
  company: { id: 19, identifier: 'Acme', name: 'Acme Ltd' },
  chargeToId: 1207,
  chargeToType: 'ServiceTicket',
  member: { id: 3, identifier: 'DReyes', name: 'D. Reyes' },
  timeStart: '2025-03-14T09:00:00Z',
  timeEnd: '2025-03-14T10:00:00Z',
  hoursDeduct: 0.25,
  actualHours: 0.75,
  billableOption: 'Billable',
  notes: 'Replaced the toner cartridge.',
  dateEntered: '2025-03-14T10:01:10Z',
  _info: { lastUpdated: '2025-03-14T11:30:00Z', dateEntered: '2025-03-14T10:01:10Z' },
}

const agents = new Map<string, Agent>([['3', { id: '3', name: 'Dana Reyes', email: null, active: true }]])

describe('a ConnectWise time entry as canonical', () => {
  it('maps the ticket, agent, span, hours worked, notes, billing and dates', () => {
    expect(timeEntryFromConnectWise(entry, agents)).toEqual({
      id: '5120',
      ticketId: '1207',
      agent: { id: '3', name: 'Dana Reyes' },
      startedAt: '2025-03-14T09:00:00.000Z',
      endedAt: '2025-03-14T10:00:00.000Z',
      minutes: 45,
      notes: 'Replaced the toner cartridge.',
      billable: true,
      createdAt: '2025-03-14T10:01:10.000Z',
      updatedAt: '2025-03-14T11:30:00.000Z',
      remote: entry,
    })
  })

  it('rounds the hours worked to whole minutes', () => {
    const minutes = (actualHours: number) =>
      timeEntryFromConnectWise({ ...entry, actualHours }, agents).minutes
    expect([minutes(0.33), minutes(1.25), minutes(0.01), minutes(0)]).toEqual([20, 75, 1, 0])
  })

  it('bills only the Billable option', () => {
    const billable = (billableOption?: string) =>
      timeEntryFromConnectWise({ ...entry, billableOption }, agents).billable
    expect([
      billable('Billable'),
      billable('DoNotBill'),
      billable('NoCharge'),
      billable('NoDefault'),
    ]).toEqual([true, false, false, false])
    expect(billable(undefined)).toBe(false)
  })

  it("names a member the agents list lacks by the entry's own reference, and none without a member", () => {
    const other = { ...entry, member: { id: 44, identifier: 'former' } }
    expect(timeEntryFromConnectWise(other, agents).agent).toEqual({ id: '44', name: 'former' })
    const { member: _member, ...unassigned } = entry
    expect(timeEntryFromConnectWise(unassigned, agents).agent).toBeNull()
  })

  it('keeps internalNotes out of the notes, and reads absent notes and dates as null', () => {
    const sparse = { ...entry, notes: '  ', timeEnd: undefined, dateEntered: undefined, _info: undefined }
    const mapped = timeEntryFromConnectWise(
      { ...sparse, internalNotes: 'Internal only' } as CwTimeEntry,
      agents,
    )
    expect(mapped).toMatchObject({ notes: null, endedAt: null, createdAt: null, updatedAt: null })
  })
})

describe('a canonical time entry create for ConnectWise', () => {
  const create = { startedAt: '2025-03-14T09:00:00.000Z', minutes: 45 }

  it('charges the ticket with start and end to the second, and leaves the rest to the vendor', () => {
    expect(timeEntryBody(1207, create, timeSpanOf(create))).toEqual({
      chargeToType: 'ServiceTicket',
      chargeToId: 1207,
      timeStart: '2025-03-14T09:00:00Z',
      timeEnd: '2025-03-14T09:45:00Z',
    })
  })

  it('sends notes, the member and the billing option it was given', () => {
    const body = { ...create, notes: 'Called the user.', agentId: '3' }
    const billed = (billable: boolean) =>
      timeEntryBody(1207, { ...body, billable }, timeSpanOf(create)).billableOption
    expect(timeEntryBody(1207, body, timeSpanOf(create))).toMatchObject({
      notes: 'Called the user.',
      member: { id: 3 },
    })
    expect([billed(true), billed(false)]).toEqual(['Billable', 'DoNotBill'])
  })

  it('refuses an agent id that is no ConnectWise id, naming agentId', () => {
    const bad = () => timeEntryBody(1207, { ...create, agentId: 'x1' }, timeSpanOf(create))
    expect(bad).toThrow(GatewayError)
    expect(bad).toThrow(/agentId/)
  })

  it("names ConnectWise's refused fields canonically", () => {
    expect(timeEntryFieldNames).toMatchObject({
      chargeToId: 'ticketId',
      timeStart: 'startedAt',
      timeEnd: 'endedAt',
      member: 'agentId',
      billableOption: 'billable',
    })
  })
})

describe('time entry conditions', () => {
  it("keeps to service tickets, and to one ticket for a ticket's list", () => {
    expect(timeEntryConditions({}, undefined)).toBe('chargeToType = "ServiceTicket"')
    expect(timeEntryConditions({}, 1207)).toBe('chargeToType = "ServiceTicket" and chargeToId = 1207')
  })

  it('writes each filter as one comparison', () => {
    expect(
      timeEntryConditions(
        {
          agentId: '3',
          customerId: '19',
          updatedSince: '2025-01-01T00:00:00.500Z',
          createdSince: '2025-02-01T00:00:00Z',
          startedSince: '2025-03-01T08:00:00Z',
        },
        undefined,
      ),
    ).toBe(
      'chargeToType = "ServiceTicket" and member/id = 3 and company/id = 19 and lastUpdated > [2025-01-01T00:00:00Z] and dateEntered > [2025-02-01T00:00:00Z] and timeStart > [2025-03-01T08:00:00Z]',
    )
  })

  it('refuses ids that are not digits before any call', () => {
    expect(() => timeEntryConditions({ agentId: '3 or id > 0' }, undefined)).toThrow(/agentId/)
    expect(() => timeEntryConditions({ customerId: 'acme' }, undefined)).toThrow(/customerId/)
  })
})
