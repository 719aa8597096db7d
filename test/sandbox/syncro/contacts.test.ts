import { describe, expect, it } from 'vitest'
import { api, ISO_MS, syncro, useSyncroEmulator, withTickingDate } from './helpers.js'

useSyncroEmulator()

/** A business customer (seeded businesses have 1-3 contacts). */
const businessId = () => [...syncro.db.customers.values()].find((customer) => customer.business_name)!.id

async function createContact(body: object): Promise<{ id: number; [field: string]: unknown }> {
  const { status, json } = await api('/contacts', { method: 'POST', body })
  expect(status, JSON.stringify(json)).toBe(200)
  return json
}

describe('contacts', () => {
  it("lists every contact once across the vendor's pages, by customer, ignoring parameters the spec does not document", async () => {
    const all: number[] = []
    for (let page = 1; ; page++) {
      const { json } = await api(`/contacts?page=${page}&query=nothing-matches-this`)
      expect(json.meta).toMatchObject({ page, per_page: 50, total_entries: syncro.db.contacts.size })
      all.push(...json.contacts.map((contact: { id: number }) => contact.id))
      if (page >= json.meta.total_pages) break
    }
    expect(all).toEqual([...syncro.db.contacts.keys()].sort((a, b) => a - b))

    const customerId = businessId()
    const own = (await api(`/contacts?customer_id=${customerId}`)).json.contacts
    expect(own.map((contact: { id: number }) => contact.id)).toEqual(
      syncro.db.contactsOf(customerId).map((contact) => contact.id),
    )
    expect(own.length).toBeGreaterThan(0)
  })

  it('creates a contact: the answer is the contact itself, listed with its customer', async () => {
    const customerId = businessId()
    const created = await createContact({
      customer_id: customerId,
      name: 'Robin Vega',
      email: 'robin.vega@acme.example',
      phone: '(503) 555-0142',
      mobile: '(503) 555-0143',
      address1: '12 Pine St',
      city: 'Portland',
      notes: 'Prefers mornings',
      title: 'Office Manager',
      properties: { 'Not a field': 'dropped' },
      extension: '12',
    })
    expect(created).toMatchObject({
      customer_id: customerId,
      name: 'Robin Vega',
      email: 'robin.vega@acme.example',
      mobile: '(503) 555-0143',
      address1: '12 Pine St',
      address2: null,
      notes: 'Prefers mornings',
      properties: {},
      extension: null,
      opt_out: false,
      account_id: 1,
    })
    expect(created.title).toBe('Office Manager')
    expect(created.created_at).toMatch(ISO_MS)
    expect((await api(`/contacts/${created.id}`)).json).toEqual(created)
    const customer = (await api(`/customers/${customerId}`)).json.customer
    expect(customer.contacts.map((contact: { id: number }) => contact.id)).toContain(created.id)
    expect(
      (await api(`/contacts?customer_id=${customerId}`)).json.contacts.map((c: { id: number }) => c.id),
    ).toContain(created.id)
  })

  it("refuses a create the vendor's ways, creating nothing", async () => {
    const before = syncro.db.contacts.size
    const customerId = businessId()
    for (const body of [{ name: 'No customer' }, { customer_id: 999_999, name: 'Ghost' }]) {
      expect(await api('/contacts', { method: 'POST', body })).toMatchObject({
        status: 404,
        json: { message: 'Not found' },
      })
    }
    const badEmail = await api('/contacts', {
      method: 'POST',
      body: { customer_id: customerId, name: 'Bad Email', email: 'xxx' },
    })
    expect(badEmail.status).toBe(422)
    expect(badEmail.json).toEqual({
      record: expect.objectContaining({
        id: null,
        name: 'Bad Email',
        email: 'xxx',
        customer_id: customerId,
        created_at: null,
        processed_phone: null,
      }),
      errors: 'Email is not an email',
    })
    const nameless = await api('/contacts', { method: 'POST', body: { customer_id: customerId, email: 'x' } })
    expect(nameless.json.errors).toBe("Name can't be blank, Email is not an email")
    expect(syncro.db.contacts.size).toBe(before)
  })

  it('updates only the fields sent, moves a contact to another customer, and refuses an empty customer', async () => {
    const [first, second] = [...syncro.db.customers.values()].filter((customer) => customer.business_name)
    const contact = await createContact({ customer_id: first!.id, name: 'Sam Ortiz', phone: '555-0100' })
    const updated = await api(`/contacts/${contact.id}`, {
      method: 'PUT',
      body: { name: 'Sam Ortiz', mobile: '555-0199', customer_id: second!.id, title: 'Bookkeeper' },
    })
    expect(updated.status).toBe(200)
    expect(updated.json).toMatchObject({
      name: 'Sam Ortiz',
      phone: '555-0100',
      mobile: '555-0199',
      title: 'Bookkeeper',
    })
    expect(updated.json.customer_id).toBe(second!.id)
    expect(updated.json.updated_at >= (contact.updated_at as string)).toBe(true)
    expect(syncro.db.contactsOf(first!.id).map((c) => c.id)).not.toContain(contact.id)
    expect(syncro.db.contactsOf(second!.id).map((c) => c.id)).toContain(contact.id)

    const refused = await api(`/contacts/${contact.id}`, {
      method: 'PUT',
      body: { customer_id: null, name: 'Renamed' },
    })
    expect(refused).toMatchObject({
      status: 422,
      json: {
        record: { id: contact.id, customer_id: null, name: 'Renamed' },
        errors: "Customer can't be blank",
      },
    })
    // The spec's PUT body requires the name.
    const nameless = await api(`/contacts/${contact.id}`, { method: 'PUT', body: { phone: '555-0102' } })
    expect([nameless.status, nameless.json.errors]).toEqual([422, "Name can't be blank"])
    expect((await api(`/contacts/${contact.id}`)).json).toEqual(updated.json)
    expect((await api('/contacts/999999', { method: 'PUT', body: { name: 'x' } })).status).toBe(404)
  })

  it('deletes a contact: gone from lists, its tickets name no contact', async () => {
    const customerId = businessId()
    const contact = await createContact({ customer_id: customerId, name: 'Leaving Soon' })
    const ticket = (
      await api('/tickets', {
        method: 'POST',
        body: { customer_id: customerId, subject: 'Contact leaves', contact_id: contact.id },
      })
    ).json.ticket
    expect(ticket.contact_fullname).toBe('Leaving Soon')

    expect(await api(`/contacts/${contact.id}`, { method: 'DELETE' })).toMatchObject({
      status: 200,
      json: undefined,
    })
    expect((await api(`/contacts/${contact.id}`)).status).toBe(404)
    expect((await api(`/contacts/${contact.id}`, { method: 'DELETE' })).status).toBe(404)
    expect(syncro.db.contactsOf(customerId).map((c) => c.id)).not.toContain(contact.id)
    expect((await api(`/tickets/${ticket.id}`)).json.ticket).toMatchObject({
      contact_id: contact.id,
      contact_fullname: null,
      contact: null,
    })
  })

  it('announces each contact write on the change feed', async () => {
    const seen: string[] = []
    const stop = syncro.db.changes.listen((change) => {
      if (change.resource === 'contact') seen.push(`${change.action} ${change.changed?.join(',') ?? ''}`)
    })
    await withTickingDate(async (tick) => {
      const contact = await createContact({ customer_id: businessId(), name: 'Fed Change' })
      tick()
      await api(`/contacts/${contact.id}`, { method: 'PUT', body: { name: 'Fed Change', phone: '555-0111' } })
      await api(`/contacts/${contact.id}`, { method: 'DELETE' })
    })
    stop()
    expect(seen).toEqual(['created ', 'updated phone,updated_at', 'deleted '])
  })
})
