import { beforeEach, describe, expect, it } from 'vitest'
import { createAutotaskActivity } from '../../../sandbox/autotask/activity.js'
import { AutotaskDatabase } from '../../../sandbox/autotask/database.js'
import { ENTITIES, EntityError } from '../../../sandbox/autotask/entities/index.js'
import { seedAutotaskData } from '../../../sandbox/autotask/seed/index.js'
import { createRandom } from '../../../sandbox/shared/random.js'

const NOW = new Date('2025-11-03T10:00:00.000Z')
let db: AutotaskDatabase

beforeEach(() => {
  db = new AutotaskDatabase(seedAutotaskData(1))
})

function write(entity: string, body: Record<string, unknown>, parentId?: number) {
  const definition = ENTITIES[entity]!
  const apply = body.id === undefined ? definition.create! : definition.update!
  return apply(db, body, parentId, NOW)
}

function refusal(entity: string, body: Record<string, unknown>, parentId?: number): EntityError {
  try {
    write(entity, body, parentId)
  } catch (error) {
    if (error instanceof EntityError) return error
    throw error
  }
  throw new Error(`${entity} accepted ${JSON.stringify(body)}`)
}

const ticket = { companyID: 174, title: 'Printer offline', status: 1, priority: 2 }

describe('Tickets writes', () => {
  it('creates with the required fields and stamps what Autotask gives', () => {
    const created = write('Tickets', ticket)
    expect(created).toMatchObject({
      ...ticket,
      ticketNumber: 'T20251103.0001',
      createDate: NOW.toISOString(),
      creatorResourceID: db.apiResourceID,
      ticketCategory: 3,
      completedDate: null,
    })
    expect(db.tickets.get(created.id)).toBe(created)
  })

  it('refuses each missing required field, a bad or inactive picklist value and an unknown reference, with 500', () => {
    expect(refusal('Tickets', { companyID: 174 })).toMatchObject({
      status: 500,
      errors: [
        'Value does not exist for the required field title',
        'Value does not exist for the required field status',
        'Value does not exist for the required field priority',
      ],
    })
    expect(refusal('Tickets', { ...ticket, priority: 99 }).errors).toEqual([
      'Picklist value [99] does not exist for priority',
    ])
    expect(refusal('Tickets', { ...ticket, status: 14 }).errors).toEqual([
      'Picklist value [14] does not exist for status',
    ])
    expect(refusal('Tickets', { ...ticket, companyID: 424242 }).errors).toEqual([
      'Value does not reference an existing entity for companyID . ',
    ])
    expect(refusal('Tickets', { ...ticket, title: ['x'] }).errors).toEqual([
      'Invalid value for field title: ["x"]',
    ])
    expect(refusal('Tickets', { ...ticket, title: 'x'.repeat(256) }).errors).toEqual([
      'title exceeds the maximum length of 255',
    ])
  })

  it('takes a sub-issue type only under its issue type', () => {
    expect(write('Tickets', { ...ticket, issueType: 2, subIssueType: 201 })).toMatchObject({
      subIssueType: 201,
    })
    expect(refusal('Tickets', { ...ticket, issueType: 3, subIssueType: 201 }).errors).toEqual([
      'Picklist value [201] does not exist for subIssueType',
    ])
  })

  it('sub-issue type is checked again when its issue type changes', () => {
    const created = write('Tickets', { ...ticket, issueType: 2, subIssueType: 201 })
    expect(refusal('Tickets', { id: created.id, issueType: 3 }).errors).toEqual([
      'Picklist value [201] does not exist for subIssueType',
    ])
    expect(write('Tickets', { id: created.id, issueType: 3, subIssueType: 301 })).toMatchObject({
      issueType: 3,
      subIssueType: 301,
    })
    expect(write('Tickets', { id: created.id, issueType: 4, subIssueType: null })).toMatchObject({
      subIssueType: null,
    })
  })

  it('converts values as ASP.NET binds them, refusing what cannot be converted', () => {
    const created = write('Tickets', {
      companyID: '174',
      title: 42,
      status: ' 1 ',
      priority: 2.5,
      estimatedHours: '1,250.5',
      description: true,
    })
    expect(created).toMatchObject({
      companyID: 174,
      title: '42',
      status: 1,
      priority: 2,
      estimatedHours: 1250.5,
      description: 'True',
    })
    expect(
      refusal('Tickets', { ...ticket, status: 'New', priority: true, estimatedHours: 'x' }).errors,
    ).toEqual([
      'Invalid value for field status: "New"',
      'Invalid value for field priority: true',
      'Invalid value for field estimatedHours: "x"',
    ])
    const company = [...db.companies.values()][1]!
    expect(write('Companies', { id: company.id, isActive: 'False' })).toMatchObject({ isActive: false })
    expect(write('Companies', { id: company.id, isActive: 1 })).toMatchObject({ isActive: true })
    expect(refusal('Companies', { id: company.id, isActive: 'yes' }).errors).toEqual([
      'Invalid value for field isActive: "yes"',
    ])
  })

  it('refuses an explicit null on a create, and takes one on an update', () => {
    expect(refusal('Tickets', { ...ticket, description: null, dueDateTime: '' }).errors).toEqual([
      'A new record may not set description to null.',
      'A new record may not set dueDateTime to null.',
    ])
    expect(refusal('Tickets', { ...ticket, title: null }).errors).toEqual([
      'Value does not exist for the required field title',
    ])
    const created = write('Tickets', { ...ticket, description: 'Paper jam' })
    expect(write('Tickets', { id: created.id, description: null })).toMatchObject({ description: null })
  })

  it('ignores read-only and unknown fields', () => {
    const created = write('Tickets', { ...ticket, ticketNumber: 'T1', createDate: '2020-01-01', workType: 3 })
    expect(created.ticketNumber).toBe('T20251103.0001')
    expect(created.createDate).toBe(NOW.toISOString())
    expect(created).not.toHaveProperty('workType')
  })

  it('assigns a resource only with one of its roles', () => {
    const [link] = [...db.resourceRoles.values()]
    expect(refusal('Tickets', { ...ticket, assignedResourceID: link!.resourceID }).errors).toEqual([
      'When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.',
    ])
    const notHeld = [...db.roles.values()].find((role) => !db.rolesOf(link!.resourceID).includes(role))!
    expect(
      refusal('Tickets', {
        ...ticket,
        assignedResourceID: link!.resourceID,
        assignedResourceRoleID: notHeld.id,
      }).errors,
    ).toEqual(['The specified AssignedResourceID and AssignedRoleID combination is not currently defined'])
  })

  it('never assigns a ticket to an API-only resource, on a create or an update', () => {
    const api = db.resources.get(db.apiResourceID)!
    const role = db.rolesOf(api.id)[0]?.id ?? [...db.roles.values()][0]!.id
    const assignment = { assignedResourceID: api.id, assignedResourceRoleID: role }
    const text = `The specified AssignedResourceID (${api.id}) is an API-only resource, which cannot be assigned to tickets.`
    expect(refusal('Tickets', { ...ticket, ...assignment })).toMatchObject({ status: 500, errors: [text] })
    const created = write('Tickets', ticket)
    expect(refusal('Tickets', { id: created.id, ...assignment })).toMatchObject({
      status: 500,
      errors: [text],
    })
    expect(db.tickets.get(created.id)!.assignedResourceID).toBeNull()
  })

  it('updates only the named fields, stamps completion, and refuses an unknown id with a 500', () => {
    const created = write('Tickets', ticket)
    const updated = write('Tickets', { id: created.id, status: 5 })
    expect(updated).toMatchObject({ title: ticket.title, status: 5, completedDate: NOW.toISOString() })
    expect(write('Tickets', { id: created.id, status: 8 })).toMatchObject({ completedDate: null })
    expect(refusal('Tickets', { id: 999_999, title: 'x' })).toMatchObject({
      status: 500,
      errors: ['Value does not reference an existing entity for id . '],
    })
  })
})

describe('TicketNotes writes', () => {
  const note = { description: 'Called the user.', noteType: 3, publish: 2 }

  it('creates under its ticket only, with ticketID from the URL', () => {
    const [target] = [...db.tickets.values()]
    const created = write('TicketNotes', { ...note, ticketID: 1 }, target!.id)
    expect(created).toMatchObject({ ...note, ticketID: target!.id, creatorResourceID: db.apiResourceID })
    expect(db.notesOf(target!.id)).toContain(created)
    expect(refusal('TicketNotes', note).status).toBe(404)
    expect(refusal('TicketNotes', { description: 'x' }, target!.id).errors).toEqual([
      'Value does not exist for the required field noteType',
      'Value does not exist for the required field publish',
    ])
  })

  it('updates only with noteType and publish named again', () => {
    const [target] = [...db.tickets.values()]
    const created = write('TicketNotes', note, target!.id)
    expect(refusal('TicketNotes', { id: created.id, description: 'Edited' }, target!.id).status).toBe(500)
    expect(
      write('TicketNotes', { id: created.id, description: 'Edited', noteType: 3, publish: 1 }, target!.id),
    ).toMatchObject({ description: 'Edited', publish: 1 })
  })
})

describe('TimeEntries writes', () => {
  const target = () => [...db.tickets.values()][0]!
  const entry = () => {
    const link = [...db.resourceRoles.values()][0]!
    return {
      ticketID: target().id,
      resourceID: link.resourceID,
      roleID: link.roleID,
      startDateTime: '2025-11-03T08:00:00Z',
      endDateTime: '2025-11-03T09:30:00Z',
      summaryNotes: 'Fixed it.',
    }
  }

  it('creates with hours derived from start and end, filed under the ticket', () => {
    const created = write('TimeEntries', entry())
    expect(created).toMatchObject({
      hoursWorked: 1.5,
      hoursToBill: 1.5,
      dateWorked: '2025-11-03T00:00:00.000Z',
    })
    expect(db.timeEntriesOf(target().id)).toContain(created)
  })

  it("refuses what Autotask refuses, in Autotask's words", () => {
    const { roleID: _role, ...noRole } = entry()
    expect(refusal('TimeEntries', noRole).errors).toEqual(['TimeEntries for Tickets must have a roleID.'])
    const notHeld = [...db.roles.values()].find((role) => !db.rolesOf(entry().resourceID).includes(role))!
    expect(refusal('TimeEntries', { ...entry(), roleID: notHeld.id }).errors).toEqual([
      'There is no row at position 0.',
    ])
    const { startDateTime: _s, endDateTime: _e, ...noTimes } = entry()
    expect(refusal('TimeEntries', noTimes).errors).toEqual([
      'Must have at least one of hoursWorked or startDateTime/endDateTime',
    ])
    expect(refusal('TimeEntries', { ...noTimes, hoursWorked: 1 }).errors).toEqual([
      'TimeEntries for Service tickets require a start and stop time.',
    ])
    const material = [...db.billingCodes.values()].find((code) => code.useType !== 1)!
    expect(refusal('TimeEntries', { ...entry(), billingCodeID: material.id }).errors).toEqual([
      'The given allocation code is not an active general allocation code',
    ])
    const { resourceID: _r, ...noResource } = entry()
    expect(refusal('TimeEntries', noResource).errors).toEqual([
      'Value does not exist for the required field resourceID',
    ])
  })

  it('never makes an API-only resource the worker, on a create or an update', () => {
    const text = `The specified resourceID (${db.apiResourceID}) is an API-only resource, which cannot be a ResourceID or OwnerResourceID.`
    const role = db.rolesOf(db.apiResourceID)[0]!.id
    expect(refusal('TimeEntries', { ...entry(), resourceID: db.apiResourceID, roleID: role }).errors).toEqual(
      [text],
    )
    const created = write('TimeEntries', entry())
    expect(
      refusal('TimeEntries', { id: created.id, resourceID: db.apiResourceID, roleID: role }).errors,
    ).toEqual([text])
    expect(db.timeEntries.get(created.id)!.resourceID).toBe(entry().resourceID)
  })

  it('deletes, unfiling the entry from its ticket', () => {
    const created = write('TimeEntries', entry())
    ENTITIES.TimeEntries!.delete!(db, created.id, undefined)
    expect(db.timeEntries.has(created.id)).toBe(false)
    expect(db.timeEntriesOf(target().id)).not.toContain(created)
  })
})

describe('Companies writes', () => {
  it('never makes an API-only resource the owner, on a create or an update', () => {
    const owner = [...db.resources.values()].find((resource) => resource.id !== db.apiResourceID)!
    const company = { companyName: 'Owned Ltd', companyType: 1, phone: '555-0100' }
    const text = `The specified ownerResourceID (${db.apiResourceID}) is an API-only resource, which cannot be a ResourceID or OwnerResourceID.`
    expect(refusal('Companies', { ...company, ownerResourceID: db.apiResourceID }).errors).toEqual([text])
    const created = write('Companies', { ...company, ownerResourceID: owner.id })
    expect(refusal('Companies', { id: created.id, ownerResourceID: db.apiResourceID }).errors).toEqual([text])
    expect(db.companies.get(created.id)!.ownerResourceID).toBe(owner.id)
  })
})

describe('Contacts and the activity', () => {
  it('creates a contact under its company, isActive an integer', () => {
    expect(write('Contacts', { firstName: 'Ada', lastName: 'Byron', isActive: 1 }, 174)).toMatchObject({
      companyID: 174,
      isActive: 1,
    })
    expect(refusal('Contacts', { firstName: 'Ada', lastName: 'Byron', isActive: true }, 174).errors).toEqual([
      'Invalid value for field isActive: true',
    ])
  })

  it("updates a contact only under its own company's URL", () => {
    const contact = write('Contacts', { firstName: 'Ada', lastName: 'Byron', isActive: 1 }, 174)
    const other = [...db.companies.keys()].find((id) => id !== 174)!
    expect(refusal('Contacts', { id: contact.id, firstName: 'Eve', companyID: other }, other)).toMatchObject({
      errors: ['Value does not reference an existing entity for id . '],
    })
    expect(db.contacts.get(contact.id)).toMatchObject({ firstName: 'Ada', companyID: 174 })
    expect(write('Contacts', { id: contact.id, firstName: 'Eve' }, 174)).toMatchObject({ firstName: 'Eve' })
  })

  it('changes records through the validated writes, and announces each change', () => {
    const changes: string[] = []
    db.changes.listen((change) => changes.push(`${change.table} ${change.action}`))
    const activity = createAutotaskActivity(db, createRandom(7), () => NOW)
    for (let n = 0; n < 40; n++) activity.step()
    expect(changes.length).toBeGreaterThanOrEqual(40)
    expect(changes.some((change) => change.endsWith('deleted'))).toBe(false)
  })
})
