import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agent } from '../../src/canonical/agent.js'
import type { Contact } from '../../src/canonical/contact.js'
import type { CustomFieldDefinition } from '../../src/canonical/custom-field.js'
import type { Board } from '../../src/canonical/reference.js'
import type { Ticket } from '../../src/canonical/ticket.js'
import { json, startGateway, startHaloGateway, type Gateway, type HaloGateway } from '../helpers/gateway.js'
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js'
import { walkList } from '../helpers/walk.js'

// HaloPSA's contacts (end-users), agents, boards (teams) and custom fields through the gateway.

let gateway: HaloGateway
let proxy: RecordingProxy
let recorded: Gateway
const base = '/v1/connections/halopsa-test'
const recordedBase = '/v1/connections/halopsa-recorded'

beforeAll(async () => {
  gateway = await startHaloGateway()
  proxy = await startRecordingProxy(gateway.emulator.origin)
  recorded = await startGateway([{ ...gateway.connection, id: 'halopsa-recorded', baseUrl: proxy.origin }])
})
afterAll(async () => {
  await recorded?.close()
  await proxy?.close()
  await gateway?.close()
})

const db = () => gateway.emulator.db
const clientOfSite = (siteId: number) => db().sites.get(siteId)?.client_id
const lastPost = (path: string) =>
  JSON.parse(proxy.requests.findLast((r) => r.method === 'POST' && r.url === path)!.body) as unknown[]
const send = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
  const response = await gateway.app.inject({ method, url: `${base}${url}`, payload })
  return { status: response.statusCode, body: json<Record<string, unknown>>(response) }
}

describe('contacts', () => {
  it("lists every end-user, inactive ones too, a customer's with customerId, and searches with q", async () => {
    const all = (await walkList<Contact>(gateway.app, `${base}/contacts`, { pageSize: '250' })).records
    expect(all.map((contact) => Number(contact.id)).sort((a, b) => a - b)).toEqual([...db().users.keys()])
    const inactive = [...db().users.values()].find((user) => user.inactive)!
    const read = all.find((contact) => contact.id === String(inactive.id))!
    expect(read).toMatchObject({
      firstName: inactive.firstname,
      lastName: inactive.surname,
      name: `${inactive.firstname} ${inactive.surname}`,
      email: inactive.emailaddress,
      phone: inactive.phonenumber,
      mobile: inactive.mobilenumber,
      title: inactive.title,
      active: false,
      customer: { id: String(clientOfSite(inactive.site_id)) },
    })
    const clientId = clientOfSite(inactive.site_id)!
    const ofClient = json<{ data: Contact[] }>(
      await gateway.app.inject(`${base}/contacts?customerId=${clientId}&pageSize=100`),
    ).data
    expect(ofClient.map((contact) => Number(contact.id)).sort((a, b) => a - b)).toEqual(
      [...db().users.values()]
        .filter((user) => clientOfSite(user.site_id) === clientId)
        .map((user) => user.id),
    )
    const found = json<{ data: Contact[] }>(
      await gateway.app.inject(`${base}/contacts?q=${encodeURIComponent(inactive.surname)}&pageSize=100`),
    ).data
    expect(found.map((contact) => contact.id)).toContain(String(inactive.id))
  })

  it('refuses the date filters /Users has not (its lastupdatefromdate is a boolean)', async () => {
    const response = await gateway.app.inject(`${base}/contacts?updatedSince=2025-01-01T00:00:00Z`)
    expect([response.statusCode, json<{ code: string }>(response).code]).toEqual([400, 'unsupported_filter'])
  })

  it("creates a contact at the customer's main site, and updates only what is sent", async () => {
    const client = [...db().clients.values()].find((candidate) => !candidate.inactive)!
    const created = await recorded.app.inject({
      method: 'POST',
      url: `${recordedBase}/contacts`,
      payload: {
        customerId: String(client.id),
        firstName: 'Maya',
        lastName: 'Okafor',
        email: 'maya@x.example',
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const contact = json<Contact>(created)
    expect(contact).toMatchObject({
      customer: { id: String(client.id), name: client.name },
      name: 'Maya Okafor',
      email: 'maya@x.example',
      active: true,
    })
    expect(lastPost('/api/Users')).toEqual([
      {
        name: 'Maya Okafor',
        firstname: 'Maya',
        surname: 'Okafor',
        emailaddress: 'maya@x.example',
        site_id: client.main_site_id,
        client_id: client.id,
      },
    ])
    const updated = await recorded.app.inject({
      method: 'PATCH',
      url: `${recordedBase}/contacts/${contact.id}`,
      payload: { lastName: 'Reyes', title: 'Practice manager', active: false },
    })
    expect(json<Contact>(updated)).toMatchObject({
      name: 'Maya Reyes',
      title: 'Practice manager',
      active: false,
    })
    expect(lastPost('/api/Users')).toEqual([
      { id: Number(contact.id), surname: 'Reyes', title: 'Practice manager', inactive: true },
    ]) // Naming the customer it already has leaves the contact at its site (it may be another than the main one).
    await recorded.app.inject({
      method: 'PATCH',
      url: `${recordedBase}/contacts/${contact.id}`,
      payload: { customerId: String(client.id), title: 'Owner' },
    })
    expect(lastPost('/api/Users')).toEqual([{ id: Number(contact.id), title: 'Owner' }])
  })

  it("turns Halo's refusals into canonical fields; an unknown customer is a 400 before the write", async () => {
    const bad = await send('POST', '/contacts', { customerId: '1', firstName: 'A', email: 'not-an-address' })
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'email' })])
    const before = db().users.size
    const unknown = await send('POST', '/contacts', { customerId: '99999', firstName: 'A' })
    expect([unknown.status, (unknown.body.errors as Array<{ field: string }>)[0]?.field]).toEqual([
      400,
      'customerId',
    ])
    expect(db().users.size).toBe(before)
    expect((await gateway.app.inject(`${base}/contacts/999999`)).statusCode).toBe(404)
  })

  it("names a ticket's contact by the contact's id", async () => {
    const ticket = [...db().tickets.values()].find((candidate) => candidate.user_id !== null)!
    const read = json<Ticket>(await gateway.app.inject(`${base}/tickets/${ticket.id}`))
    const contact = json<Contact>(await gateway.app.inject(`${base}/contacts/${read.contact!.id}`))
    expect(contact.id).toBe(String(ticket.user_id))
    expect(read.contact?.name).toBe(contact.name)
  })
})

describe('agents and boards', () => {
  it('lists agents (disabled ones inactive) from one cached call, and finds the assignee and comment authors', async () => {
    proxy.requests.length = 0
    const agents = json<{ data: Agent[] }>(
      await recorded.app.inject(`${recordedBase}/agents?pageSize=100`),
    ).data
    expect(agents.map((agent) => agent.id)).toEqual([...db().agents.keys()].map(String))
    const disabled = [...db().agents.values()].find((agent) => agent.isdisabled)!
    expect(agents.find((agent) => agent.id === String(disabled.id))).toMatchObject({
      name: `${disabled.firstname} ${disabled.surname}`,
      email: disabled.email,
      active: false,
    })
    await recorded.app.inject(`${recordedBase}/agents/${disabled.id}`)
    expect(proxy.requests.filter((r) => r.url.startsWith('/api/Agent'))).toHaveLength(1)
    const ticket = [...db().tickets.values()].find((candidate) => candidate.agent_id !== null)!
    const assignee = json<Ticket>(await gateway.app.inject(`${base}/tickets/${ticket.id}`)).assignee!
    expect(agents.find((agent) => agent.id === assignee.id)?.name).toBe(assignee.name)
  })

  it("lists the teams as boards, a ticket's board among them", async () => {
    const boards = json<{ data: Board[] }>(await gateway.app.inject(`${base}/boards`)).data
    expect(boards).toEqual(
      [...db().teams.values()].map((team) => ({ id: String(team.id), name: team.name, active: true })),
    )
  })
})

describe('custom fields', () => {
  const definitions = async (resource: string) =>
    json<{ customFields: CustomFieldDefinition[] }>(await gateway.app.inject(`${base}/meta/${resource}`))
      .customFields

  it('describes each resource’s fields with canonical types and a selection’s options', async () => {
    const tickets = await definitions('tickets')
    expect(tickets.map((field) => field.type).sort()).toEqual(['boolean', 'date', 'number', 'select', 'text'])
    const tier = (await definitions('customers')).find((field) => field.type === 'select')!
    expect(tier).toEqual({
      id: expect.any(String),
      name: 'Support Tier',
      type: 'select',
      required: false,
      options: ['Bronze', 'Silver', 'Gold'],
    })
    for (const resource of ['assets', 'contacts']) expect((await definitions(resource)).length).toBe(5)
  })

  it('reads values of every type on tickets, customers, assets and contacts', async () => {
    const client = [...db().clients.values()].find((candidate) => candidate.customfields.length >= 3)!
    const read = json<{ customFields: Array<{ id: string; type: string; value: unknown }> }>(
      await gateway.app.inject(`${base}/customers/${client.id}`),
    ).customFields
    expect(read.map((field) => field.id)).toEqual(
      [...db().customFields.values()].filter((field) => field.usage === 2).map((field) => String(field.id)),
    )
    for (const stored of client.customfields) {
      const value = read.find((field) => field.id === String(stored.id))!.value
      const field = db().customFields.get(stored.id)!
      if (field.type === 2)
        expect(value).toBe(field.values.find((choice) => choice.id === stored.value)?.name)
      else if (field.type === 4) expect(value).toBe(String(stored.value).slice(0, 10))
      else if (field.inputtype === 1 || field.inputtype === 4) expect(value).toBe(Number(stored.value))
      else expect(value).toBe(stored.value)
    }
  })

  it('writes them by id, a selection by its option name, and refuses a wrong type before any call', async () => {
    const fields = await definitions('assets')
    const byType = (type: string) => fields.find((field) => field.type === type)!
    const asset = [...db().assets.values()][0]!
    const response = await recorded.app.inject({
      method: 'PATCH',
      url: `${recordedBase}/assets/${asset.id}`,
      payload: {
        customFields: [
          { id: byType('select').id, value: 'High' },
          { id: byType('number').id, value: 1249.5 },
          { id: byType('boolean').id, value: true },
          { id: byType('date').id, value: '2024-02-29' },
          { id: byType('text').id, value: null },
        ],
      },
    })
    expect(response.statusCode, response.body).toBe(200)
    const criticality = db().customFields.get(Number(byType('select').id))!
    expect(lastPost('/api/Asset')).toEqual([
      {
        id: asset.id,
        customfields: [
          {
            id: Number(byType('select').id),
            value: criticality.values.find((choice) => choice.name === 'High')!.id,
          },
          { id: Number(byType('number').id), value: 1249.5 },
          { id: Number(byType('boolean').id), value: true },
          { id: Number(byType('date').id), value: '2024-02-29' },
          { id: Number(byType('text').id), value: null },
        ],
      },
    ])
    const values = Object.fromEntries(
      json<{ customFields: Array<{ type: string; value: unknown }> }>(response).customFields.map((field) => [
        field.type,
        field.value,
      ]),
    )
    expect(values).toEqual({ select: 'High', number: 1249.5, boolean: true, date: '2024-02-29', text: null })

    const calls = proxy.requests.length
    const wrong = await recorded.app.inject({
      method: 'PATCH',
      url: `${recordedBase}/assets/${asset.id}`,
      payload: { customFields: [{ id: byType('number').id, value: 'lots' }] },
    })
    expect(wrong.statusCode).toBe(400)
    expect(proxy.requests.slice(calls).filter((r) => r.method === 'POST')).toEqual([])
  })

  it('writes them on a new ticket and a new contact', async () => {
    const ticketFields = await definitions('tickets')
    const flag = ticketFields.find((field) => field.type === 'boolean')!
    const created = await send('POST', '/tickets', {
      subject: 'With a flag',
      customerId: '1',
      customFields: [{ id: flag.id, value: true }],
    })
    expect(created.status).toBe(201)
    expect(
      (created.body.customFields as Array<{ id: string; value: unknown }>).find((f) => f.id === flag.id)
        ?.value,
    ).toBe(true)
    const contactFields = await definitions('contacts')
    const preferred = contactFields.find((field) => field.type === 'select')!
    const contact = await send('POST', '/contacts', {
      customerId: '1',
      firstName: 'Lee',
      customFields: [{ id: preferred.id, value: 'Mobile' }],
    })
    expect(contact.status).toBe(201)
    expect(
      (contact.body.customFields as Array<{ id: string; value: unknown }>).find((f) => f.id === preferred.id)
        ?.value,
    ).toBe('Mobile')
  })
})

describe('write rules', () => {
  it("refuses a customer's email, phone or address, and an asset without a type, before any call", async () => {
    const calls = proxy.requests.length
    const email = await recorded.app.inject({
      method: 'POST',
      url: `${recordedBase}/customers`,
      payload: { name: 'Mail Ltd', email: 'a@b.example' },
    })
    expect([email.statusCode, json<{ errors: Array<{ field: string }> }>(email).errors[0]?.field]).toEqual([
      400,
      'email',
    ])
    const untyped = await recorded.app.inject({
      method: 'POST',
      url: `${recordedBase}/assets`,
      payload: { name: 'NO-TYPE', customerId: '1' },
    })
    expect([
      untyped.statusCode,
      json<{ errors: Array<{ field: string }> }>(untyped).errors[0]?.field,
    ]).toEqual([400, 'typeId'])
    expect(proxy.requests.slice(calls).filter((r) => r.method === 'POST')).toEqual([])
    const meta = json<{ create: Array<{ name: string; required: boolean }> }>(
      await gateway.app.inject(`${base}/meta/customers`),
    )
    expect(meta.create.map((field) => field.name)).not.toContain('email')
  })
})
