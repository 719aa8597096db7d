import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comment } from '../../src/canonical/comment.js'
import type { FieldMeta } from '../../src/canonical/field-meta.js'
import type { TimeEntry } from '../../src/canonical/time-entry.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'
import { walkList } from '../helpers/walk.js'

// Syncro's ticket timer entries through the gateway, beyond the connection suite: what Syncro cannot take, what it
// defaults, and that an entry is no comment.

let gateway: SyncroGateway
const base = '/v1/connections/syncro-test'

beforeAll(async () => {
  gateway = await startSyncroGateway()
})
afterAll(() => gateway.close())

const db = () => gateway.emulator.db
const post = (url: string, payload: unknown) =>
  gateway.app.inject({ method: 'POST', url, payload: payload as string })
const ticketId = () => [...db().tickets.keys()][0]!
const timerCreates = () => gateway.emulator.stats.byRoute['POST /tickets/:id/timer_entry'] ?? 0

describe('Syncro time entries', () => {
  it('leaves billable out of /meta, and refuses it, or an unknown agent, before any write', async () => {
    const meta = json<{ create: FieldMeta[] }>(await gateway.app.inject(`${base}/meta/time-entries`))
    expect(meta.create.map((field) => field.name)).toEqual([
      'startedAt',
      'endedAt',
      'minutes',
      'notes',
      'agentId',
    ])
    const timers = db().ticketTimers.size
    const start = { startedAt: '2027-04-01T09:00:00.000Z', minutes: 30 }
    for (const [body, field] of [
      [{ ...start, billable: true }, 'billable'],
      [{ ...start, agentId: '999999' }, 'agentId'],
    ] as const) {
      const refused = await post(`${base}/tickets/${ticketId()}/time-entries`, body)
      expect([refused.statusCode, JSON.stringify(json(refused).errors)], field).toEqual([
        400,
        expect.stringContaining(field),
      ])
    }
    expect([db().ticketTimers.size, timerCreates()]).toEqual([timers, 0])
  })

  it("records the API key's user without an agent, not billable, and no comment of its notes", async () => {
    const id = ticketId()
    const comments = db().commentsOf(id).length
    const created = await post(`${base}/tickets/${id}/time-entries`, {
      startedAt: '2027-04-02T09:00:00.000Z',
      minutes: 20,
      notes: 'Timer notes, not a comment',
    })
    expect(created.statusCode, created.body).toBe(201)
    const entry = json<TimeEntry>(created)
    const stored = db().ticketTimers.get(Number(entry.id))!
    expect(entry).toMatchObject({ agent: { id: String(stored.user_id) }, billable: false, minutes: 20 })
    expect(entry.agent!.name).toBeTruthy()
    const listed = await walkList<Comment>(gateway.app, `${base}/tickets/${id}/comments`, { pageSize: '100' })
    expect(listed.records).toHaveLength(comments)
    expect(listed.records.some((comment) => comment.body.includes('Timer notes'))).toBe(false)
  })

  it("filters a ticket's entries by createdSince as the list across tickets does, and 404s an unknown ticket", async () => {
    const id = [...db().tickets.keys()].find((ticket) => db().timersOf(ticket).length >= 2)!
    const timers = db().timersOf(id)
    const since = timers[0]!.created_at
    const expected = timers.filter((timer) => Date.parse(timer.created_at) > Date.parse(since))
    const own = await walkList<TimeEntry>(gateway.app, `${base}/tickets/${id}/time-entries`, {
      createdSince: since,
      pageSize: '1',
    })
    expect(own.records.map((entry) => entry.id)).toEqual(expected.map((timer) => String(timer.id)))
    const across = await walkList<TimeEntry>(gateway.app, `${base}/time-entries`, {
      createdSince: since,
      pageSize: '1000',
    })
    expect(across.records.filter((entry) => entry.ticketId === String(id))).toEqual(own.records)
    const unknown = await gateway.app.inject(`${base}/tickets/99999999/time-entries`)
    expect([unknown.statusCode, json(unknown).code]).toEqual([404, 'not_found'])
  })
})
