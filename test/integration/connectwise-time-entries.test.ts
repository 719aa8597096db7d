import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agent } from '../../src/canonical/agent.js'
import type { Comment } from '../../src/canonical/comment.js'
import type { TimeEntry } from '../../src/canonical/time-entry.js'
import { json, startConnectWiseGateway, type ConnectWiseGateway } from '../helpers/gateway.js'
import { walkList } from '../helpers/walk.js'

// ConnectWise's time entries through the gateway, against the emulator: what the adapter asks and what it makes
// of ConnectWise's refusals (the connection suite holds them to the canonical behaviour).

let gateway: ConnectWiseGateway
const base = '/v1/connections/connectwise-test'

beforeAll(async () => {
  gateway = await startConnectWiseGateway()
})
afterAll(() => gateway.close())

const db = () => gateway.emulator.db
const post = (path: string, payload: unknown) =>
  gateway.app.inject({ method: 'POST', url: `${base}${path}`, payload: payload as string })
const ticketTakingTime = (takes: boolean) =>
  [...db().tickets.values()].find(
    (ticket) => (db().statuses.get(ticket.statusId)?.timeEntryNotAllowed === true) !== takes,
  )!

/** The `conditions` of the time entry lists the emulator accepted since the last reset. */
const conditionsSent = () =>
  gateway.emulator.stats.accepted
    .filter((request) => request.method === 'GET' && request.path === '/time/entries')
    .map((request) => new URLSearchParams(request.query ?? '').get('conditions'))

describe('ConnectWise time entries', () => {
  it("asks /time/entries for time charged to service tickets, the ticket's by chargeToId", async () => {
    const ticketId = [...db().timeEntries.values()][0]!.ticketId
    gateway.emulator.resetStats()
    const ticket = await gateway.app.inject(`${base}/tickets/${ticketId}/time-entries?agentId=3`)
    const across = await gateway.app.inject(`${base}/time-entries?startedSince=2025-01-01T00:00:00Z`)
    expect([ticket.statusCode, across.statusCode]).toEqual([200, 200])
    expect(conditionsSent()).toEqual([
      `chargeToType = "ServiceTicket" and chargeToId = ${ticketId} and member/id = 3`,
      'chargeToType = "ServiceTicket" and timeStart > [2025-01-01T00:00:00Z]',
    ])
  })

  it('names each agent as /agents does', async () => {
    const agents = (await walkList<Agent>(gateway.app, `${base}/agents`, { pageSize: '1000' })).records
    const names = new Map(agents.map((agent) => [agent.id, agent.name]))
    const entries = (await walkList<TimeEntry>(gateway.app, `${base}/time-entries`, { pageSize: '1000' }))
      .records
    for (const entry of entries) expect(entry.agent?.name).toBe(names.get(entry.agent!.id))
  })

  it('answers 404 for time on a ticket ConnectWise does not have, and records nothing', async () => {
    const count = db().timeEntries.size
    const missing = await post('/tickets/999999/time-entries', {
      startedAt: '2027-05-01T09:00:00.000Z',
      minutes: 30,
    })
    expect([missing.statusCode, json(missing).code]).toEqual([404, 'not_found'])
    expect(db().timeEntries.size).toBe(count)
  })

  it("passes on ConnectWise's refusal of time on a ticket whose status takes none, naming ticketId", async () => {
    const closed = ticketTakingTime(false)
    const refused = await post(`/tickets/${closed.id}/time-entries`, {
      startedAt: '2027-05-01T09:00:00.000Z',
      minutes: 30,
    })
    expect([refused.statusCode, json(refused).code]).toEqual([422, 'validation_failed'])
    expect(json<{ errors: Array<{ field: string }> }>(refused).errors.map((error) => error.field)).toEqual([
      'ticketId',
    ])
  })

  it("records billing as asked, and the entry's notes stay out of the ticket's comments", async () => {
    const ticket = ticketTakingTime(true)
    const notes = 'Time notes are no comment'
    const created = await post(`/tickets/${ticket.id}/time-entries`, {
      startedAt: '2027-05-02T09:00:00.000Z',
      minutes: 20,
      notes,
      billable: false,
    })
    expect(created.statusCode, created.body).toBe(201)
    const entry = json<TimeEntry>(created)
    expect(entry).toMatchObject({ billable: false, minutes: 20, notes })
    expect(db().timeEntries.get(Number(entry.id))?.billableOption).toBe('DoNotBill')
    const comments = (
      await walkList<Comment>(gateway.app, `${base}/tickets/${ticket.id}/comments`, { pageSize: '100' })
    ).records
    expect(comments.map((comment) => comment.body)).not.toContain(notes)
  })
})
