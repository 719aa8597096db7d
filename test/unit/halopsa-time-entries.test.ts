import { describe, expect, it } from 'vitest'
import {
  haloTimeEntryBody,
  timeEntryFromHalo,
  timeEntryMatches,
} from '../../adapters/halopsa/time-entries-map.js'
import type { HaloAction } from '../../adapters/halopsa/types.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'

const agents = [{ id: 4, name: 'Dana Reyes' }]

const timed: HaloAction = {
  id: 812,
  ticket_id: 30,
  note: 'Replaced the switch.',
  who_agentid: 4,
  datetime: '2025-10-30T10:30:00',
  actiondatecreated: '2025-10-30T10:31:05.25',
  last_updated: '2025-10-31T08:00:00',
  timetaken: 1.5,
  nonbilltime: 0,
  actisbillable: true,
  actionarrivaldate: '2025-10-30T09:00:00',
  actioncompletiondate: '2025-10-30T10:30:00',
}

describe('an action with time as a time entry', () => {
  it('takes its start, end, hours, notes, agent and dates, read as UTC', () => {
    expect(timeEntryFromHalo(timed, agents)).toEqual({
      id: '812',
      ticketId: '30',
      agent: { id: '4', name: 'Dana Reyes' },
      startedAt: '2025-10-30T09:00:00.000Z',
      endedAt: '2025-10-30T10:30:00.000Z',
      minutes: 90,
      notes: 'Replaced the switch.',
      billable: true,
      createdAt: '2025-10-30T10:31:05.250Z',
      updatedAt: '2025-10-31T08:00:00.000Z',
      remote: timed,
    })
  })

  it('rounds the hours to whole minutes', () => {
    expect(timeEntryFromHalo({ ...timed, timetaken: 0.12 }).minutes).toBe(7)
    expect(timeEntryFromHalo({ ...timed, timetaken: 0.016 }).minutes).toBe(1)
  })

  it('without start and end dates, ends the work at the action and starts it the hours before', () => {
    const entry = timeEntryFromHalo({ ...timed, actionarrivaldate: null, actioncompletiondate: null })
    expect([entry.startedAt, entry.endedAt]).toEqual(['2025-10-30T09:00:00.000Z', '2025-10-30T10:30:00.000Z'])
    const started = timeEntryFromHalo({ ...timed, actioncompletiondate: null, timetaken: 0.5 })
    expect([started.startedAt, started.endedAt]).toEqual([
      '2025-10-30T09:00:00.000Z',
      '2025-10-30T09:30:00.000Z',
    ])
  })

  it('is billable unless Halo flags it not, or leaves none of its hours billable', () => {
    expect(timeEntryFromHalo({ ...timed, actisbillable: false }).billable).toBe(false)
    expect(timeEntryFromHalo({ ...timed, nonbilltime: 1.5 }).billable).toBe(false)
    expect(timeEntryFromHalo({ ...timed, nonbilltime: 0.5 }).billable).toBe(true)
    expect(timeEntryFromHalo({ ...timed, actisbillable: undefined, nonbilltime: undefined }).billable).toBe(
      true,
    )
  })

  it('names no agent where the action has none, and an unknown agent by id alone', () => {
    expect(timeEntryFromHalo({ ...timed, who_agentid: null }).agent).toBeNull()
    expect(timeEntryFromHalo(timed, []).agent).toEqual({ id: '4', name: null })
  })
})

describe('the filters the adapter applies to the whole answer', () => {
  it('keeps the agent’s time, and time created, updated or started strictly after the instant', () => {
    const matches = (filters: Parameters<typeof timeEntryMatches>[0]) => timeEntryMatches(filters)(timed)
    expect(matches({})).toBe(true)
    expect(matches({ agentId: '4' })).toBe(true)
    expect(matches({ agentId: '5' })).toBe(false)
    expect(matches({ createdSince: '2025-10-30T10:31:05.249Z' })).toBe(true)
    expect(matches({ createdSince: '2025-10-30T10:31:05.250Z' })).toBe(false)
    expect(matches({ updatedSince: '2025-10-31T07:59:59Z' })).toBe(true)
    expect(matches({ updatedSince: '2025-10-31T08:00:00Z' })).toBe(false)
    expect(matches({ startedSince: '2025-10-30T08:59:59Z' })).toBe(true)
    expect(matches({ startedSince: '2025-10-30T09:00:00Z' })).toBe(false)
    expect(timeEntryMatches({ agentId: '4' })({ ...timed, who_agentid: null })).toBe(false)
    expect(() => timeEntryMatches({ agentId: 'abc' })).toThrow(/must be a halopsa id/)
    expect(timeEntryMatches({ updatedSince: '2020-01-01T00:00:00Z' })({ ...timed, last_updated: null })).toBe(
      false,
    )
  })
})

describe('a time entry create', () => {
  const create = { startedAt: '2027-04-01T09:00:00.000Z', minutes: 45, notes: 'Toner' }

  it('sends hours, start and end in Halo’s form, dated at the end, internal and mailing no one', () => {
    expect(haloTimeEntryBody(30, { ...create, agentId: '4' }, timeSpanOf(create))).toEqual({
      ticket_id: 30,
      note: 'Toner',
      who_agentid: 4,
      timetaken: 0.75,
      actionarrivaldate: '2027-04-01T09:00:00.000',
      actioncompletiondate: '2027-04-01T09:45:00.000',
      datetime: '2027-04-01T09:45:00.000',
      hiddenfromuser: true,
      sendemail: false,
    })
  })

  it('sets billable as both the flag and the non-billable hours, and leaves Halo’s default when absent', () => {
    const span = timeSpanOf(create)
    expect(haloTimeEntryBody(30, { ...create, billable: false }, span)).toMatchObject({
      actisbillable: false,
      nonbilltime: 0.75,
    })
    expect(haloTimeEntryBody(30, { ...create, billable: true }, span)).toMatchObject({
      actisbillable: true,
      nonbilltime: 0,
    })
    expect(haloTimeEntryBody(30, create, span)).not.toHaveProperty('actisbillable')
    expect(haloTimeEntryBody(30, create, span)).not.toHaveProperty('nonbilltime')
  })

  it('reads back as the minutes it sent, at every length', () => {
    for (let minutes = 1; minutes <= 1440; minutes++) {
      const body = { ...create, minutes }
      const sent = haloTimeEntryBody(30, body, timeSpanOf(body))
      expect(timeEntryFromHalo({ ...timed, timetaken: sent.timetaken as number }).minutes).toBe(minutes)
      // Halo may keep its hours to two decimals.
      const kept = Math.round((sent.timetaken as number) * 100) / 100
      expect(timeEntryFromHalo({ ...timed, timetaken: kept }).minutes).toBe(minutes)
    }
  })
})
