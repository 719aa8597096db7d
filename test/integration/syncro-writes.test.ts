import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

let gateway: SyncroGateway
const base = '/v1/connections/syncro-test'

beforeAll(async () => {
  gateway = await startSyncroGateway({ config: { bodyLimitBytes: 64 * 1024 } })
})
afterAll(() => gateway.close())

const send = (
  method: 'POST' | 'PATCH',
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
) => gateway.app.inject({ method, url, payload: payload as string, headers })

/** What a bad write may not change: the vendor's records. */
const vendorSnapshot = () => {
  const db = gateway.emulator.db
  return JSON.stringify([
    [...db.tickets.values()],
    [...db.comments.values()],
    [...db.customers.values()],
    [...db.assets.values()],
  ])
}

describe('a ticket written through the canonical API', () => {
  it('is stored at the vendor exactly as the canonical calls said', async () => {
    const customer = [...gateway.emulator.db.customers.values()].find((c) => !c.disabled)!
    const created = await send('POST', `${base}/tickets`, {
      subject: 'Printer offline',
      description: 'Since 9am the printer shows offline.',
      customerId: String(customer.id),
      priority: 'high',
      status: 'new',
    })
    expect(created.statusCode).toBe(201)
    const ticket = json<{ id: string; status: { name: string }; priority: { name: string } }>(created)
    expect(created.headers.location).toBe(`${base}/tickets/${ticket.id}`)
    expect(ticket).toMatchObject({
      subject: 'Printer offline',
      description: 'Since 9am the printer shows offline.',
    })

    const internal = await send('POST', `${base}/tickets/${ticket.id}/comments`, {
      body: 'Checked the spooler.',
      visibility: 'internal',
    })
    const publicNote = await send('POST', `${base}/tickets/${ticket.id}/comments`, {
      body: 'We are on it.',
      visibility: 'public',
    })
    const defaulted = await send('POST', `${base}/tickets/${ticket.id}/comments`, {
      body: 'No visibility given.',
    })
    expect([internal.statusCode, publicNote.statusCode, defaulted.statusCode]).toEqual([201, 201, 201])
    expect(json(defaulted).visibility).toBe('internal')
    // Syncro's answer names its author by user_id alone (tech is null when the write sent none): the name is the
    // user's, as GET /users gives it.
    const keyOwner = gateway.emulator.db.users.get(
      Number(json<{ author: { id: string } }>(defaulted).author.id),
    )!
    expect(json(defaulted).author).toEqual({ id: String(keyOwner.id), name: keyOwner.full_name })

    const updated = await send('PATCH', `${base}/tickets/${ticket.id}`, { status: 'resolved' })
    expect(updated.statusCode).toBe(200)
    expect(json<{ status: { category: string } }>(updated).status.category).toBe('resolved')

    const stored = gateway.emulator.db.tickets.get(Number(ticket.id))!
    expect(stored).toMatchObject({
      subject: 'Printer offline',
      customer_id: customer.id,
      // The account's own text from GET /settings, not a name the gateway made up.
      priority: '1 High',
      status: 'Resolved',
    })
    expect(stored.resolved_at).not.toBeNull()
    const comments = [...gateway.emulator.db.commentsOf(stored.id)].sort((a, b) => a.id - b.id)
    expect(comments.map((c) => [c.body, c.hidden])).toEqual([
      ['Since 9am the printer shows offline.', false],
      ['Checked the spooler.', true],
      ['We are on it.', false],
      ['No visibility given.', true],
    ])

    const readBack = json<{ status: { name: string; category: string }; description: string }>(
      await gateway.app.inject(`${base}/tickets/${ticket.id}`),
    )
    expect(readBack.status).toMatchObject({ name: 'Resolved', category: 'resolved' })
    expect(readBack.description).toBe('Since 9am the printer shows offline.')
    const listed = json<{ data: Array<{ body: string; visibility: string; author: unknown }> }>(
      await gateway.app.inject(`${base}/tickets/${ticket.id}/comments`),
    ).data
    expect(listed.map((c) => c.visibility)).toEqual(['public', 'internal', 'public', 'internal'])
    expect(listed.at(-1)!.author).toEqual({ id: String(keyOwner.id), name: keyOwner.full_name })
  })

  it('sets status and priority by id, and unassigns with null', async () => {
    const seeded = [...gateway.emulator.db.tickets.values()].find((t) => t.user_id !== null)!
    const response = await send('PATCH', `${base}/tickets/${seeded.id}`, {
      statusId: 'waiting-on-customer',
      priorityId: '3-low',
      assigneeId: null,
    })
    expect(response.statusCode).toBe(200)
    expect(gateway.emulator.db.tickets.get(seeded.id)).toMatchObject({
      status: 'Waiting on Customer',
      priority: '3 Low',
      user_id: null,
    })
    expect(json(response).assignee).toBeNull()
  })

  it("writes the ticket type as the Issue Type (problem_type) from the account's list", async () => {
    const customer = [...gateway.emulator.db.customers.values()].find((c) => !c.disabled)!
    const created = await send('POST', `${base}/tickets`, {
      subject: 'Laptop will not boot',
      customerId: String(customer.id),
      typeId: 'hardware',
    })
    expect(created.statusCode).toBe(201)
    const ticket = json<{ id: string; type: unknown }>(created)
    expect(ticket.type).toEqual({ id: 'hardware', name: 'Hardware' })
    const stored = gateway.emulator.db.tickets.get(Number(ticket.id))!
    expect(stored).toMatchObject({ problem_type: 'Hardware', ticket_type_id: null })

    const updated = await send('PATCH', `${base}/tickets/${ticket.id}`, { typeId: 'virus' })
    expect(json<{ type: unknown }>(updated).type).toEqual({ id: 'virus', name: 'Virus' })
    expect(gateway.emulator.db.tickets.get(stored.id)?.problem_type).toBe('Virus')

    const before = vendorSnapshot()
    const unknown = await send('PATCH', `${base}/tickets/${ticket.id}`, { typeId: '2' })
    expect(unknown.statusCode).toBe(400)
    expect(json<{ errors: Array<{ field: string }> }>(unknown).errors[0]?.field).toBe('typeId')
    expect(vendorSnapshot()).toBe(before)
  })
})

describe('customers and assets', () => {
  it('creates and updates a customer', async () => {
    const created = await send('POST', `${base}/customers`, {
      name: 'Harbor Dental',
      email: 'office@harbor.example',
      address: { line1: '1 Pier Road', city: 'Portland' },
    })
    expect(created.statusCode).toBe(201)
    const id = Number(json<{ id: string }>(created).id)
    expect(gateway.emulator.db.customers.get(id)).toMatchObject({
      business_name: 'Harbor Dental',
      address: '1 Pier Road',
      city: 'Portland',
    })
    const updated = await send('PATCH', `${base}/customers/${id}`, { phone: '+1 555 0199' })
    expect(json(updated)).toMatchObject({
      name: 'Harbor Dental',
      phone: '+1 555 0199',
      email: 'office@harbor.example',
    })
  })

  it('creates an asset and updates its model without losing other properties', async () => {
    const customer = [...gateway.emulator.db.customers.values()][0]!
    const type = [...gateway.emulator.db.assetTypes.values()][0]!
    const created = await send('POST', `${base}/assets`, {
      name: 'HD-FRONT-01',
      customerId: String(customer.id),
      typeId: type.name,
      serialNumber: 'SN-42',
      manufacturer: 'HP',
      model: 'EliteDesk 800',
    })
    expect(created.statusCode).toBe(201)
    const asset = json<{ id: string }>(created)
    const stored = gateway.emulator.db.assets.get(Number(asset.id))!
    stored.properties.OS = 'Windows 11'
    const updated = await send('PATCH', `${base}/assets/${asset.id}`, { model: 'EliteDesk 805' })
    expect(json(updated)).toMatchObject({
      manufacturer: 'HP',
      model: 'EliteDesk 805',
      serialNumber: 'SN-42',
      type: { name: type.name },
    })
    expect(gateway.emulator.db.assets.get(Number(asset.id))!.properties).toMatchObject({
      OS: 'Windows 11',
      Model: 'EliteDesk 805',
    })
  })
})

describe('bad writes change nothing and get problem+json', () => {
  const customerId = () => String([...gateway.emulator.db.customers.values()][0]!.id)

  it.each<[string, string, () => Record<string, unknown>, string]>([
    ['a board', 'tickets', () => ({ subject: 'x', customerId: customerId(), boardId: '3' }), 'boardId'],
    ['a website', 'customers', () => ({ name: 'x', website: 'https://x.example' }), 'website'],
  ])('refuses %s, a field Syncro cannot store, before any call', async (_, path, body, field) => {
    const before = vendorSnapshot()
    gateway.emulator.resetStats()
    const response = await send('POST', `${base}/${path}`, body())
    const problem = json<{ code: string; errors?: Array<{ field?: string }> }>(response)
    expect([response.statusCode, problem.code]).toEqual([400, 'validation_failed'])
    expect(problem.errors?.map((e) => e.field)).toContain(field)
    expect(gateway.emulator.stats.requests).toBe(0)
    expect(vendorSnapshot()).toBe(before)
  })

  it("translates Syncro's message-only 422 shape too", async () => {
    const response = await send('POST', `${base}/assets`, { name: 'no type', customerId: customerId() })
    expect(response.statusCode).toBe(422)
    expect(json<{ errors: Array<{ field?: string }> }>(response).errors.map((e) => e.field)).toEqual([
      'typeId',
    ])
  })
})
