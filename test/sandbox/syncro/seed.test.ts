import { describe, expect, it } from 'vitest'
import { expectDeterministicSeed } from '../seed.js'
import { startSyncroEmulator } from '../../../sandbox/syncro/index.js'
import { syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('seed data', () => {
  it('is deterministic per seed and differs between seeds', async () => {
    await expectDeterministicSeed(startSyncroEmulator, (first, second) => {
      expect(first.apiKeys[0]).not.toBe(second.apiKeys[0])
    })
  })

  it('holds the promised volumes and variety', () => {
    const { db } = syncro
    expect(db.users.size).toBe(5)
    expect(db.ticketTypes.size).toBe(4)
    expect([...db.assetTypes.values()].map((type) => type.name)).toEqual([
      'Desktop',
      'Laptop',
      'Server',
      'Printer',
      'Network Device',
    ])
    const customers = [...db.customers.values()]
    expect(customers).toHaveLength(50)
    expect(customers.filter((customer) => customer.disabled)).toHaveLength(3)
    expect(customers.filter((customer) => customer.business_name === null).length).toBeGreaterThan(5)
    expect(customers.filter((customer) => customer.business_name !== null).length).toBeGreaterThan(5)
    expect(db.assets.size).toBe(150)
    const tickets = [...db.tickets.values()]
    expect(tickets).toHaveLength(320)
    for (const status of db.statuses) {
      expect(tickets.filter((ticket) => ticket.status === status).length, status).toBeGreaterThanOrEqual(15)
    }
    expect(tickets.filter((ticket) => ticket.priority === 'Emergency').length).toBeGreaterThanOrEqual(3)
    // Priorities in the account's own form (GET /settings), plus a few texts not on its list.
    expect(db.priorities).toEqual(['0 Urgent', '1 High', '2 Normal', '3 Low'])
    expect(new Set(tickets.map((ticket) => ticket.priority))).toEqual(
      new Set([...db.priorities, null, 'Emergency']),
    )
    // Every ticket has an Issue Type from the account's list.
    expect(tickets.filter((ticket) => !db.problemTypes.includes(ticket.problem_type ?? ''))).toEqual([])
    expect(new Set(tickets.map((ticket) => ticket.problem_type)).size).toBeGreaterThanOrEqual(5)
    for (const ticket of tickets) {
      expect(ticket.created_at >= '2025-01-01' && ticket.created_at < '2025-11-01').toBe(true)
      expect(ticket.updated_at > ticket.created_at).toBe(true)
      expect(ticket.resolved_at !== null).toBe(ticket.status === 'Resolved' || ticket.status === 'Invoiced')
      const comments = db.commentsOf(ticket.id)
      expect(comments.length).toBeGreaterThanOrEqual(1)
      expect(comments.length).toBeLessThanOrEqual(5)
      expect(comments[0]).toMatchObject({ hidden: false })
      expect(Date.parse(comments[0]!.created_at) - Date.parse(ticket.created_at)).toBeLessThanOrEqual(1000)
    }
    // Opening comments as Syncro's web app titles them, and as other clients do (another subject, a second late).
    const openings = tickets.map((ticket) => db.commentsOf(ticket.id)[0]!)
    expect(openings.filter((comment) => comment.subject === 'Initial Issue').length).toBeGreaterThan(200)
    expect(openings.filter((comment) => comment.subject !== 'Initial Issue').length).toBeGreaterThan(30)
    expect(
      tickets.filter((ticket, n) => openings[n]!.created_at !== ticket.created_at).length,
    ).toBeGreaterThan(10)
    const openingIds = new Set(openings.map((comment) => comment.id))
    const followUps = [...db.comments.values()].filter((comment) => !openingIds.has(comment.id))
    expect(new Set(followUps.map((comment) => comment.hidden))).toEqual(new Set([true, false]))
    expect(
      Math.min(...db.tickets.keys(), ...db.customers.keys(), ...db.assets.keys(), ...db.comments.keys()),
    ).toBe(1)
  })
})
