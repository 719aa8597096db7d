import { describe, expect, it } from 'vitest'
import { AutotaskDatabase } from '../../../sandbox/autotask/database.js'
import { ENTITIES } from '../../../sandbox/autotask/entities/index.js'
import { seedAutotaskData } from '../../../sandbox/autotask/seed/index.js'

describe('the Autotask sandbox seed', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(seedAutotaskData(1))).toBe(JSON.stringify(seedAutotaskData(1)))
    expect(JSON.stringify(seedAutotaskData(1).tickets)).not.toBe(JSON.stringify(seedAutotaskData(2).tickets))
  })

  const db = new AutotaskDatabase(seedAutotaskData(1))

  it('has the records the brief asks for', () => {
    expect(db.tickets.size).toBeGreaterThanOrEqual(40)
    expect(new Set([...db.tickets.values()].map((ticket) => ticket.companyID)).size).toBeGreaterThanOrEqual(4)
    expect([...db.companies.values()].some((company) => !company.isActive)).toBe(true)
    expect(db.companies.get(0)?.companyName).toBe('Northwind IT')
    expect([...db.resources.values()].some((resource) => !resource.isActive)).toBe(true)
    expect(db.resources.get(db.apiResourceID)?.resourceType).toBe('API Only')
    for (const company of db.companies.values())
      if (company.id !== 0) expect(db.contactsOf(company.id).length).toBeGreaterThan(0)
    expect(db.configurationItems.size).toBeGreaterThan(0)
  })

  it('gives several tickets three or more notes of mixed publish, and two or more time entries', () => {
    const noted = [...db.tickets.keys()].filter((id) => db.notesOf(id).length >= 3)
    expect(noted.length).toBeGreaterThanOrEqual(3)
    for (const id of noted)
      expect(new Set(db.notesOf(id).map((note) => note.publish)).size).toBeGreaterThan(1)
    expect(
      [...db.tickets.keys()].filter((id) => db.timeEntriesOf(id).length >= 2).length,
    ).toBeGreaterThanOrEqual(3)
  })

  it('numbers tickets T{day}.{sequence} on their creation day, uniquely', () => {
    const numbers = [...db.tickets.values()].map((ticket) => ticket.ticketNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const ticket of db.tickets.values())
      expect(ticket.ticketNumber).toMatch(
        new RegExp(`^T${ticket.createDate.slice(0, 10).replaceAll('-', '')}\\.\\d{4}$`),
      )
  })

  it("holds only values its own field definitions accept (picklists, references, the fields' names)", () => {
    for (const entity of Object.values(ENTITIES)) {
      const fields = entity.fields(db)
      const names = new Set([...fields.map((field) => field.name), 'userDefinedFields'])
      for (const row of entity.rows(db).values()) {
        expect(Object.keys(row).filter((key) => !names.has(key))).toEqual([])
        for (const field of fields) {
          const value = row[field.name]
          if (value === null || value === undefined) continue
          if (field.isPickList)
            expect(
              field.picklistValues?.map((option) => option.value),
              `${entity.name}.${field.name}`,
            ).toContain(String(value))
        }
      }
    }
  })

  it('seeds time entries and assignments the write rules would accept', () => {
    for (const entry of db.timeEntries.values())
      expect(db.rolesOf(entry.resourceID).map((role) => role.id)).toContain(entry.roleID)
    for (const ticket of db.tickets.values())
      if (ticket.assignedResourceID !== null)
        expect(db.rolesOf(ticket.assignedResourceID).map((role) => role.id)).toContain(
          ticket.assignedResourceRoleID,
        )
  })
})
