import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comment } from '../../src/canonical/comment.js'
import type { TimeEntry } from '../../src/canonical/time-entry.js'
import { json, startHaloGateway, type HaloGateway } from '../helpers/gateway.js'
import { walkList } from '../helpers/walk.js'

// HaloPSA time entries beyond the connection suite: an action with time, and so one of the ticket's comments.

let gateway: HaloGateway
const base = '/v1/connections/halopsa-test'

beforeAll(async () => {
  gateway = await startHaloGateway()
})
afterAll(() => gateway.close())

const ticketId = () => [...gateway.emulator.db.tickets.keys()][5]!
const record = (ticket: number | string, payload: object) =>
  gateway.app.inject({ method: 'POST', url: `${base}/tickets/${ticket}/time-entries`, payload })
const entry = { startedAt: '2027-05-03T08:00:00.000Z', minutes: 20, notes: 'Checked the backups' }

describe('time entries', () => {
  it('are stored as actions with time, hidden from the user and mailing no one', async () => {
    const response = await record(ticketId(), { ...entry, billable: false })
    expect(response.statusCode, response.body).toBe(201)
    const created = json<TimeEntry>(response)
    expect(created).toMatchObject({ minutes: 20, billable: false, notes: entry.notes })
    const stored = gateway.emulator.db.actions.get(Number(created.id))!
    expect(stored).toMatchObject({
      ticket_id: ticketId(),
      note: entry.notes,
      timetaken: 20 / 60,
      nonbilltime: 20 / 60,
      actisbillable: false,
      hiddenfromuser: true,
      sendemail: false,
    })
  })

  it("show among the ticket's comments, internal, as Halo's timeline shows them", async () => {
    const created = json<TimeEntry>(await record(ticketId(), entry))
    const comments = (await walkList<Comment>(gateway.app, `${base}/tickets/${ticketId()}/comments`)).records
    expect(comments.find((comment) => comment.id === created.id)).toMatchObject({
      body: entry.notes,
      visibility: 'internal',
    })
  })

  it('need notes (Halo refuses an action without one), refused before any call', async () => {
    const before = gateway.emulator.db.actions.size
    const response = await record(ticketId(), { startedAt: entry.startedAt, minutes: 20 })
    expect([response.statusCode, JSON.stringify(json(response).errors)]).toEqual([
      400,
      expect.stringContaining('notes'),
    ])
    expect(gateway.emulator.db.actions.size).toBe(before)
  })

  it("answer 404 on a ticket Halo does not have, and Halo's 422 on agentId for an agent it does not have", async () => {
    const missing = await record(999_999, entry)
    expect([missing.statusCode, json(missing).code]).toEqual([404, 'not_found'])
    const stranger = await record(ticketId(), { ...entry, agentId: '999999' })
    expect([stranger.statusCode, JSON.stringify(json(stranger).errors)]).toEqual([
      422,
      expect.stringContaining('agentId'),
    ])
  })
})
