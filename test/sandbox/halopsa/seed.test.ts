import { describe, expect, it } from 'vitest'
import { expectDeterministicSeed } from '../seed.js'
import { startHaloEmulator, STATUS_TYPE } from '../../../sandbox/halopsa/index.js'
import { halo, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('seed data', () => {
  it('is deterministic per seed and differs between seeds', async () => {
    await expectDeterministicSeed(startHaloEmulator, (first, second) => {
      expect(first.clients[0]?.clientSecret).not.toBe(second.clients[0]?.clientSecret)
    })
  })

  it('holds the promised volumes and variety', () => {
    const { db } = halo
    expect(db.agents.size).toBe(12)
    expect([...db.agents.values()].filter((agent) => agent.isdisabled)).toHaveLength(1)
    expect(db.teams.size).toBe(3)
    expect(db.ticketTypes.size).toBeGreaterThanOrEqual(5)
    expect(db.statuses.get(9)).toMatchObject({ name: 'Closed', type: STATUS_TYPE.closed })
    const priorities = [...db.priorities.values()]
    expect(priorities).toHaveLength(8)
    expect(
      priorities.filter((priority) => priority.priorityid === 1).map((priority) => priority.slaid),
    ).toEqual([1, 2])
    expect(new Set(priorities.map((priority) => priority.id)).size).toBe(8)

    const clients = [...db.clients.values()]
    expect(clients).toHaveLength(60)
    expect(clients.filter((client) => client.inactive).length).toBeGreaterThanOrEqual(3)
    for (const needle of ["'", '"', '(', '&'])
      expect(clients.some((client) => client.name.includes(needle))).toBe(true)
    for (const client of clients)
      expect(db.sites.get(client.main_site_id as number)?.client_id).toBe(client.id)
    expect(db.users.size).toBeGreaterThan(60)
    expect(db.assets.size).toBe(150)
    expect(new Set([...db.assets.values()].map((asset) => asset.assettype_id)).size).toBeGreaterThanOrEqual(4)

    const tickets = [...db.tickets.values()]
    expect(tickets.length).toBeGreaterThanOrEqual(400)
    for (const status of db.statuses.values())
      expect(
        tickets.filter((ticket) => ticket.status_id === status.id).length,
        status.name,
      ).toBeGreaterThanOrEqual(5)
    for (const ticket of tickets) {
      expect(db.priorityOf(ticket.sla_id, ticket.priority_id), `ticket ${ticket.id}`).toBeDefined()
      expect(ticket.dateclosed !== null).toBe(db.statuses.get(ticket.status_id)?.type === STATUS_TYPE.closed)
      const actions = db.actionsOf(ticket.id)
      expect(actions.length).toBeGreaterThanOrEqual(1)
      expect(actions.length).toBeLessThanOrEqual(6)
    }
    const occurred = tickets.map((ticket) => Date.parse(ticket.dateoccurred))
    expect((Math.max(...occurred) - Math.min(...occurred)) / 86_400_000).toBeGreaterThan(500)
    expect(Math.max(...occurred)).toBeLessThan(Date.parse('2025-11-01T00:00:00Z'))
    expect(new Set([...db.actions.values()].map((action) => action.hiddenfromuser))).toEqual(
      new Set([true, false]),
    )
  })
})
