import { describe, expect, it } from 'vitest'
import { api, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

interface FieldJson {
  id: number
  name: string
  field_type: string
  ticket_type_id?: number
  asset_type_id?: number
  answers: { id: number; content: string; [owner: string]: unknown }[]
}

const KINDS = ['text_field', 'select_box', 'check_box', 'date_field', 'number_field']

describe('custom fields', () => {
  it('defines customer fields of every kind in GET /settings, their choices in customer_field_answers', async () => {
    const { customers } = (await api('/settings')).json
    const fields = customers.customer_fields as FieldJson[]
    expect(new Set(fields.map((field) => field.field_type))).toEqual(new Set(KINDS))
    const dropDown = fields.find((field) => field.field_type === 'select_box')!
    expect(dropDown.answers.length).toBeGreaterThan(1)
    expect(dropDown.answers[0]).toMatchObject({ customer_field_id: dropDown.id })
    expect(customers.customer_field_answers).toEqual(fields.flatMap((field) => field.answers))
  })

  it('gives businesses values keyed by field name, as text', async () => {
    const names = new Set(
      ((await api('/settings')).json.customers.customer_fields as FieldJson[]).map((f) => f.name),
    )
    const listed = (await api('/customers?include_disabled=true')).json.customers
    const withValues = listed.filter(
      (customer: { properties: object }) => Object.keys(customer.properties).length > 0,
    )
    expect(withValues.length).toBeGreaterThan(10)
    for (const customer of withValues) {
      for (const [name, value] of Object.entries(customer.properties)) {
        expect(names.has(name), name).toBe(true)
        expect(typeof value).toBe('string')
      }
    }
  })

  it('defines fields per ticket type, the same in both settings and in each type', async () => {
    const settings = (await api('/settings')).json.ticket
    const ticketSettings = (await api('/tickets/settings')).json
    expect(ticketSettings.ticket_type_fields).toEqual(settings.ticket_type_fields)
    expect(ticketSettings.ticket_type_field_answers).toEqual(settings.ticket_type_field_answers)
    const fields = settings.ticket_type_fields as FieldJson[]
    expect(new Set(fields.map((field) => field.field_type))).toEqual(new Set([...KINDS, 'text_area']))
    for (const type of settings.ticket_types as { id: number; ticket_fields: FieldJson[] }[]) {
      expect(type.ticket_fields).toEqual(fields.filter((field) => field.ticket_type_id === type.id))
      expect(type.ticket_fields.length).toBeGreaterThan(0)
    }
  })

  it("shows a typed ticket's fields, its values by field name and the chosen drop-down answers", async () => {
    const ticketId = [...syncro.db.tickets.values()].find(
      (ticket) =>
        ticket.ticket_type_id !== null &&
        syncro.db.ticketFieldsOf(ticket.ticket_type_id).some((field) => field.field_type === 'select_box') &&
        Object.keys(ticket.properties).some((name) => name === 'Device Type' || name === 'Department'),
    )!.id
    const { ticket } = (await api(`/tickets/${ticketId}`)).json
    expect(ticket.ticket_fields).toEqual(ticket.ticket_type.ticket_fields)
    const names = (ticket.ticket_fields as FieldJson[]).map((field) => field.name)
    expect(Object.keys(ticket.properties).every((name) => names.includes(name))).toBe(true)
    const chosen = (ticket.ticket_fields as FieldJson[])
      .filter((field) => field.field_type === 'select_box')
      .flatMap((field) => field.answers.filter((answer) => answer.content === ticket.properties[field.name]))
    expect(chosen.length).toBeGreaterThan(0)
    expect(ticket.ticket_answers).toEqual(chosen)

    const untyped = [...syncro.db.tickets.values()].find((candidate) => candidate.ticket_type_id === null)!
    expect((await api(`/tickets/${untyped.id}`)).json.ticket).toMatchObject({
      ticket_fields: [],
      ticket_answers: [],
      properties: {},
    })
  })

  it("names the asset types and their fields; the seeded assets' properties are their type's fields", async () => {
    const { assets } = (await api('/settings')).json
    const types = new Map<string, number>(
      assets.asset_types.map((type: { id: number; name: string }) => [type.name, type.id]),
    )
    const fields = assets.asset_type_fields as FieldJson[]
    expect(new Set(fields.map((field) => field.field_type))).toEqual(new Set(KINDS))
    expect(assets.asset_type_field_answers.length).toBeGreaterThan(0)
    expect(assets.asset_type_field_answers[0]).toHaveProperty('asset_type_field_id')
    for (const asset of syncro.db.assets.values()) {
      const typeName = syncro.db.assetTypes.get(asset.asset_type_id)!.name
      const own = fields.filter((field) => field.asset_type_id === types.get(typeName)).map((f) => f.name)
      expect(own, typeName).toEqual(expect.arrayContaining(Object.keys(asset.properties)))
    }
  })

  it('stores properties as sent (any key, any JSON value), a write replacing the whole set', async () => {
    const created = await api('/tickets', {
      method: 'POST',
      body: {
        customer_id: 1,
        subject: 'Typed fields',
        ticket_type_id: 1,
        properties: { 'Device Type': 'Laptop', 'Affected Users': 4, 'Not defined': true },
      },
    })
    const ticket = created.json.ticket
    expect(ticket.properties).toEqual({ 'Device Type': 'Laptop', 'Affected Users': 4, 'Not defined': true })
    expect(ticket.ticket_answers).toEqual([
      expect.objectContaining({ content: 'Laptop', ticket_field_id: expect.any(Number) }),
    ])
    const updated = await api(`/tickets/${ticket.id}`, {
      method: 'PUT',
      body: { properties: { 'Purchase Date': '2025-01-31' } },
    })
    expect(updated.json.ticket.properties).toEqual({ 'Purchase Date': '2025-01-31' })
    expect(updated.json.ticket.ticket_answers).toEqual([])

    const customer = await api('/customers/2', { method: 'PUT', body: { properties: { Seats: '12' } } })
    expect(customer.json.customer.properties).toEqual({ Seats: '12' })
    const asset = await api('/customer_assets/1', { method: 'PUT', body: { properties: { OS: 4 } } })
    expect(asset.json.asset.properties).toEqual({ OS: 4 })
  })
})
