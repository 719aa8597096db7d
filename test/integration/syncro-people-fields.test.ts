import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomField, CustomFieldDefinition } from '../../src/canonical/custom-field.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'
import { walkList } from '../helpers/walk.js'

// Syncro's contacts, agents (users), boards (none) and custom fields (properties) through the gateway.

let gateway: SyncroGateway
const base = '/v1/connections/syncro-test'

beforeAll(async () => {
  gateway = await startSyncroGateway()
})
afterAll(() => gateway.close())

const db = () => gateway.emulator.db
const get = (url: string) => gateway.app.inject(url)
const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
  gateway.app.inject({ method, url, payload: payload as string })
const business = () =>
  [...db().customers.values()].find((customer) => customer.business_name && !customer.disabled)!

type Fielded = { id: string; customFields: CustomField[] }
const definitions = async (resource: string) =>
  json<{ customFields: CustomFieldDefinition[] }>(await get(`${base}/meta/${resource}`)).customFields
const definitionNamed = async (resource: string, name: string, type?: string) =>
  (await definitions(resource)).find((field) => field.name === name && (!type || field.type === type))!
const valueOf = (record: Fielded, id: string) => record.customFields.find((field) => field.id === id)?.value

describe('Syncro contacts', () => {
  it('walks every contact once, filters by customer, and refuses the filters Syncro lacks', async () => {
    const { records } = await walkList(gateway.app, `${base}/contacts`, { pageSize: '30' })
    expect(records.map((contact) => contact.id).sort()).toEqual([...db().contacts.keys()].map(String).sort())
    const customerId = business().id
    const own = json<{ data: { customer: { id: string } }[] }>(
      await get(`${base}/contacts?customerId=${customerId}&pageSize=100`),
    ).data
    expect(own.length).toBe(db().contactsOf(customerId).length)
    expect(own.every((contact) => contact.customer.id === String(customerId))).toBe(true)
    for (const filter of ['q=smith', 'updatedSince=2025-01-01T00:00:00Z']) {
      const refused = await get(`${base}/contacts?${filter}`)
      expect(refused.statusCode, filter).toBe(400)
      expect(json(refused).code).toBe('unsupported_filter')
    }
  })

  it('creates, reads and updates a contact, its one name split into first and last', async () => {
    const customerId = String(business().id)
    const created = await send('POST', `${base}/contacts`, {
      customerId,
      firstName: 'Maya',
      lastName: 'Okafor',
      email: 'maya@northwind.example',
      mobile: '+1 555 0101',
    })
    expect(created.statusCode).toBe(201)
    const contact = json<{ id: string }>(created)
    expect(contact).toMatchObject({
      customer: { id: customerId },
      firstName: 'Maya',
      lastName: 'Okafor',
      name: 'Maya Okafor',
      email: 'maya@northwind.example',
      mobile: '+1 555 0101',
      title: null,
      active: true,
      customFields: [],
    })
    expect(db().contacts.get(Number(contact.id))?.name).toBe('Maya Okafor')

    const renamed = await send('PATCH', `${base}/contacts/${contact.id}`, { lastName: 'Reyes' })
    expect(renamed.statusCode).toBe(200)
    expect(json(renamed)).toMatchObject({ name: 'Maya Reyes', email: 'maya@northwind.example' })
    expect(json(await get(`${base}/contacts/${contact.id}`))).toMatchObject({
      firstName: 'Maya',
      lastName: 'Reyes',
    })
  })

  it("refuses an inactive contact and a bad email, translating Syncro's message", async () => {
    const customerId = String(business().id)
    const before = db().contacts.size
    const inactive = await send('POST', `${base}/contacts`, { customerId, firstName: 'I', active: false })
    expect(inactive.statusCode).toBe(400)
    expect(json(inactive).errors).toEqual([expect.objectContaining({ field: 'active' })])
    const badEmail = await send('POST', `${base}/contacts`, { customerId, firstName: 'E', email: 'xxx' })
    expect(badEmail.statusCode).toBe(422)
    expect(json(badEmail).errors).toEqual([expect.objectContaining({ field: 'email' })])
    const ghost = await send('POST', `${base}/contacts`, { customerId: '999999', firstName: 'G' })
    expect([ghost.statusCode, json(ghost).errors]).toEqual([
      422,
      [expect.objectContaining({ field: 'customerId' })],
    ])
    expect(db().contacts.size).toBe(before)
  })
})

describe('Syncro agents and boards', () => {
  it("lists the users in one call (the list has no emails), gets one, and answers Syncro's boards as none", async () => {
    gateway.emulator.resetStats()
    const agents = json<{ data: { id: string; email: string | null; active: boolean }[] }>(
      await get(`${base}/agents?pageSize=100`),
    ).data
    expect(agents.map((agent) => agent.id)).toEqual([...db().users.keys()].map(String))
    expect(gateway.emulator.stats.byRoute).toEqual({ 'GET /users': 1 })
    const first = [...db().users.values()][0]!
    expect(json(await get(`${base}/agents/${first.id}`))).toMatchObject({
      name: first.full_name,
      email: null,
      active: true,
    })
    expect(json(await get(`${base}/boards`)).data).toEqual([])
    const board = await send('POST', `${base}/tickets`, {
      subject: 'B',
      customerId: String(business().id),
      boardId: '1',
    })
    expect(board.statusCode).toBe(400)
    expect(json(board).errors).toEqual([expect.objectContaining({ field: 'boardId' })])
  })
})

describe('Syncro custom fields', () => {
  it('lists the definitions in /meta by their Syncro ids and types', async () => {
    const tickets = await definitions('tickets')
    expect(tickets.map((field) => field.id)).toEqual([...db().ticketFields.keys()].map(String))
    expect(new Set(tickets.map((field) => field.type))).toEqual(
      new Set(['text', 'select', 'boolean', 'date', 'number']),
    )
    const tier = await definitionNamed('customers', 'Contract Tier')
    expect(tier).toMatchObject({ type: 'select', options: ['Bronze', 'Silver', 'Gold'], required: false })
    expect((await definitions('assets')).length).toBe(db().assetTypeFields.size)
    expect(await definitions('contacts')).toEqual([])
  })

  it('reads a ticket with its contact, assignee and custom fields resolved, as it was created', async () => {
    const customer = business()
    const contact = db().contactsOf(customer.id)[0]!
    const user = [...db().users.values()][1]!
    const deviceType = await definitionNamed('tickets', 'Device Type')
    const warranty = await definitionNamed('tickets', 'Under Warranty')
    const created = await send('POST', `${base}/tickets`, {
      subject: 'Laptop hinge broken',
      customerId: String(customer.id),
      contactId: String(contact.id),
      assigneeId: String(user.id),
      customFields: [
        { id: deviceType.id, value: 'Laptop' },
        { id: warranty.id, value: true },
      ],
    })
    expect(created.statusCode).toBe(201)
    const ticket = json<Fielded & { contact: unknown; assignee: unknown }>(created)
    expect(ticket.contact).toEqual({ id: String(contact.id), name: contact.name })
    expect(ticket.assignee).toEqual({ id: String(user.id), name: user.full_name })
    expect(valueOf(ticket, deviceType.id)).toBe('Laptop')
    expect(valueOf(ticket, warranty.id)).toBe(true)
    expect(json<Fielded>(await get(`${base}/tickets/${ticket.id}`)).customFields).toEqual(ticket.customFields)
    const stored = db().tickets.get(Number(ticket.id))!
    expect(stored.properties).toEqual({ 'Device Type': 'Laptop', 'Under Warranty': '1' })
    // The ticket took the ticket type its fields belong to.
    expect(stored.ticket_type_id).toBe(db().ticketFields.get(Number(deviceType.id))!.ticket_type_id)

    // An update writes one field and keeps the others; a field of another ticket type is refused.
    const purchased = await definitionNamed('tickets', 'Purchase Date')
    const updated = await send('PATCH', `${base}/tickets/${ticket.id}`, {
      customFields: [
        { id: purchased.id, value: '2024-11-05' },
        { id: warranty.id, value: null },
      ],
    })
    expect(updated.statusCode).toBe(200)
    expect(db().tickets.get(Number(ticket.id))!.properties).toEqual({
      'Device Type': 'Laptop',
      'Purchase Date': '2024-11-05',
    })
    const seats = (await definitions('tickets')).find((field) => field.name === 'Application')!
    const stranger = await send('PATCH', `${base}/tickets/${ticket.id}`, {
      customFields: [{ id: seats.id, value: 'Outlook' }],
    })
    expect(stranger.statusCode).toBe(400)
    expect(json(stranger).errors).toEqual([expect.objectContaining({ field: `customFields.${seats.id}` })])
  })

  it('reads and writes customer and asset fields, typed from the text Syncro holds', async () => {
    const seeded = json<Fielded>(await get(`${base}/customers/${business().id}`))
    const seats = await definitionNamed('customers', 'Seats')
    const before = { ...db().customers.get(business().id)!.properties }
    expect(valueOf(seeded, seats.id)).toBe(before.Seats === undefined ? null : Number(before.Seats))

    const updated = await send('PATCH', `${base}/customers/${business().id}`, {
      customFields: [{ id: seats.id, value: 42 }],
    })
    expect(updated.statusCode).toBe(200)
    expect(valueOf(json<Fielded>(updated), seats.id)).toBe(42)
    expect(db().customers.get(business().id)!.properties).toEqual({ ...before, Seats: 42 })

    const asset = [...db().assets.values()].find((candidate) => candidate.asset_type_id === 3)!
    const rackUnits = (await definitions('assets')).find((field) => field.name === 'Rack Units')!
    const written = await send('PATCH', `${base}/assets/${asset.id}`, {
      customFields: [{ id: rackUnits.id, value: 2 }],
    })
    expect(written.statusCode).toBe(200)
    expect(valueOf(json<Fielded>(written), rackUnits.id)).toBe(2)
    expect(db().assets.get(asset.id)!.properties).toMatchObject({
      'Rack Units': 2,
      Manufacturer: expect.any(String),
    })
    const wrongType = await send('PATCH', `${base}/assets/${asset.id}`, {
      customFields: [{ id: rackUnits.id, value: 'two' }],
    })
    expect(wrongType.statusCode).toBe(400)
  })
})
