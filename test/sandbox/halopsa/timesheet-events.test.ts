import { describe, expect, it } from 'vitest'
import type { ActionRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, useHaloEmulator } from './helpers.js'

// GET /TimesheetEvent and /TimesheetEvent/{id}: the time on actions as the spec's `TimesheetEvent`, read-only.

useHaloEmulator()

const timed = () => [...halo.db.actions.values()].filter((action) => action.timetaken > 0)
const ids = (events: { id: number }[]) => events.map((event) => event.id).sort((a, b) => a - b)
const idsOf = (actions: ActionRecord[]) => actions.map((action) => action.id).sort((a, b) => a - b)

describe('timesheet events', () => {
  it("answers a bare array of one agent's time in a range, overlapping it", async () => {
    const agent = (timed()[0] as ActionRecord).who_agentid as number
    const { status, json } = await api(
      `/TimesheetEvent?agent_id=${agent}&start_date=2025-09-01&end_date=2025-10-01`,
    )
    expect(status).toBe(200)
    expect(Array.isArray(json)).toBe(true)
    const expected = timed().filter(
      (action) =>
        action.who_agentid === agent &&
        action.actioncompletiondate! > '2025-09-01' &&
        action.actionarrivaldate! < '2025-10-01',
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(json)).toEqual(idsOf(expected))
    const starts = json.map((event: { start_date: string }) => event.start_date)
    expect(starts).toEqual([...starts].sort())
  })

  it('takes several agents as a comma list, and refuses a utcoffset it does not emulate', async () => {
    const { json } = await api('/TimesheetEvent?agents=2,3&start_date=2025-10-01')
    expect(ids(json)).toEqual(
      idsOf(
        timed().filter(
          (action) => [2, 3].includes(action.who_agentid!) && action.actioncompletiondate! > '2025-10-01',
        ),
      ),
    )
    expect((await api('/TimesheetEvent?utcoffset=0&agent_id=2')).status).toBe(200)
    expect((await api('/TimesheetEvent?utcoffset=-5')).status).toBe(400)
    expect((await api('/TimesheetEvent?utcoffset=x')).status).toBe(400)
  })

  it('gets one event by its action, with the ticket and customer; an action without time is no event', async () => {
    const action = timed()[0] as ActionRecord
    const ticket = halo.db.tickets.get(action.ticket_id)!
    const { json } = await api(`/TimesheetEvent/${action.id}`)
    expect(json).toMatchObject({
      id: action.id,
      ticket_id: ticket.id,
      agent_id: action.who_agentid,
      timetaken: action.timetaken,
      client_id: ticket.client_id,
      customer: halo.db.clients.get(ticket.client_id)?.name,
      subject: ticket.summary,
    })
    const untimed = [...halo.db.actions.values()].find((other) => other.timetaken === 0)!
    expect((await api(`/TimesheetEvent/${untimed.id}`)).status).toBe(404)
  })

  it('shows time logged through /Actions', async () => {
    const { json: action } = await api('/Actions', {
      method: 'POST',
      body: [
        { ticket_id: 40, note: 'On site.', who_agentid: 5, timetaken: 2, datetime: '2025-10-31T12:00:00' },
      ],
    })
    const { json } = await api('/TimesheetEvent?agent_id=5&start_date=2025-10-31&end_date=2025-11-01')
    expect(json.find((event: { id: number }) => event.id === action.id)).toMatchObject({
      start_date: '2025-10-31T10:00:00',
      end_date: '2025-10-31T12:00:00',
      timetaken: 2,
    })
  })
})
