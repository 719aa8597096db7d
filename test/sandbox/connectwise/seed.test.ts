import { describe, expect, it } from 'vitest'
import { expectDeterministicSeed } from '../seed.js'
import { startConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'
import { cw, statusOf, tickets, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('seed data', () => {
  it('is deterministic per seed, differs between seeds, and never shares keys', async () => {
    await expectDeterministicSeed(startConnectWiseEmulator, (first, second) => {
      expect(first.members[0]?.privateKey).not.toBe(second.members[0]?.privateKey)
      expect(first.members[0]?.publicKey).not.toBe(second.members[0]?.publicKey)
      expect(first.clientIds[0]).not.toBe(second.clientIds[0])
      expect(first.clientIds[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    })
  })

  it('holds the service desk setup: boards, statuses, types, priorities, members', () => {
    const { db } = cw
    const boards = [...db.boards.values()]
    expect(boards.filter((board) => !board.inactiveFlag).map((board) => board.name)).toEqual([
      'Service Desk',
      'Network Operations',
      'Onboarding',
    ])
    expect(boards.filter((board) => board.inactiveFlag)).toHaveLength(1)
    expect(new Set([...db.statuses.keys()]).size).toBe(db.statuses.size)
    for (const board of boards) {
      const statuses = db.statusesOf(board.id)
      expect(statuses.length, board.name).toBeGreaterThanOrEqual(5)
      expect(statuses.length, board.name).toBeLessThanOrEqual(8)
      expect(
        statuses.filter((status) => status.defaultFlag),
        board.name,
      ).toHaveLength(1)
      expect(
        statuses.some((status) => status.closedStatus),
        board.name,
      ).toBe(true)
      expect(
        statuses.filter((status) => status.inactive),
        board.name,
      ).toHaveLength(1)
      expect(db.typesOf(board.id).length, board.name).toBeGreaterThanOrEqual(3)
      expect(db.typesOf(board.id).length, board.name).toBeLessThanOrEqual(5)
    }
    const names = [...db.statuses.values()].map((status) => status.name)
    expect(names).toEqual(expect.arrayContaining(['Completed', 'Closed', 'Resolved', 'Cancelled']))
    expect(names).toEqual(expect.arrayContaining(['Waiting Customer', 'Scheduled']))
    expect([...db.priorities.values()].sort((a, b) => a.sortOrder - b.sortOrder).map((p) => p.name)).toEqual([
      'Priority 1 - Emergency Response',
      'Priority 2 - Quick Response',
      'Priority 3 - Normal Response',
      'Priority 4 - Scheduled Maintenance',
      'Do Not Respond',
    ])
    expect([...db.priorities.values()].filter((priority) => priority.defaultFlag)).toHaveLength(1)
    expect(db.members.size).toBeGreaterThanOrEqual(12)
    expect([...db.members.values()].map((member) => member.identifier)).toContain('jsmith')
  })

  it('holds companies, contacts and configurations with awkward names among them', () => {
    const { db } = cw
    const companies = [...db.companies.values()]
    expect(companies).toHaveLength(80)
    expect(companies.filter((company) => company.deletedFlag)).toHaveLength(3)
    expect(
      companies.filter((company) => db.companyStatuses.get(company.statusId)?.name === 'Inactive'),
    ).toHaveLength(4)
    const names = companies.map((company) => company.name)
    for (const fragment of ['"', "'", '(', '&', ' and ', ' or ', '\\']) {
      expect(
        names.some((name) => name.includes(fragment)),
        fragment,
      ).toBe(true)
    }
    expect(new Set(companies.map((company) => company.identifier.toLowerCase())).size).toBe(80)
    for (const company of companies) expect(company.identifier).toMatch(/^[A-Za-z0-9_-]{1,30}$/)
    expect(db.contacts.size).toBe(150)
    expect(db.configurations.size).toBe(200)
    expect(db.configurationTypes.size).toBe(6)
    const typesUsed = new Set([...db.configurations.values()].map((configuration) => configuration.typeId))
    expect(typesUsed.size).toBe(6)
    for (const configuration of db.configurations.values()) {
      expect(db.companies.get(configuration.companyId)?.deletedFlag).toBe(false)
      expect(db.manufacturers.has(configuration.manufacturerId as number)).toBe(true)
    }
  })

  it('holds at least 500 consistent tickets with 1-6 notes each', () => {
    const { db } = cw
    const all = tickets()
    expect(all.length).toBeGreaterThanOrEqual(500)
    const activeBoards = [...db.boards.values()].filter((board) => !board.inactiveFlag)
    for (const board of activeBoards) {
      expect(all.filter((ticket) => ticket.boardId === board.id).length, board.name).toBeGreaterThan(40)
    }
    const reference = Date.parse('2025-09-30T17:00:00Z')
    for (const ticket of all) {
      const status = statusOf(ticket)
      expect(status?.boardId).toBe(ticket.boardId)
      expect(status?.inactive).toBe(false)
      expect(ticket.closedFlag).toBe(status?.closedStatus)
      expect(ticket.closedDate !== null).toBe(ticket.closedFlag)
      expect(ticket.dateResolved !== null).toBe(ticket.closedFlag)
      expect(ticket.info.lastUpdated >= ticket.info.dateEntered).toBe(true)
      expect(Date.parse(ticket.info.lastUpdated)).toBeLessThanOrEqual(reference)
      expect(Date.parse(ticket.info.dateEntered)).toBeGreaterThan(reference - 550 * 86_400_000)
      if (ticket.closedDate) expect(ticket.closedDate <= ticket.info.lastUpdated).toBe(true)
      if (ticket.typeId !== null) expect(db.types.get(ticket.typeId)?.boardId).toBe(ticket.boardId)
      const notes = db.notesOf(ticket.id)
      expect(notes.length).toBeGreaterThanOrEqual(1)
      expect(notes.length).toBeLessThanOrEqual(6)
      expect(notes[0]?.detailDescriptionFlag).toBe(true)
      expect(notes[0]?.dateCreated).toBe(ticket.info.dateEntered)
    }
    expect(all.some((ticket) => ticket.contactId === null)).toBe(true)
    expect(all.some((ticket) => ticket.ownerId === null)).toBe(true)
    expect(all.some((ticket) => ticket.typeId === null)).toBe(true)
    expect(all.filter((ticket) => ticket.closedFlag).length).toBeGreaterThan(all.length / 2)
    expect(all.filter((ticket) => !ticket.closedFlag).length).toBeGreaterThan(20)
    const summaries = all.map((ticket) => ticket.summary)
    for (const fragment of ['"', '(', ' and ', ' or ', '\\', '%', '_']) {
      expect(
        summaries.some((summary) => summary.includes(fragment)),
        fragment,
      ).toBe(true)
    }
    const notes = [...db.notes.values()]
    for (const flag of ['internalAnalysisFlag', 'externalFlag', 'resolutionFlag'] as const) {
      expect(
        notes.some((note) => note[flag]),
        flag,
      ).toBe(true)
    }
    expect(notes.some((note) => note.contactId !== null && note.memberId === null)).toBe(true)
  })
})
