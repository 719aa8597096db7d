import { describe, expect, it } from 'vitest'
import { startSyncroEmulator, type TicketRecord } from '../../../sandbox/syncro/index.js'
import { api, call, ISO_MS, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('record shapes', () => {
  const TICKET_FIELDS = [
    'id',
    'number',
    'subject',
    'created_at',
    'customer_id',
    'customer_business_then_name',
    'due_date',
    'resolved_at',
    'start_at',
    'end_at',
    'location_id',
    'problem_type',
    'status',
    'ticket_type_id',
    'ticket_type_name',
    'properties',
    'user_id',
    'user',
    'updated_at',
    'priority',
    'contact_id',
    'contact_fullname',
    'tag_list',
    'asset_ids',
    'sla_id',
    'comments',
  ]

  it('wraps single records and carries the ticket fields with ISO timestamps', async () => {
    const { json } = await api('/tickets/42')
    expect(Object.keys(json)).toEqual(['ticket'])
    expect(Object.keys(json.ticket)).toEqual(expect.arrayContaining(TICKET_FIELDS))
    expect(Object.keys((await api('/tickets')).json.tickets[0])).toEqual(
      expect.arrayContaining(TICKET_FIELDS),
    )
    for (const field of ['created_at', 'updated_at']) expect(json.ticket[field]).toMatch(ISO_MS)
    const stored = syncro.db.tickets.get(42) as TicketRecord
    expect(json.ticket).toMatchObject({
      id: 42,
      number: stored.number,
      status: stored.status,
      priority: stored.priority,
    })
    if (stored.user_id !== null) {
      expect(json.ticket.user).toMatchObject({
        id: stored.user_id,
        email: expect.any(String),
        full_name: expect.any(String),
      })
    }
  })

  it('answers ticket settings and the user list as the vendor does', async () => {
    const settings = (await api('/tickets/settings')).json
    expect(settings.ticket_status_list).toEqual([
      'New',
      'In Progress',
      'Resolved',
      'Invoiced',
      'Waiting for Parts',
      'Waiting on Customer',
      'Scheduled',
      'Customer Reply',
    ])
    expect(settings.ticket_types).toHaveLength(4)
    expect(settings.ticket_types[0]).toMatchObject({ id: 1, name: 'Hardware', disabled: false })
    expect(settings.users).toContainEqual({ id: 1, name: 'Alex Morgan' })
    const users = (await api('/users')).json
    expect(users.users).toHaveLength(5)
    expect(users.users[0]).toEqual([1, 'Alex Morgan'])
  })

  it('answers the account settings: priorities in its own form and the Issue Types tickets carry', async () => {
    const { status, json } = await api('/settings')
    expect(status).toBe(200)
    // The spec's example lists a blank choice first, then "0 Urgent", "1 High", "2 Normal", "3 Low".
    expect(json.ticket.priorities).toEqual(['', '0 Urgent', '1 High', '2 Normal', '3 Low'])
    expect(json.ticket.problem_types).toEqual(syncro.db.problemTypes)
    expect(json.ticket.problem_types).toEqual(
      expect.arrayContaining(['Virus', 'Hardware', 'Software', 'Other']),
    )
    expect(json.ticket.ticket_types.map((type: { name: string }) => type.name)).toEqual(
      [...syncro.db.ticketTypes.values()].map((type) => type.name),
    )
    expect(json.assets.asset_types.map((type: { name: string }) => type.name)).toEqual(
      [...syncro.db.assetTypes.values()].map((type) => type.name),
    )
    expect(json).toMatchObject({
      locale: { iso_code: 'en' },
      business_hours: expect.any(Array),
    })
    const ticket = (await api('/tickets/42')).json.ticket
    expect(json.ticket.problem_types).toContain(ticket.problem_type)
  })

  it('stores any priority and Issue Type text as sent (the spec shows a ticket with "High", off the list)', async () => {
    const own = await startSyncroEmulator()
    try {
      const created = await call(own, '/tickets', {
        method: 'POST',
        body: { customer_id: 1, subject: 'Typed', priority: '1 High', problem_type: 'Printer' },
      })
      expect(created.json.ticket).toMatchObject({ priority: '1 High', problem_type: 'Printer' })
      const updated = await call(own, `/tickets/${created.json.ticket.id}`, {
        method: 'PUT',
        body: { priority: 'Someday', problem_type: 'Coffee machine' },
      })
      expect(updated.json.ticket).toMatchObject({ priority: 'Someday', problem_type: 'Coffee machine' })
    } finally {
      await own.close()
    }
  })

  it('lists contacts a page at a time, by customer, and gets one unwrapped as the spec shows', async () => {
    const all: number[] = []
    for (let page = 1; ; page++) {
      const { status, json } = await api(`/contacts?page=${page}`)
      expect(status).toBe(200)
      expect(json.meta).toMatchObject({ page, per_page: 50, total_entries: syncro.db.contacts.size })
      all.push(...json.contacts.map((contact: { id: number }) => contact.id))
      if (page >= json.meta.total_pages) break
    }
    expect(all).toEqual([...syncro.db.contacts.keys()].sort((a, b) => a - b))
    const owner = [...syncro.db.contacts.values()][0]!.customer_id
    const ofOwner = (await api(`/contacts?customer_id=${owner}`)).json.contacts
    expect(ofOwner.map((contact: { id: number }) => contact.id).sort()).toEqual(
      syncro.db
        .contactsOf(owner)
        .map((contact) => contact.id)
        .sort(),
    )
    const first = [...syncro.db.contacts.values()][0]!
    const single = await api(`/contacts/${first.id}`)
    expect(single.status).toBe(200)
    expect(single.json).toMatchObject({ id: first.id, name: first.name, customer_id: first.customer_id })
  })

  it('names the asset type as text and nests the full customer', async () => {
    const { json } = await api('/customer_assets/1')
    const stored = syncro.db.assets.get(1)
    expect(json.asset).toMatchObject({
      id: 1,
      name: stored?.name,
      asset_type: syncro.db.assetTypes.get(stored?.asset_type_id ?? 0)?.name,
      customer: { id: stored?.customer_id },
    })
    expect(json.asset.properties).toMatchObject({
      Manufacturer: expect.any(String),
      Model: expect.any(String),
    })
  })
})
