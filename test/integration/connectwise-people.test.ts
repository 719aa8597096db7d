import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Contact } from '../../src/canonical/contact.js'
import type { CustomFieldDefinition } from '../../src/canonical/custom-field.js'
import type { Ticket } from '../../src/canonical/ticket.js'
import { json, startConnectWiseGateway, type ConnectWiseGateway } from '../helpers/gateway.js'
import { walkList } from '../helpers/walk.js'

// ConnectWise's contacts, agents (members), boards and custom fields through the gateway, against the emulator.

let gateway: ConnectWiseGateway
const base = '/v1/connections/connectwise-test'

beforeAll(async () => {
  gateway = await startConnectWiseGateway()
})
afterAll(() => gateway.close())

const get = async <T = Record<string, unknown>>(path: string) => {
  const response = await gateway.app.inject({ method: 'GET', url: `${base}${path}` })
  expect(response.statusCode, response.body).toBe(200)
  return json<T>(response)
}
const send = (method: 'POST' | 'PATCH', path: string, payload: unknown) =>
  gateway.app.inject({ method, url: `${base}${path}`, payload: payload as string })
const db = () => gateway.emulator.db

/** The `conditions` of the list calls the emulator accepted since the last reset. */
const conditionsSent = (path: string) =>
  gateway.emulator.stats.accepted
    .filter((request) => request.method === 'GET' && request.path === path)
    .map((request) => new URLSearchParams(request.query ?? '').get('conditions'))

describe('contacts', () => {
  it('filters by customer, name and update natively, and walks every contact once', async () => {
    gateway.emulator.resetStats()
    const page = await get<{ data: Contact[] }>(
      '/contacts?customerId=2&q=a&updatedSince=2020-01-01T00:00:00Z',
    )
    expect(conditionsSent('/company/contacts')[0]).toBe(
      'company/id = 2 and lastUpdated > [2020-01-01T00:00:00Z] and (firstName contains "a" or lastName contains "a")',
    )
    const expected = [...db().contacts.values()]
      .filter((contact) => contact.companyId === 2)
      .filter((contact) => `${contact.firstName}\n${contact.lastName ?? ''}`.toLowerCase().includes('a'))
    expect(page.data.map((contact) => contact.id)).toEqual(expected.map((contact) => String(contact.id)))
    const { records } = await walkList(gateway.app, `${base}/contacts`, { pageSize: '40' })
    expect(records.map((contact) => contact.id)).toEqual([...db().contacts.keys()].map(String))
  })

  it('maps a contact: email, phone and mobile from its communication items by type', async () => {
    const seeded = [...db().contacts.values()].find((contact) =>
      contact.communicationItems.some((item) => item.typeId === 3),
    )!
    const contact = await get<Contact>(`/contacts/${seeded.id}`)
    const valueOfType = (typeId: number) =>
      seeded.communicationItems.find((item) => item.typeId === typeId)?.value ?? null
    expect(contact).toMatchObject({
      id: String(seeded.id),
      customer: { id: String(seeded.companyId), name: db().companies.get(seeded.companyId!)!.name },
      firstName: seeded.firstName,
      email: valueOfType(1),
      phone: valueOfType(2),
      mobile: valueOfType(3),
      active: !seeded.inactiveFlag,
    })
    expect(contact.customFields.map((field) => field.id)).toEqual(['16', '17', '18', '19', '20'])
  })

  it('creates a contact with its items and a custom field, and updates one item keeping the others', async () => {
    const created = await send('POST', '/contacts', {
      customerId: '4',
      firstName: 'Maya',
      lastName: 'Okafor',
      email: 'maya@northwind.example',
      phone: '+1 555 0101',
      mobile: '+1 555 0199',
      title: 'Office manager',
      customFields: [{ id: '17', value: true }],
    })
    expect(created.statusCode, created.body).toBe(201)
    const contact = json<Contact>(created)
    expect(contact).toMatchObject({
      customer: { id: '4' },
      name: 'Maya Okafor',
      email: 'maya@northwind.example',
      phone: '+1 555 0101',
      mobile: '+1 555 0199',
      active: true,
    })
    expect(contact.customFields.find((field) => field.id === '17')).toEqual({
      id: '17',
      name: 'VIP',
      type: 'boolean',
      value: true,
    })
    const stored = db().contacts.get(Number(contact.id))!
    const itemIds = stored.communicationItems.map((item) => item.id)
    const updated = await send('PATCH', `/contacts/${contact.id}`, {
      email: 'maya.okafor@northwind.example',
      mobile: null,
      active: false,
      customFields: [{ id: '19', value: 12 }],
    })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(json<Contact>(updated)).toMatchObject({
      email: 'maya.okafor@northwind.example',
      phone: '+1 555 0101',
      mobile: null,
      active: false,
    })
    // The email item changed in place; the custom field set before is still set.
    expect(stored.communicationItems.map((item) => item.id)).toEqual(itemIds.slice(0, 2))
    expect(stored.customFieldValues).toEqual({ 17: true, 19: 12 })
  })
})

describe('agents and boards', () => {
  it('lists members as agents and service boards as boards, the ids tickets carry', async () => {
    const agents = await get<{ data: Array<{ id: string; name: string; active: boolean }> }>(
      '/agents?pageSize=100',
    )
    expect(agents.data).toHaveLength(db().members.size)
    const member = [...db().members.values()][0]!
    expect(await get(`/agents/${member.id}`)).toMatchObject({
      id: String(member.id),
      name: `${member.firstName} ${member.lastName}`,
      email: member.officeEmail,
      active: !member.inactiveFlag,
    })
    const boards = await get<{ data: Array<{ id: string; active: boolean }> }>('/boards')
    expect(boards.data.map((board) => board.id)).toEqual([...db().boards.keys()].map(String))
    const connection = await gateway.app.inject({ method: 'GET', url: '/v1/connections' })
    expect(JSON.stringify(json(connection))).toContain('"boards":true')
  })
})

describe('custom fields', () => {
  it('lists each resource’s definitions in /meta, typed, with the options of a list', async () => {
    const meta = await get<{ customFields: CustomFieldDefinition[] }>('/meta/tickets')
    expect(meta.customFields).toEqual([
      { id: '1', name: 'Billing code', type: 'text', required: false, options: null },
      { id: '2', name: 'Hours quoted', type: 'number', required: false, options: null },
      { id: '3', name: 'After hours', type: 'boolean', required: false, options: null },
      { id: '4', name: 'Follow-up date', type: 'date', required: false, options: null },
      {
        id: '5',
        name: 'Impact area',
        type: 'select',
        required: false,
        options: ['Network', 'Email', 'Hardware', 'Software'],
      },
    ])
    for (const [resource, first] of [
      ['customers', 'Account tier'],
      ['assets', 'Asset tag'],
      ['contacts', 'Preferred language'],
    ] as const) {
      const { customFields } = await get<{ customFields: CustomFieldDefinition[] }>(`/meta/${resource}`)
      expect(customFields[0]?.name, resource).toBe(first)
    }
  })

  it('creates a ticket with a contact, an assignee, a board and custom fields, all read back resolved', async () => {
    const contact = [...db().contacts.values()].find((candidate) => candidate.companyId === 3)!
    const member = [...db().members.values()].find((candidate) => !candidate.inactiveFlag)!
    const created = await send('POST', '/tickets', {
      subject: 'Printer on fire',
      customerId: '3',
      contactId: String(contact.id),
      assigneeId: String(member.id),
      boardId: '1',
      customFields: [
        { id: '1', value: 'AC-7' },
        { id: '4', value: '2025-03-04' },
      ],
    })
    expect(created.statusCode, created.body).toBe(201)
    const ticket = json<Ticket>(created)
    expect(ticket).toMatchObject({
      contact: { id: String(contact.id) },
      assignee: { id: String(member.id) },
      board: { id: '1' },
    })
    expect(ticket.customFields.filter((field) => field.value !== null)).toEqual([
      { id: '1', name: 'Billing code', type: 'text', value: 'AC-7' },
      { id: '4', name: 'Follow-up date', type: 'date', value: '2025-03-04' },
    ])
    // An update of one field sends the whole set (ConnectWise clears what a write leaves out).
    const updated = await send('PATCH', `/tickets/${ticket.id}`, { customFields: [{ id: '3', value: true }] })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(json<Ticket>(updated).customFields.filter((field) => field.value !== null)).toEqual([
      { id: '1', name: 'Billing code', type: 'text', value: 'AC-7' },
      { id: '3', name: 'After hours', type: 'boolean', value: true },
      { id: '4', name: 'Follow-up date', type: 'date', value: '2025-03-04' },
    ])
    const bad = await send('PATCH', `/tickets/${ticket.id}`, {
      customFields: [{ id: '5', value: 'Printers' }],
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('customFields.5')
  })

  it('writes custom fields of customers and assets, keeping the ones not written', async () => {
    const company = [...db().companies.values()].find(
      (candidate) => !candidate.deletedFlag && Object.keys(candidate.customFieldValues).length === 0,
    )!
    const patched = await send('PATCH', `/customers/${company.id}`, {
      customFields: [{ id: '7', value: 40 }],
    })
    expect(patched.statusCode, patched.body).toBe(200)
    await send('PATCH', `/customers/${company.id}`, { customFields: [{ id: '8', value: true }] })
    expect(db().companies.get(company.id)!.customFieldValues).toEqual({ 7: 40, 8: true })
    const asset = await send('POST', '/assets', {
      name: 'LAPTOP-42',
      customerId: String(company.id),
      typeId: '1',
      customFields: [{ id: '15', value: 'Remote' }],
    })
    expect(asset.statusCode, asset.body).toBe(201)
    expect(
      json<{ customFields: Array<{ id: string; value: unknown }> }>(asset).customFields[4],
    ).toMatchObject({
      id: '15',
      value: 'Remote',
    })
  })

  it('refuses what ConnectWise cannot store before any call (write rules)', async () => {
    gateway.emulator.resetStats()
    const withEmail = await send('POST', '/customers', { name: 'Mailable', email: 'a@b.example' })
    const withManufacturer = await send('PATCH', '/assets/1', { manufacturer: 'Dell' })
    expect([withEmail.statusCode, withManufacturer.statusCode]).toEqual([400, 400])
    expect(gateway.emulator.stats.accepted.filter((request) => request.method !== 'GET')).toEqual([])
    const meta = await get<{ create: Array<{ name: string }> }>('/meta/customers')
    expect(meta.create.map((field) => field.name)).not.toContain('email')
  })
})
