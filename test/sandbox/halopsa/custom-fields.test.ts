import { describe, expect, it } from 'vitest'
import { CUSTOM_FIELD_TYPE, CUSTOM_FIELD_USAGE } from '../../../sandbox/halopsa/records.js'
import { api, halo, useHaloEmulator } from './helpers.js'

// Custom fields: the definitions (GET /FieldInfo) and the values on tickets, clients, assets and end-users
// (`customfields[]`), written as `[{id or name, value}]` in each record's POST and converted by the field's type.

useHaloEmulator()

const fieldsOf = (usage: number) =>
  [...halo.db.customFields.values()].filter((field) => field.usage === usage)
const fieldOf = (usage: number, type: number, inputtype = 0) =>
  fieldsOf(usage).find((field) => field.type === type && field.inputtype === inputtype)!

type Entry = { id: number; name: string; label: string; type: number; value: unknown; display: string | null }
const entry = (record: { customfields: Entry[] }, id: number) =>
  record.customfields.find((cf) => cf.id === id)

describe('GET /FieldInfo', () => {
  it('lists one kind of record’s definitions by typeid, with selection values when asked', async () => {
    for (const usage of Object.values(CUSTOM_FIELD_USAGE)) {
      const listed = (await api(`/FieldInfo?typeid=${usage}`)).json as Array<{ id: number; usage: number }>
      expect(listed.map((field) => field.id)).toEqual(fieldsOf(usage).map((field) => field.id))
    }
    const types = new Set(fieldsOf(CUSTOM_FIELD_USAGE.ticket).map((field) => field.type))
    expect(types).toEqual(
      new Set(Object.values(CUSTOM_FIELD_TYPE).filter((type) => type !== CUSTOM_FIELD_TYPE.memo)),
    )
    const selection = fieldOf(CUSTOM_FIELD_USAGE.client, CUSTOM_FIELD_TYPE.singleSelection)
    const all = (await api('/FieldInfo')).json as Array<{ id: number; values?: unknown }>
    expect(all).toHaveLength(halo.db.customFields.size)
    expect(all.find((field) => field.id === selection.id)).not.toHaveProperty('values')
    const withValues = (await api('/FieldInfo?typeid=2&includevalues=true')).json as Array<{ id: number }>
    expect(withValues.find((field) => field.id === selection.id)).toMatchObject({
      name: selection.name,
      label: selection.label,
      type: CUSTOM_FIELD_TYPE.singleSelection,
      values: selection.values,
    })
  })

  it('answers one definition, its values with getlookupvalues; 404 for none; refuses unemulated filters', async () => {
    const selection = fieldOf(CUSTOM_FIELD_USAGE.asset, CUSTOM_FIELD_TYPE.singleSelection)
    expect((await api(`/FieldInfo/${selection.id}`)).json).not.toHaveProperty('values')
    expect((await api(`/FieldInfo/${selection.id}?getlookupvalues=true`)).json.values).toEqual(
      selection.values,
    )
    expect((await api('/FieldInfo/9999')).status).toBe(404)
    expect((await api('/FieldInfo?fieldtype=4')).status).toBe(400)
  })
})

describe('custom field values on records', () => {
  it('shows every field of the kind on every record, with the seeded values and their display', async () => {
    const client = [...halo.db.clients.values()].find((candidate) =>
      candidate.customfields.some((cf) => typeof cf.value === 'number'),
    )!
    const answer = (await api(`/Client/${client.id}`)).json
    expect(answer.customfields.map((cf: Entry) => cf.id)).toEqual(
      fieldsOf(CUSTOM_FIELD_USAGE.client).map((field) => field.id),
    )
    const stored = client.customfields.find((cf) => typeof cf.value === 'number')!
    const field = halo.db.customFields.get(stored.id)!
    expect(entry(answer, stored.id)).toMatchObject({
      name: field.name,
      label: field.label,
      value: stored.value,
      display: field.values.find((choice) => choice.id === stored.value)?.name,
    })
    for (const usage of [CUSTOM_FIELD_USAGE.ticket, CUSTOM_FIELD_USAGE.asset, CUSTOM_FIELD_USAGE.user]) {
      const records = {
        [CUSTOM_FIELD_USAGE.ticket]: halo.db.tickets,
        [CUSTOM_FIELD_USAGE.asset]: halo.db.assets,
        [CUSTOM_FIELD_USAGE.user]: halo.db.users,
      }[usage]
      expect([...records.values()].filter((record) => record.customfields.length > 0).length).toBeGreaterThan(
        10,
      )
    }
  })

  it('writes values by id or name on each kind of record, converted by type, and clears with null', async () => {
    const ticketDate = fieldOf(CUSTOM_FIELD_USAGE.ticket, CUSTOM_FIELD_TYPE.date)
    const ticketBox = fieldOf(CUSTOM_FIELD_USAGE.ticket, CUSTOM_FIELD_TYPE.checkbox)
    const hours = fieldOf(CUSTOM_FIELD_USAGE.ticket, CUSTOM_FIELD_TYPE.text, 4)
    const ticket = (
      await api('/Tickets', {
        method: 'POST',
        body: [
          {
            summary: 'With custom fields',
            client_id: 1,
            customfields: [
              { id: ticketDate.id, value: '2025-12-01' },
              { name: ticketBox.name.toLowerCase(), value: 1 },
              { id: hours.id, value: 2.5 },
            ],
          },
        ],
      })
    ).json
    expect(entry(ticket, ticketDate.id)).toMatchObject({
      value: '2025-12-01T00:00:00',
      display: '2025-12-01T00:00:00',
    })
    expect(entry(ticket, ticketBox.id)).toMatchObject({ value: true, display: 'True' })
    // A number field's column is text: the number comes back as text.
    expect(entry(ticket, hours.id)).toMatchObject({ value: '2.5' })

    const seats = fieldOf(CUSTOM_FIELD_USAGE.client, CUSTOM_FIELD_TYPE.text, 1)
    const client = (
      await api('/Client', {
        method: 'POST',
        body: [{ id: 2, customfields: [{ id: seats.id, value: '40' }] }],
      })
    ).json
    expect(entry(client, seats.id)?.value).toBe('40')
    const cleared = (
      await api('/Client', {
        method: 'POST',
        body: [{ id: 2, customfields: [{ id: seats.id, value: null }] }],
      })
    ).json
    expect(entry(cleared, seats.id)?.value).toBeNull()

    const criticality = fieldOf(CUSTOM_FIELD_USAGE.asset, CUSTOM_FIELD_TYPE.singleSelection)
    const high = criticality.values.find((choice) => choice.name === 'High')!
    const asset = (
      await api('/Asset', {
        method: 'POST',
        body: [{ id: 3, customfields: [{ id: criticality.id, value: high.id }] }],
      })
    ).json
    expect(entry(asset, criticality.id)).toMatchObject({ value: high.id, display: 'High' })

    const pronouns = fieldOf(CUSTOM_FIELD_USAGE.user, CUSTOM_FIELD_TYPE.text)
    const user = (
      await api('/Users', {
        method: 'POST',
        body: [{ id: 4, customfields: [{ id: pronouns.id, value: 'they/them' }] }],
      })
    ).json
    expect(entry(user, pronouns.id)?.value).toBe('they/them')
    // Other fields' values stay.
    expect(halo.db.users.get(4)?.customfields.length).toBeGreaterThanOrEqual(1)
  })

  it('keeps the id when a label changes', async () => {
    const field = fieldOf(CUSTOM_FIELD_USAGE.asset, CUSTOM_FIELD_TYPE.text)
    const before = entry((await api('/Asset/1')).json, field.id)
    const label = field.label
    field.label = 'Renamed Tag'
    try {
      const after = entry((await api('/Asset/1')).json, field.id)
      expect(after).toEqual({ ...before, label: 'Renamed Tag' })
    } finally {
      field.label = label
    }
  })

  it('refuses values the type does not take and fields of another kind of record, writing nothing', async () => {
    const details = async (path: string, id: number, value: unknown) => {
      const answer = await api(path, { method: 'POST', body: [{ id: 5, customfields: [{ id, value }] }] })
      expect(answer.status).toBe(400)
      return answer.json.details
    }
    const seats = fieldOf(CUSTOM_FIELD_USAGE.client, CUSTOM_FIELD_TYPE.text, 1)
    expect(await details('/Client', seats.id, '12.5')).toEqual([
      { field: 'customfields', message: `${seats.name}: '12.5' is not a whole number` },
    ])
    const renewal = fieldOf(CUSTOM_FIELD_USAGE.client, CUSTOM_FIELD_TYPE.date)
    expect(await details('/Client', renewal.id, 'next week')).toEqual([
      { field: 'customfields', message: `${renewal.name}: 'next week' is not a date` },
    ])
    const backup = fieldOf(CUSTOM_FIELD_USAGE.client, CUSTOM_FIELD_TYPE.checkbox)
    expect(await details('/Client', backup.id, 'maybe')).toEqual([
      { field: 'customfields', message: `${backup.name}: 'maybe' is not a checkbox value` },
    ])
    const tier = fieldOf(CUSTOM_FIELD_USAGE.client, CUSTOM_FIELD_TYPE.singleSelection)
    expect(await details('/Client', tier.id, 9999)).toEqual([
      { field: 'customfields', message: `${tier.name}: '9999' is not one of its values` },
    ])
    expect(await details('/Client', tier.id, { id: 1 })).toEqual([
      { field: 'customfields', message: `${tier.name}: a custom field value must be a single value` },
    ])
    const ticketField = fieldOf(CUSTOM_FIELD_USAGE.ticket, CUSTOM_FIELD_TYPE.text)
    expect(await details('/Users', ticketField.id, 'x')).toEqual([
      { field: 'customfields', message: `Custom field ${ticketField.id} does not exist` },
    ])
    expect(halo.db.clients.get(5)?.customfields.some((cf) => cf.value === '12.5')).toBe(false)
  })
})
