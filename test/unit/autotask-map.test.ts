import { describe, expect, it } from 'vitest'
import {
  customFieldsFromAutotask,
  udfsOf,
  userDefinedFieldsOf,
} from '../../adapters/autotask/custom-fields.js'
import { customFieldCondition, ticketConditions } from '../../adapters/autotask/filters.js'
import {
  assetFromAutotask,
  autotaskContactBody,
  autotaskCompanyBody,
  autotaskNoteBody,
  autotaskTicketBody,
  commentFromAutotask,
  contactFromAutotask,
  customerFromAutotask,
  picklistOf,
  priorityLevel,
  statusCategory,
  ticketFromAutotask,
  utcIsoOrNull,
  type AutotaskMapOptions,
  type TicketPicklists,
} from '../../adapters/autotask/map.js'
import { autotaskTimeEntryBody, timeEntryFromAutotask } from '../../adapters/autotask/time-entries-map.js'
import type { AutotaskTicket, AutotaskTicketNote } from '../../adapters/autotask/types.js'
import { GatewayError } from '../../src/errors.js'

const options: AutotaskMapOptions = { statusMap: {}, priorityMap: {} }
const value = (value: string, label: string, extra: object = {}) => ({ value, label, ...extra })

const picklists: TicketPicklists = {
  status: picklistOf([value('1', 'New'), value('5', 'Complete'), value('7', 'Waiting Customer')]),
  priority: picklistOf([value('1', 'High'), value('2', 'Medium'), value('4', 'Critical')]),
  ticketType: picklistOf([value('1', 'Service Request'), value('2', 'Incident')]),
  queueID: picklistOf([value('29682833', 'Client Portal')]),
}

const udfs = udfsOf([
  { name: 'Site', label: 'Site', dataType: 'string', isPickList: false },
  {
    name: 'Tier',
    dataType: 'string',
    isPickList: true,
    picklistValues: [value('10', 'Gold', { isActive: true }), value('11', 'Old', { isActive: false })],
  },
  { name: 'Seats', dataType: 'integer' },
])

const ticket: AutotaskTicket = {
  id: 7,
  ticketNumber: 'T20250314.0001',
  title: 'Printer offline',
  description: 'Since 9am',
  status: 7,
  priority: 4,
  ticketType: 2,
  queueID: 29682833,
  companyID: 12,
  contactID: 30,
  assignedResourceID: 29682885,
  createDate: '2025-03-14T09:26:53.123',
  lastTrackedModificationDateTime: '2025-03-14T11:02:10Z',
  dueDateTime: null,
  completedDate: null,
  userDefinedFields: [
    { name: 'Tier', value: '10' },
    { name: 'Seats', value: '12' },
  ],
}

describe('Autotask tickets', () => {
  it('maps a ticket, its picklists by label, its assignee by name and its UDFs by type', () => {
    const mapped = ticketFromAutotask(ticket, picklists, options, udfs, new Map([['29682885', 'Dana Reyes']]))
    expect(mapped).toMatchObject({
      id: '7',
      number: 'T20250314.0001',
      subject: 'Printer offline',
      description: 'Since 9am',
      status: { id: '7', name: 'Waiting Customer', category: 'pending' },
      priority: { id: '4', name: 'Critical', level: 'critical' },
      type: { id: '2', name: 'Incident' },
      board: { id: '29682833', name: 'Client Portal' },
      customer: { id: '12', name: null },
      contact: { id: '30', name: null },
      assignee: { id: '29682885', name: 'Dana Reyes' },
      createdAt: '2025-03-14T09:26:53.123Z',
      updatedAt: '2025-03-14T11:02:10.000Z',
      url: null,
    })
    expect(mapped.customFields).toEqual([
      { id: 'Site', name: 'Site', type: 'text', value: null },
      { id: 'Tier', name: 'Tier', type: 'select', value: 'Gold' },
      { id: 'Seats', name: 'Seats', type: 'number', value: 12 },
    ])
  })

  it('reads a timestamp without a zone as UTC', () => {
    expect(utcIsoOrNull('2025-01-02T03:04:05')).toBe('2025-01-02T03:04:05.000Z')
    expect(utcIsoOrNull('2025-01-02T03:04:05+01:00')).toBe('2025-01-02T02:04:05.000Z')
    expect(utcIsoOrNull(null)).toBeNull()
  })

  it.each([
    ['New', 'new'],
    ['In Progress', 'open'],
    ['Waiting Customer', 'pending'],
    ['Complete', 'closed'],
  ] as const)('puts status %s in category %s, and a statusMap wins', (label, category) => {
    expect(statusCategory('99', label, options)).toBe(category)
    expect(statusCategory('99', label, { ...options, statusMap: { '99': 'resolved' } })).toBe('resolved')
  })

  it('levels priorities by their words, not by their values (Critical is 4)', () => {
    expect(priorityLevel('4', 'Critical', options)).toBe('critical')
    expect(priorityLevel('1', 'High', options)).toBe('high')
    expect(priorityLevel('3', 'Low', options)).toBe('low')
    expect(priorityLevel('9', 'P 9', options)).toBe('medium')
    expect(priorityLevel('1', 'High', { ...options, priorityMap: { High: 'critical' } })).toBe('critical')
  })

  it('writes a ticket with resolved values, unassigning with null', () => {
    expect(
      autotaskTicketBody(
        { subject: 'New one', customerId: '12', assigneeId: '5', dueAt: '2025-04-01T00:00:00.000Z' },
        { status: 1, priority: 2, assignedResourceRoleID: 8 },
      ),
    ).toEqual({
      title: 'New one',
      companyID: 12,
      status: 1,
      priority: 2,
      assignedResourceID: 5,
      assignedResourceRoleID: 8,
      dueDateTime: '2025-04-01T00:00:00.000Z',
    })
    expect(autotaskTicketBody({ assigneeId: null }, { assignedResourceRoleID: null })).toEqual({
      assignedResourceID: null,
      assignedResourceRoleID: null,
    })
  })

  it('refuses an id that is no Autotask id, naming the canonical field', () => {
    expect(() => autotaskTicketBody({ subject: 'x', customerId: 'abc' }, {})).toThrow(GatewayError)
  })
})

describe('Autotask ticket notes', () => {
  const publish = picklistOf([
    value('1', 'All Autotask Users'),
    value('2', 'Internal Project Team'),
    value('4', 'Internal & Co-Managed'),
  ])
  const note = (publishValue: number | null): AutotaskTicketNote => ({
    id: 3,
    ticketID: 7,
    description: 'Called',
    publish: publishValue,
    creatorResourceID: 29682885,
    createDateTime: '2025-03-14T10:00:00Z',
  })

  it.each([
    [1, 'public'],
    [2, 'internal'],
    [4, 'internal'],
    [3, 'internal'],
    [null, 'internal'],
  ] as const)('shows publish %s as %s: only All Autotask Users is public', (publishValue, visibility) => {
    expect(commentFromAutotask(note(publishValue), publish).visibility).toBe(visibility)
  })

  it('is internal whatever its publish value when the picklist is unknown', () => {
    expect(commentFromAutotask(note(1), picklistOf([])).visibility).toBe('internal')
  })

  it('names its author and writes a titled note', () => {
    expect(commentFromAutotask(note(1), publish)).toMatchObject({
      id: '3',
      ticketId: '7',
      body: 'Called',
      author: { id: '29682885', name: null },
      createdAt: '2025-03-14T10:00:00.000Z',
    })
    expect(autotaskNoteBody(7, { body: '\nFirst line\nsecond' }, { noteType: 1, publish: 2 })).toEqual({
      ticketID: 7,
      title: 'First line',
      description: '\nFirst line\nsecond',
      noteType: 1,
      publish: 2,
    })
  })
})

describe('Autotask companies, contacts, configuration items and time entries', () => {
  it('maps a company without an e-mail or a country name, and writes its address', () => {
    const company = {
      id: 12,
      companyName: 'Northwind',
      phone: '555',
      city: 'Portland',
      isActive: false,
      countryID: 237,
    }
    const customer = customerFromAutotask(company, [])
    expect(customer).toMatchObject({ name: 'Northwind', email: null, phone: '555', active: false })
    expect(customer.address).toEqual({
      line1: null,
      line2: null,
      city: 'Portland',
      region: null,
      postalCode: null,
      country: null,
    })
    expect(autotaskCompanyBody({ address: null })).toEqual({
      address1: null,
      address2: null,
      city: null,
      state: null,
      postalCode: null,
    })
  })

  it("reads and writes a contact's integer isActive", () => {
    expect(
      contactFromAutotask({ id: 30, firstName: 'Maya', lastName: 'Okafor', isActive: 1 }, []),
    ).toMatchObject({ name: 'Maya Okafor', active: true })
    expect(contactFromAutotask({ id: 30, isActive: 0 }, []).active).toBe(false)
    expect(autotaskContactBody({ active: false, email: 'm@x.example' })).toEqual({
      isActive: 0,
      emailAddress: 'm@x.example',
    })
  })

  it("maps a configuration item with its type label, and its product's make and model", () => {
    const asset = assetFromAutotask(
      {
        id: 4,
        referenceTitle: 'NW-01',
        companyID: 12,
        configurationItemType: 2,
        serialNumber: 'CZC1',
        productID: 30,
      },
      picklistOf([value('2', 'Workstation')]),
      [],
      new Map([[30, { id: 30, name: 'Laptop', manufacturerName: 'Lenovo', manufacturerProductName: 'T14' }]]),
    )
    expect(asset).toMatchObject({
      name: 'NW-01',
      type: { id: '2', name: 'Workstation' },
      manufacturer: 'Lenovo',
      model: 'T14',
      serialNumber: 'CZC1',
      status: 'Active',
    })
  })

  it('maps a time entry and writes one with its hours and billable flag', () => {
    expect(
      timeEntryFromAutotask(
        {
          id: 9,
          ticketID: 7,
          resourceID: 5,
          startDateTime: '2025-03-14T09:00:00Z',
          endDateTime: '2025-03-14T09:45:00Z',
          hoursWorked: 0.75,
          summaryNotes: 'Toner',
          isNonBillable: true,
        },
        new Map([['5', 'Dana']]),
      ),
    ).toMatchObject({ ticketId: '7', agent: { id: '5', name: 'Dana' }, minutes: 45, billable: false })
    const span = { startedAt: '2025-03-14T09:00:00.000Z', endedAt: '2025-03-14T09:45:00.000Z', minutes: 45 }
    expect(
      autotaskTimeEntryBody(7, { startedAt: span.startedAt, minutes: 45, billable: true }, span, {
        resourceID: 5,
        roleID: 8,
      }),
    ).toEqual({
      ticketID: 7,
      resourceID: 5,
      roleID: 8,
      dateWorked: '2025-03-14T00:00:00.000Z',
      startDateTime: span.startedAt,
      endDateTime: span.endedAt,
      hoursWorked: 0.75,
      isNonBillable: false,
    })
  })
})

describe('Autotask UDFs and filters', () => {
  it('writes only the UDFs named, a list UDF by its stored value', () => {
    expect(
      userDefinedFieldsOf(
        [
          { id: 'Tier', value: 'Gold' },
          { id: 'Site', value: null },
        ],
        udfs,
      ),
    ).toEqual([
      { name: 'Tier', value: '10' },
      { name: 'Site', value: null },
    ])
    expect(userDefinedFieldsOf([], udfs)).toBeUndefined()
    expect(customFieldsFromAutotask([{ name: 'Tier', value: '11' }], udfs)[1]!.value).toBe('11')
  })

  it('offers only active list values', () => {
    expect(udfs[1]!.definition.options).toEqual(['Gold'])
  })

  it('filters a UDF by its stored value, refusing an unknown one or a value of another type', () => {
    expect(customFieldCondition({ id: 'Tier', value: 'Gold' }, udfs)).toEqual({
      op: 'eq',
      field: 'Tier',
      value: '10',
      udf: true,
    })
    expect(() => customFieldCondition({ id: 'Nope', value: 'x' }, udfs)).toThrow(GatewayError)
    expect(() => customFieldCondition({ id: 'Seats', value: 'many' }, udfs)).toThrow(GatewayError)
  })

  it('keeps search text one literal value and turns each filter into one condition', () => {
    const text = '"), {"op":"gte'
    const conditions = ticketConditions(
      { customerId: '12', q: text, updatedSince: '2025-01-01T00:00:00.000Z' },
      { statuses: [1, 5] },
    )
    expect(conditions).toContainEqual({ op: 'in', field: 'status', value: [1, 5] })
    expect(conditions).toContainEqual({ op: 'eq', field: 'companyID', value: 12 })
    expect(conditions).toContainEqual({
      op: 'gt',
      field: 'lastActivityDate',
      value: '2025-01-01T00:00:00.000Z',
    })
    expect(conditions).toContainEqual({
      op: 'or',
      items: [
        { op: 'contains', field: 'title', value: text },
        { op: 'contains', field: 'ticketNumber', value: text },
      ],
    })
    expect(ticketConditions({}, { statuses: [] })).toContain(null)
  })
})

describe('UDF ids', () => {
  it('makes a name with spaces a custom field id, and keeps each id to one UDF', () => {
    const ids = udfsOf([
      { name: 'Customer Reference' },
      { name: 'Customer  Reference' },
      { name: '#Tag' },
      { name: 'Plain' },
    ]).map((udf) => [udf.name, udf.definition.id])
    expect(ids).toEqual([
      ['Customer Reference', 'Customer_Reference'],
      ['Customer  Reference', 'Customer_Reference.2'],
      ['#Tag', 'Tag'],
      ['Plain', 'Plain'],
    ])
    for (const [, id] of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/)
  })
})
