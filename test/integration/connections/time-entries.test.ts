import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agent } from '../../../src/canonical/agent.js'
import { TIME_ENTRY_FILTERS, type FilterName } from '../../../src/canonical/list-query.js'
import type { Ticket } from '../../../src/canonical/ticket.js'
import type { TimeEntry } from '../../../src/canonical/time-entry.js'
import { json } from '../../helpers/gateway.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../../helpers/vendors.js'
import { walkList } from '../../helpers/walk.js'

type Capabilities = { operations: Record<string, string[]>; filters: Record<string, string[]> }

const idsOf = (records: Array<{ id: string }>) => records.map((record) => record.id).sort()

/** The instant halfway between the earliest and the latest of `values`, to the second (ISO 8601). */
function middleOf(values: string[]): string {
  const times = values.map(Date.parse).sort((a, b) => a - b)
  const middle = times[0]! + Math.floor((times.at(-1)! - times[0]!) / 2 / 1000) * 1000
  return new Date(middle).toISOString()
}

describe.each(VENDOR_FIXTURES)('$vendor connection: time entries', (fixture) => {
  let vendor: VendorUnderTest
  let capabilities: Capabilities
  let all: TimeEntry[]
  let agents: Agent[]

  beforeAll(async () => {
    vendor = await fixture.start()
    capabilities = json<{ capabilities: Capabilities }>(await vendor.app.inject(vendor.base)).capabilities
    all = (await walkList<TimeEntry>(vendor.app, `${vendor.base}/time-entries`, { pageSize: '1000' })).records
    agents = (await walkList<Agent>(vendor.app, `${vendor.base}/agents`, { pageSize: '1000' })).records
  })
  afterAll(() => vendor.close())

  const send = (path: string, payload: unknown, headers: Record<string, string> = {}) =>
    vendor.app.inject({ method: 'POST', url: `${vendor.base}${path}`, payload: payload as string, headers })
  const walk = async (path: string, query: Record<string, string> = {}) =>
    (await walkList<TimeEntry>(vendor.app, `${vendor.base}${path}`, query)).records

  it('lists and creates them', () => {
    expect(capabilities.operations['time-entries']).toEqual(['list', 'create'])
  })

  it("walks a ticket's time entries exactly once at any page size, each as the vendor holds it", async () => {
    const { ticketWithTimeEntries } = vendor.sample()
    const path = `/tickets/${ticketWithTimeEntries}/time-entries`
    const whole = await walk(path, { pageSize: '100' })
    expect(whole).toHaveLength(vendor.counts().timeEntries(ticketWithTimeEntries))
    expect(idsOf(await walk(path, { pageSize: '1' }))).toEqual(idsOf(whole))
    const agentIds = new Set(agents.map((agent) => agent.id))
    for (const entry of whole) {
      expect(entry.ticketId).toBe(ticketWithTimeEntries)
      expect(entry.agent === null || agentIds.has(entry.agent.id), JSON.stringify(entry)).toBe(true)
      if (entry.endedAt !== null) {
        expect(Date.parse(entry.endedAt)).toBeGreaterThanOrEqual(Date.parse(entry.startedAt))
      }
    }
    expect(whole.filter((entry) => entry.minutes > 0).length).toBeGreaterThan(0)
  })

  it("walks every ticket's time entries exactly once, the ticket's own among them alike", async () => {
    expect(all).toHaveLength(vendor.counts().timeEntries())
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length)
    const { ticketWithTimeEntries } = vendor.sample()
    const own = await walk(`/tickets/${ticketWithTimeEntries}/time-entries`, { pageSize: '100' })
    const byId = new Map(all.map((entry) => [entry.id, entry]))
    for (const entry of own) expect(byId.get(entry.id)).toEqual(entry)
  })

  it('applies each filter it declares as the canonical meaning says, and refuses the others by name', async () => {
    const declared = capabilities.filters['time-entries'] ?? []
    const instants = (field: 'startedAt' | 'createdAt' | 'updatedAt') =>
      all.map((entry) => entry[field]).filter((value): value is string => value !== null)
    const expected: Record<FilterName, (value: string) => TimeEntry[]> = {} as never
    expected.agentId = (id) => all.filter((entry) => entry.agent?.id === id)
    expected.startedSince = (since) => all.filter((entry) => Date.parse(entry.startedAt) > Date.parse(since))
    expected.createdSince = (since) =>
      all.filter((entry) => entry.createdAt !== null && Date.parse(entry.createdAt) > Date.parse(since))
    expected.updatedSince = (since) =>
      all.filter((entry) => entry.updatedAt !== null && Date.parse(entry.updatedAt) > Date.parse(since))
    const values: Partial<Record<FilterName, () => Promise<string>>> = {
      agentId: async () => all.find((entry) => entry.agent !== null)!.agent!.id,
      startedSince: async () => middleOf(instants('startedAt')),
      createdSince: async () => middleOf(instants('createdAt')),
      updatedSince: async () => middleOf(instants('updatedAt')),
    }
    for (const name of TIME_ENTRY_FILTERS) {
      if (!declared.includes(name)) {
        // A value the query schema takes, so that the refusal is the filter's, not the value's.
        const value = name.endsWith('Since') ? '2000-01-01T00:00:00.000Z' : '1'
        const response = await vendor.app.inject(`${vendor.base}/time-entries?${name}=${value}`)
        expect([response.statusCode, json(response).code, json(response).detail], name).toEqual([
          400,
          'unsupported_filter',
          expect.stringContaining(name),
        ])
        continue
      }
      if (name === 'customerId') {
        const { customerId } = vendor.sample()
        const listed = await walk('/time-entries', { customerId, pageSize: '100' })
        const tickets = new Map<string, Ticket>()
        for (const entry of listed) {
          const ticket =
            tickets.get(entry.ticketId) ??
            json<Ticket>(await vendor.app.inject(`${vendor.base}/tickets/${entry.ticketId}`))
          tickets.set(entry.ticketId, ticket)
          expect(ticket.customer?.id, entry.id).toBe(customerId)
        }
        continue
      }
      const value = await values[name]!()
      const matching = expected[name](value)
      expect(matching.length, `${name}=${value} narrows nothing`).toBeLessThan(all.length)
      expect(idsOf(await walk('/time-entries', { [name]: value, pageSize: '7' })), name).toEqual(
        idsOf(matching),
      )
    }
  })

  it('records time on a ticket, reads it back, and a keyed repeat records nothing more', async () => {
    const { ticketId, agentId } = vendor.sample()
    const path = `/tickets/${ticketId}/time-entries`
    const body = {
      startedAt: '2027-04-01T09:00:00.000Z',
      minutes: 45,
      notes: `Suite time on ${vendor.vendor}`,
      agentId,
    }
    const before = vendor.counts().timeEntries(ticketId)
    const created = await send(path, body, { 'idempotency-key': `time-${vendor.vendor}` })
    expect(created.statusCode, created.body).toBe(201)
    const entry = json<TimeEntry>(created)
    expect(entry).toMatchObject({
      ticketId,
      agent: { id: agentId },
      startedAt: body.startedAt,
      endedAt: '2027-04-01T09:45:00.000Z',
      minutes: 45,
      notes: body.notes,
    })
    expect(await walk(path, { pageSize: '100' })).toContainEqual(entry)

    const repeat = await send(path, body, { 'idempotency-key': `time-${vendor.vendor}` })
    expect([repeat.statusCode, repeat.headers['idempotent-replayed'], json<TimeEntry>(repeat).id]).toEqual([
      201,
      'true',
      entry.id,
    ])
    expect(vendor.counts().timeEntries(ticketId)).toBe(before + 1)
  })

  it('takes an end instead of minutes', async () => {
    const { ticketId } = vendor.sample()
    const created = await send(`/tickets/${ticketId}/time-entries`, {
      startedAt: '2027-04-02T13:00:00.000Z',
      endedAt: '2027-04-02T14:30:00.000Z',
      notes: 'Ninety minutes',
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(json<TimeEntry>(created)).toMatchObject({
      startedAt: '2027-04-02T13:00:00.000Z',
      endedAt: '2027-04-02T14:30:00.000Z',
      minutes: 90,
    })
  })

  it('refuses a time entry without a length, or with an end that disagrees, and records nothing', async () => {
    const { ticketId } = vendor.sample()
    const snapshot = vendor.snapshot()
    for (const [payload, field] of [
      [{ startedAt: '2027-04-03T09:00:00.000Z', notes: 'No length' }, 'minutes'],
      [
        { startedAt: '2027-04-03T09:00:00.000Z', endedAt: '2027-04-03T10:00:00.000Z', minutes: 30 },
        'minutes',
      ],
      [{ startedAt: '2027-04-03T09:00:00.000Z', endedAt: '2027-04-03T08:00:00.000Z' }, 'endedAt'],
      [{ startedAt: '2027-04-03T09:00:00.000Z', minutes: 0 }, 'minutes'],
      [{ startedAt: '2027-04-03T09:00:00.000Z', minutes: 30, agentId: '../1' }, 'agentId'],
    ] as const) {
      const response = await send(`/tickets/${ticketId}/time-entries`, payload)
      expect([response.statusCode, response.headers['content-type']], JSON.stringify(payload)).toEqual([
        400,
        'application/problem+json; charset=utf-8',
      ])
      expect(JSON.stringify(json(response).errors), JSON.stringify(payload)).toContain(field)
    }
    expect(vendor.snapshot()).toBe(snapshot)
  })
})
