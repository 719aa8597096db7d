import { describe, expect, it } from 'vitest'
import type { ActionRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, useHaloEmulator, ZONELESS } from './helpers.js'

// Time on actions (the spec's `Actions` schema: timetaken, nonbilltime, actionarrivaldate, actioncompletiondate,
// chargerate, actisbillable, last_updated) and DELETE /Actions/{id}.

useHaloEmulator()

const HOUR = 3_600_000
const timedActions = () => [...halo.db.actions.values()].filter((action) => action.timetaken > 0)

describe('time on actions', () => {
  it('is seeded on some actions, by seeded agents, ending at the action and starting timetaken hours before', () => {
    const timed = timedActions()
    expect(timed.length).toBeGreaterThan(100)
    expect(timed.length).toBeLessThan(halo.db.actions.size)
    expect(new Set(timed.map((action) => action.actisbillable))).toEqual(new Set([true, false]))
    for (const action of timed) {
      expect(halo.db.agents.has(action.who_agentid as number)).toBe(true)
      expect(action.actioncompletiondate).toBe(action.datetime)
      const hours = (Date.parse(action.actioncompletiondate!) - Date.parse(action.actionarrivaldate!)) / HOUR
      expect(hours).toBeCloseTo(action.timetaken)
      expect(action.nonbilltime).toBe(action.actisbillable ? 0 : action.timetaken)
    }
    const untimed = [...halo.db.actions.values()].find((action) => action.timetaken === 0) as ActionRecord
    expect(untimed).toMatchObject({ actionarrivaldate: null, actioncompletiondate: null })
  })

  it('shows in the action views in Halo date form', async () => {
    const action = timedActions()[0] as ActionRecord
    const { json } = await api(`/Actions/${action.id}`)
    expect(json).toMatchObject({
      timetaken: action.timetaken,
      nonbilltime: action.nonbilltime,
      chargerate: 0,
      actisbillable: action.actisbillable,
      actionby_agent_id: action.who_agentid,
    })
    for (const field of ['actionarrivaldate', 'actioncompletiondate', 'last_updated'])
      expect(json[field], field).toMatch(ZONELESS)
  })

  it('timeentriesonly keeps the actions with time; agentonly and excludesys keep every seeded action', async () => {
    const ticket = (timedActions()[0] as ActionRecord).ticket_id
    const all = halo.db.actionsOf(ticket)
    const timed = (await api(`/Actions?ticket_id=${ticket}&timeentriesonly=true`)).json
    expect(timed.record_count).toBe(all.filter((action) => action.timetaken > 0).length)
    expect(timed.actions.every((action: { timetaken: number }) => action.timetaken > 0)).toBe(true)
    const agents = (await api(`/Actions?ticket_id=${ticket}&agentonly=true&excludesys=true`)).json
    expect(agents.record_count).toBe(all.length)
  })

  it('lists every ticket’s time in a date range', async () => {
    const { status, json } = await api(
      '/Actions?timeentriesonly=true&startdate=2025-10-01&enddate=2025-10-15T00:00:00',
    )
    expect(status).toBe(200)
    const expected = timedActions().filter(
      (action) => action.datetime >= '2025-10-01' && action.datetime < '2025-10-15T00:00:00',
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(json.actions.map((action: { id: number }) => action.id).sort()).toEqual(
      expected.map((action) => action.id).sort(),
    )
  })

  it('creates time: from start and end when timetaken is not sent, billable unless it says not', async () => {
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [
        {
          ticket_id: 30,
          note: 'Replaced the switch.',
          who_agentid: 4,
          actionarrivaldate: '2025-10-30T09:00:00',
          actioncompletiondate: '2025-10-30T10:30:00',
        },
        {
          ticket_id: 30,
          note: 'Travel.',
          timetaken: 0.5,
          nonbilltime: 0.5,
          actisbillable: false,
          chargerate: 2,
        },
      ],
    })
    expect(status).toBe(200)
    expect(json[0]).toMatchObject({
      timetaken: 1.5,
      nonbilltime: 0,
      actisbillable: true,
      who_agentid: 4,
      actionarrivaldate: '2025-10-30T09:00:00',
      actioncompletiondate: '2025-10-30T10:30:00',
    })
    expect(json[1]).toMatchObject({ timetaken: 0.5, nonbilltime: 0.5, actisbillable: false, chargerate: 2 })
    expect(json[1].actionarrivaldate).toBeNull()
  })

  it('updates time and moves last_updated', async () => {
    const action = timedActions()[1] as ActionRecord
    const before = action.last_updated
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [{ id: action.id, ticket_id: action.ticket_id, timetaken: 3, nonbilltime: 1 }],
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({ id: action.id, timetaken: 3, nonbilltime: 1 })
    expect(halo.db.actions.get(action.id)!.last_updated > before).toBe(true)
  })

  it('refuses negative times, more non-billable time than taken, and an end before the start', async () => {
    const count = halo.db.actions.size
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [
        { ticket_id: 31, note: 'x', timetaken: -1 },
        { ticket_id: 31, note: 'x', timetaken: 1, nonbilltime: 2 },
        { ticket_id: 31, note: 'x', nonbilltime: -0.5 },
        {
          ticket_id: 31,
          note: 'x',
          actionarrivaldate: '2025-10-30T10:00:00',
          actioncompletiondate: '2025-10-30T09:00:00',
        },
      ],
    })
    expect(status).toBe(400)
    for (const message of [
      'Time taken cannot be negative',
      'Non-billable time cannot exceed the time taken',
      'Non-billable time cannot be negative',
      'The end time cannot be before the start time',
    ])
      expect(JSON.stringify(json)).toContain(message)
    expect(halo.db.actions.size).toBe(count)
  })

  it('deletes an action, and answers 404 for one that does not exist', async () => {
    const action = timedActions()[2] as ActionRecord
    expect((await api(`/Actions/${action.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await api(`/Actions/${action.id}`)).status).toBe(404)
    expect(halo.db.actionsOf(action.ticket_id).map((other) => other.id)).not.toContain(action.id)
    expect((await api(`/Actions/${action.id}`, { method: 'DELETE' })).status).toBe(404)
  })
})
