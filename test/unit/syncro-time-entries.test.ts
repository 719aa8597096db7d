import { describe, expect, it } from 'vitest'
import type { VendorApi } from '../../adapters/kit/resource.js'
import type { SyncroListQuery } from '../../adapters/syncro/api.js'
import { timerQuery } from '../../adapters/syncro/query.js'
import { syncroTimeEntries } from '../../adapters/syncro/time-entries.js'
import { agentNamesOf } from '../../src/mapping/agents.js'
import {
  syncroTimerEntryBody,
  ticketTimersMatching,
  timeEntryFromSyncro,
} from '../../adapters/syncro/time-entries-map.js'
import type { SyncroTicketTimer } from '../../adapters/syncro/types.js'
import type { CallContext } from '../../adapters/types.js'

const names = agentNamesOf([{ id: '1', name: 'Bat Man', email: null, active: true }])

// The spec's POST /tickets/{id}/timer_entry answer.
const created: SyncroTicketTimer = {
  id: 1,
  ticket_id: 15,
  user_id: 1,
  start_time: '2019-11-05T12:15:59.000Z',
  end_time: '2019-11-05T12:25:59.000Z',
  created_at: '2019-11-05T12:15:59.365Z',
  updated_at: '2019-11-05T12:15:59.365Z',
  billable: false,
  notes: 'API Timer',
  active_duration: 600,
}

describe('timeEntryFromSyncro', () => {
  it('maps the spec example: the recorded seconds as minutes, the user named from the agents', () => {
    expect(timeEntryFromSyncro(created, names)).toEqual({
      id: '1',
      ticketId: '15',
      agent: { id: '1', name: 'Bat Man' },
      startedAt: '2019-11-05T12:15:59.000Z',
      endedAt: '2019-11-05T12:25:59.000Z',
      minutes: 10,
      notes: 'API Timer',
      billable: false,
      createdAt: '2019-11-05T12:15:59.365Z',
      updatedAt: '2019-11-05T12:15:59.365Z',
      remote: created,
    })
  })

  it.each([
    ['a paused timer: active_duration, not the span', { active_duration: 300 }, 5],
    ['rounded to the nearest minute, down', { active_duration: 89 }, 1],
    ['rounded to the nearest minute, up', { active_duration: 90 }, 2],
    ['no active_duration (the spec GET example): the span', { active_duration: null }, 10],
    ['still running, no active_duration: none', { active_duration: null, end_time: null }, 0],
    ['billable_time is billing, not time', { billable_time: 120 } as Partial<SyncroTicketTimer>, 10],
  ])('minutes: %s', (_case, fields, minutes) => {
    expect(timeEntryFromSyncro({ ...created, ...fields }, names).minutes).toBe(minutes)
  })

  it('keeps an unknown user with no name, no user as no agent, and blank notes as null', () => {
    const entry = (fields: Partial<SyncroTicketTimer>) =>
      timeEntryFromSyncro({ ...created, ...fields }, names)
    expect(entry({ user_id: 9 }).agent).toEqual({ id: '9', name: null })
    expect(entry({ user_id: null }).agent).toBeNull()
    expect(entry({ notes: '  ' }).notes).toBeNull()
    expect(entry({ billable: true }).billable).toBe(true)
    expect(entry({ billable: null }).billable).toBe(false)
  })

  it('writes offset timestamps in UTC and leaves an end that is not there null', () => {
    const entry = timeEntryFromSyncro(
      { ...created, start_time: '2019-11-05T07:15:59.000-05:00', end_time: null, created_at: null },
      names,
    )
    expect([entry.startedAt, entry.endedAt, entry.createdAt]).toEqual([
      '2019-11-05T12:15:59.000Z',
      null,
      null,
    ])
  })
})

describe("a ticket's entries, held whole", () => {
  const at = (id: number, createdAt: string) => ({ ...created, id, created_at: createdAt })
  const timers = [
    at(3, '2024-01-03T00:00:00.000Z'),
    at(1, '2024-01-01T00:00:00.000Z'),
    at(2, '2024-01-02T00:00:00.000Z'),
  ]

  it('are id ascending, and createdSince keeps those created after it, as created_at_gt does', () => {
    expect(ticketTimersMatching(timers, {}).map((timer) => timer.id)).toEqual([1, 2, 3])
    const since = { createdSince: '2024-01-02T00:00:00.000Z' }
    expect(ticketTimersMatching(timers, since).map((timer) => timer.id)).toEqual([3])
    expect(timerQuery(since)).toEqual({ created_at_gt: since.createdSince })
  })

  it('are read with the ticket and paged by offset', async () => {
    const reads: string[] = []
    const api = {
      read: async (target: { path: string }) => {
        reads.push(target.path)
        return { id: 15, ticket_timers: timers }
      },
    } as unknown as VendorApi<SyncroListQuery>
    const declaration = syncroTimeEntries({ api, agents: async () => [] })
    const ctx = {} as CallContext
    const first = await declaration.custom!.list!('15', { pageSize: 2, position: null, filters: {} }, ctx)
    const second = await declaration.custom!.list!('15', { pageSize: 2, position: 2, filters: {} }, ctx)
    expect([first.data.map((entry) => entry.id), first.nextPosition]).toEqual([['1', '2'], 2])
    expect([second.data.map((entry) => entry.id), second.nextPosition]).toEqual([['3'], null])
    expect(reads).toEqual(['/tickets/15', '/tickets/15'])
  })
})

describe('syncroTimerEntryBody', () => {
  const span = { startedAt: '2027-04-01T09:00:00.000Z', endedAt: '2027-04-01T09:45:00.000Z', minutes: 45 }

  it('sends start and end, the user as a number, the notes, and no billable flag', () => {
    expect(
      syncroTimerEntryBody(
        { startedAt: span.startedAt, minutes: 45, notes: 'n', billable: true, agentId: '3' },
        span,
      ),
    ).toEqual({ start_at: span.startedAt, end_at: span.endedAt, user_id: 3, notes: 'n' })
  })

  it("leaves the user out without an agent (Syncro's default: the API key's user)", () => {
    expect(syncroTimerEntryBody({ startedAt: span.startedAt, minutes: 45 }, span)).toEqual({
      start_at: span.startedAt,
      end_at: span.endedAt,
    })
  })
})

describe('a create', () => {
  it('refuses an agent Syncro does not have before any call, naming agentId', async () => {
    const declaration = syncroTimeEntries({
      api: {} as VendorApi<SyncroListQuery>,
      agents: async () => [{ id: '1', name: 'Bat Man', email: null, active: true }],
    })
    const create = async (agentId: string) =>
      declaration.createBody!(
        { startedAt: '2027-04-01T09:00:00.000Z', minutes: 45, agentId },
        {} as CallContext,
        '15',
      )
    await expect(create('2')).rejects.toMatchObject({
      status: 400,
      extras: { errors: [{ field: 'agentId' }] },
    })
    await expect(create('1')).resolves.toMatchObject({ user_id: 1 })
  })
})
