import { describe, expect, it } from 'vitest'
import { describeSyncroError, attributeOfMessage } from '../../adapters/syncro/errors.js'
import {
  assetFromSyncro,
  commentFromSyncro,
  commentNeedsAuthorName,
  customerFromSyncro,
  syncroAssetBody,
  syncroCommentBody,
  syncroCustomerBody,
  syncroTicketCreateBody,
  textId,
  ticketFromSyncro,
  type SyncroMapOptions,
} from '../../adapters/syncro/map.js'
import { ticketQueries } from '../../adapters/syncro/query.js'
import type { SyncroTicket } from '../../adapters/syncro/types.js'
import { GatewayError } from '../../src/errors.js'

const options: SyncroMapOptions = { statusMap: {}, priorityMap: {}, webOrigin: 'https://acme.syncromsp.com' }

const ticket: SyncroTicket = {
  id: 1207,
  number: 2207,
  subject: 'Printer offline',
  status: 'Waiting on Customer',
  priority: 'High',
  customer_id: 12,
  customer_business_then_name: 'Northwind Dental',
  contact_id: null,
  problem_type: 'Hardware',
  ticket_type_id: 2,
  ticket_type_name: 'Onsite',
  user_id: 3,
  user: { id: 3, full_name: 'Dana Reyes' },
  due_date: null,
  resolved_at: null,
  created_at: '2025-03-14T09:26:53.000-05:00',
  updated_at: '2025-03-14T11:02:10.000Z',
  comments: [
    {
      id: 9,
      ticket_id: 1207,
      subject: 'Update',
      body: 'second',
      hidden: true,
      created_at: '2025-03-14T10:00:00Z',
    },
    {
      id: 8,
      ticket_id: 1207,
      subject: 'Initial Issue',
      body: 'first',
      hidden: false,
      created_at: '2025-03-14T14:26:53Z',
    },
  ],
}

const errorOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    if (error instanceof GatewayError)
      return { status: error.status, code: error.code, errors: error.extras.errors }
    throw error
  }
  throw new Error('expected an error')
}

describe('ticketFromSyncro', () => {
  it('maps a Syncro ticket to the canonical ticket', () => {
    expect(ticketFromSyncro(ticket, options)).toMatchObject({
      id: '1207',
      number: '2207',
      subject: 'Printer offline',
      description: 'first',
      status: { id: 'waiting-on-customer', name: 'Waiting on Customer', category: 'pending' },
      priority: { id: 'high', name: 'High', level: 'high' },
      // The Issue Type (problem_type), not the ticket_type_id most accounts leave empty.
      type: { id: 'hardware', name: 'Hardware' },
      board: null,
      customer: { id: '12', name: 'Northwind Dental' },
      contact: null,
      assignee: { id: '3', name: 'Dana Reyes' },
      createdAt: '2025-03-14T14:26:53.000Z',
      closedAt: null,
      url: 'https://acme.syncromsp.com/tickets/1207',
    })
  })

  it('lets the connection statusMap and priorityMap win over names', () => {
    const mapped = ticketFromSyncro(ticket, {
      ...options,
      statusMap: { 'Waiting on Customer': 'open' },
      priorityMap: { High: 'critical' },
    })
    expect(mapped.status.category).toBe('open')
    expect(mapped.priority?.level).toBe('critical')
  })

  it('keeps an unknown priority text with the level its name suggests', () => {
    expect(ticketFromSyncro({ ...ticket, priority: 'Emergency' }, options).priority).toEqual({
      id: 'emergency',
      name: 'Emergency',
      level: 'critical',
    })
    expect(ticketFromSyncro({ ...ticket, priority: null }, options).priority).toBeNull()
  })

  it.each([
    ['0 Urgent', '0-urgent', 'critical'],
    ['1 High', '1-high', 'high'],
    ['2 Normal', '2-normal', 'medium'],
    ['3 Low', '3-low', 'low'],
    ['1 Critical', '1-critical', 'critical'],
    ['1 Urgent', '1-urgent', 'critical'],
    ['4 Low', '4-low', 'low'],
    ['1 Whatever', '1-whatever', 'high'],
    ['7 Someday', '7-someday', 'low'],
    ['High', 'high', 'high'],
    ['Whenever', 'whenever', 'medium'],
  ])("takes a priority's level from the account's text: %s", (name, id, level) => {
    expect(ticketFromSyncro({ ...ticket, priority: name }, options).priority).toEqual({ id, name, level })
  })

  it('has no type without an Issue Type, whatever ticket_type_id says', () => {
    expect(ticketFromSyncro({ ...ticket, problem_type: null }, options).type).toBeNull()
    expect(ticketFromSyncro({ ...ticket, problem_type: 'TuneUp' }, options).type).toEqual({
      id: 'tuneup',
      name: 'TuneUp',
    })
  })
})

describe('Syncro status categories (vendors.md mapping notes)', () => {
  it.each([
    ['New', 'new'],
    ['In Progress', 'open'],
    ['Waiting on Customer', 'pending'],
    ['Waiting for Parts', 'pending'],
    ['Scheduled', 'pending'],
    ['Customer Reply', 'pending'],
    ['Resolved', 'resolved'],
    ['Invoiced', 'closed'],
    ['Bench Repair', 'open'],
  ])('%s -> %s', (name, category) => {
    expect(ticketFromSyncro({ ...ticket, status: name }, options).status.category).toBe(category)
  })
})

describe('a ticket description', () => {
  const comment = (id: number, subject: string, hidden: boolean, at: string) => ({
    id,
    ticket_id: 1207,
    subject,
    body: `${subject} ${id}`,
    hidden,
    created_at: at,
  })

  it('is the public Initial Issue only: an internal first note is never shown as the description', () => {
    const internalFirst = [
      comment(1, 'Internal note', true, '2025-01-01T00:00:00Z'),
      comment(2, 'Update', false, '2025-01-02T00:00:00Z'),
    ]
    expect(ticketFromSyncro({ ...ticket, comments: internalFirst }, options).description).toBeNull()
    const hiddenInitial = [comment(1, 'Initial Issue', true, '2025-01-01T00:00:00Z')]
    expect(ticketFromSyncro({ ...ticket, comments: hiddenInitial }, options).description).toBeNull()
    expect(ticketFromSyncro({ ...ticket, comments: [] }, options).description).toBeNull()
  })

  const at = (secondsAfterTicket: number) =>
    new Date(Date.parse(ticket.created_at) + secondsAfterTicket * 1000).toISOString()

  it('is the first public comment made with the ticket, whatever its title', () => {
    const byEmail = [comment(4, 'Printer offline', false, at(0)), comment(5, 'Update', false, at(600))]
    expect(ticketFromSyncro({ ...ticket, comments: byEmail }, options).description).toBe('Printer offline 4')
    const internalThenPublic = [comment(6, 'Internal', true, at(0)), comment(7, 'Details', false, at(1))]
    expect(ticketFromSyncro({ ...ticket, comments: internalThenPublic }, options).description).toBe(
      'Details 7',
    )
  })

  it('allows the description comment DESCRIPTION_TOLERANCE_MS (5 s) after the ticket, no more', () => {
    const secondCall = [comment(8, 'Description', false, at(5))]
    expect(ticketFromSyncro({ ...ticket, comments: secondCall }, options).description).toBe('Description 8')
    const later = [comment(9, 'Initial Issue', false, at(6))]
    expect(ticketFromSyncro({ ...ticket, comments: later }, options).description).toBeNull()
  })
})

describe('commentFromSyncro', () => {
  it.each([
    [false, 'public'],
    [true, 'internal'],
    [null, 'internal'],
    [undefined, 'internal'],
  ] as const)('hidden=%s is %s', (hidden, visibility) => {
    const comment = commentFromSyncro({
      id: 1,
      ticket_id: 2,
      body: 'x',
      hidden,
      created_at: '2025-01-01T00:00:00Z',
    })
    expect(comment.visibility).toBe(visibility)
  })
})

describe("a comment's author", () => {
  const base = { id: 1, ticket_id: 2, body: 'x', created_at: '2025-01-01T00:00:00Z' }
  const agentNames = new Map([['7', 'Alex Morgan']])

  it('is named by its tech, else its listed user, else the users its user_id names', () => {
    expect(commentFromSyncro({ ...base, user_id: 7, tech: 'Joe' }, agentNames).author).toEqual({
      id: '7',
      name: 'Joe',
    })
    expect(
      commentFromSyncro({ ...base, user_id: 7, user: { full_name: 'Sam Lee' } }, agentNames).author,
    ).toEqual({ id: '7', name: 'Sam Lee' })
    expect(commentFromSyncro({ ...base, user_id: 7, tech: null, user: {} }, agentNames).author).toEqual({
      id: '7',
      name: 'Alex Morgan',
    })
    expect(commentFromSyncro({ ...base, user_id: 8 }, agentNames).author).toEqual({ id: '8', name: null })
    expect(commentFromSyncro({ ...base, user_id: null, tech: null }).author).toBeNull()
  })

  it('is looked up only where the comment gives a user_id alone', () => {
    expect(commentNeedsAuthorName({ ...base, user_id: 7, tech: null, user: {} })).toBe(true)
    expect(commentNeedsAuthorName({ ...base, user_id: 7, tech: 'Joe' })).toBe(false)
    expect(commentNeedsAuthorName({ ...base, user_id: null })).toBe(false)
  })
})

describe('customers and assets', () => {
  it('names a customer by business name, else by person', () => {
    const base = { id: 1, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' }
    expect(
      customerFromSyncro({ ...base, business_name: 'Acme', firstname: 'Jo', lastname: 'Lee' }).name,
    ).toBe('Acme')
    expect(customerFromSyncro({ ...base, business_name: null, firstname: 'Jo', lastname: 'Lee' }).name).toBe(
      'Jo Lee',
    )
    expect(customerFromSyncro({ ...base, disabled: true }).active).toBe(false)
    expect(customerFromSyncro({ ...base }).address).toBeNull()
    expect(customerFromSyncro({ ...base, city: 'Portland' }).address).toMatchObject({
      city: 'Portland',
      line1: null,
    })
  })

  it('reads manufacturer and model from asset properties', () => {
    const asset = assetFromSyncro({
      id: 4,
      name: 'PC-1',
      customer_id: 1,
      customer: { id: 1, business_name: 'Acme', created_at: '', updated_at: '' },
      asset_type: 'Desktop',
      asset_serial: 'SN1',
      properties: { manufacturer: 'HP', Model: 'EliteDesk' },
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
    })
    expect(asset).toMatchObject({
      customer: { id: '1', name: 'Acme' },
      type: { id: 'Desktop', name: 'Desktop' },
      serialNumber: 'SN1',
      manufacturer: 'HP',
      model: 'EliteDesk',
    })
  })

  it('keeps the other properties when an update sets manufacturer', () => {
    expect(syncroAssetBody({ manufacturer: 'Dell' }, { OS: 'Windows', Manufacturer: 'HP' })).toEqual({
      properties: { OS: 'Windows', Manufacturer: 'Dell' },
    })
    expect(syncroAssetBody({ name: 'PC-2', typeId: 'Laptop', customerId: '3' })).toEqual({
      name: 'PC-2',
      asset_type_name: 'Laptop',
      customer_id: 3,
    })
  })

  it('sends no properties for an update with an empty customFields, which Syncro would take as clearing them all', () => {
    expect(syncroAssetBody({ name: 'PC-3', customFields: [] })).toEqual({ name: 'PC-3' })
  })
})

describe('writes', () => {
  it('builds a ticket create body with the description as the initial comment', () => {
    expect(
      syncroTicketCreateBody(
        {
          subject: 'S',
          customerId: '12',
          description: 'D',
          assigneeId: '3',
          dueAt: '2025-05-01T00:00:00Z',
          typeId: 'virus',
        },
        { statusName: 'New', priorityName: 'High', problemType: 'Virus' },
      ),
    ).toEqual({
      subject: 'S',
      customer_id: 12,
      user_id: 3,
      status: 'New',
      priority: 'High',
      problem_type: 'Virus',
      due_date: '2025-05-01T00:00:00Z',
      comments_attributes: [{ subject: 'Initial Issue', body: 'D', hidden: false, do_not_email: true }],
    })
  })

  // Board, website and country are the adapter's write rules, checked by the core before any call.
  it('refuses an id Syncro could not take instead of sending it', () => {
    expect(errorOf(() => syncroTicketCreateBody({ subject: 'S', customerId: 'abc' }, {})).errors).toEqual([
      expect.objectContaining({ field: 'customerId' }),
    ])
  })

  it('maps comment visibility to hidden, and never mails the customer', () => {
    expect(syncroCommentBody({ body: 'x' })).toMatchObject({ hidden: true, do_not_email: true })
    expect(syncroCommentBody({ body: 'x', visibility: 'public' })).toMatchObject({ hidden: false })
  })

  it('clears a customer address with null', () => {
    expect(syncroCustomerBody({ address: null })).toEqual({
      address: null,
      address_2: null,
      city: null,
      state: null,
      zip: null,
    })
  })
})

describe('ticketQueries', () => {
  const statuses = ['New', 'In Progress', 'Resolved', 'Waiting on Customer', 'Scheduled'].map((name) => ({
    id: textId(name),
    name,
    category:
      name === 'New' ? 'new' : name === 'In Progress' ? 'open' : name === 'Resolved' ? 'resolved' : 'pending',
    boardId: null,
  })) as Parameters<typeof ticketQueries>[1]

  it('makes one query per status of the asked categories', () => {
    expect(
      ticketQueries({ status: ['pending'], customerId: '5' }, statuses).map((q) => [q.status, q.customer_id]),
    ).toEqual([
      ['Waiting on Customer', 5],
      ['Scheduled', 5],
    ])
  })

  it('narrows categories to the asked status id', () => {
    expect(
      ticketQueries({ status: ['pending'], statusId: 'scheduled' }, statuses).map((q) => q.status),
    ).toEqual(['Scheduled'])
    expect(ticketQueries({ status: ['new'], statusId: 'scheduled' }, statuses)).toEqual([])
  })

  it('refuses an unknown status id', () => {
    expect(errorOf(() => ticketQueries({ statusId: 'nope' }, statuses)).code).toBe('validation_failed')
  })
})

describe('describeSyncroError', () => {
  it.each([
    [
      { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'is required' }] },
      [{ field: 'customer_id', message: 'is required' }],
    ],
    [{ error: 'Customer required field' }, [{ field: 'customer', message: 'Customer required field' }]],
    [
      { success: false, message: ["Subject can't be blank"] },
      [{ field: 'subject', message: "Subject can't be blank" }],
    ],
    [
      { success: false, message: ["Asset type can't be blank"] },
      [{ field: 'asset_type', message: "Asset type can't be blank" }],
    ],
    [{ message: 'Not found' }, []],
  ])('reads %j', (body, errors) => {
    expect(describeSyncroError(422, body).errors).toEqual(errors)
  })

  it('turns humanised attribute names back into attributes', () => {
    expect(attributeOfMessage("Business name or last name can't be blank")).toBe('business_name_or_last_name')
    expect(attributeOfMessage('Email is not an email')).toBe('email')
    expect(attributeOfMessage('something odd happened')).toBeUndefined()
  })
})
