import { describe, expect, it } from 'vitest'
import { api, cw, fieldErrors, listIds, q, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

type Field = { id: number; caption: string; value: unknown }
const valueOf = (record: { customFields: Field[] }, id: number) =>
  record.customFields.find((field) => field.id === id)?.value
const newTicket = (customFields?: unknown) =>
  api('/service/tickets', {
    method: 'POST',
    body: { summary: 'Custom', company: { id: 3 }, ...(customFields === undefined ? {} : { customFields }) },
  })

describe('custom field definitions', () => {
  it('lists the definitions of every screen in the captured shape, filterable by screen', async () => {
    const { status, json } = await api('/system/userDefinedFields?pageSize=100')
    expect(status).toBe(200)
    expect(json).toHaveLength(cw.db.userDefinedFields.size)
    const list = json.find((definition: { id: number }) => definition.id === 16)
    expect(list).toEqual({
      id: 16,
      podId: 4,
      podDescription: 'Contact Overview',
      caption: 'Preferred language',
      sequenceNumber: 1,
      screenId: 'ct300',
      screenDescription: 'Contact',
      fieldTypeIdentifier: 'Text',
      numberDecimals: 0,
      entryTypeIdentifier: 'List',
      requiredFlag: false,
      displayOnScreenFlag: true,
      readOnlyFlag: false,
      listViewFlag: true,
      options: [
        {
          id: expect.any(Number),
          optionValue: 'English',
          defaultFlag: false,
          inactiveFlag: false,
          sortOrder: 0,
        },
        {
          id: expect.any(Number),
          optionValue: 'French',
          defaultFlag: false,
          inactiveFlag: false,
          sortOrder: 1,
        },
        {
          id: expect.any(Number),
          optionValue: 'Spanish',
          defaultFlag: false,
          inactiveFlag: false,
          sortOrder: 2,
        },
      ],
      connectWiseID: expect.stringMatching(/^[0-9a-f-]{36}$/),
      dateCreated: expect.any(String),
      businessUnitIds: [],
      locationIds: [],
      displayScreenInASIO: false,
      _info: {},
    })
    expect(json.find((definition: { id: number }) => definition.id === 17)).not.toHaveProperty('options')
    expect(await listIds('/system/userDefinedFields', q('screenId = "ct300"'))).toEqual([16, 17, 18, 19, 20])
    expect((await api(`/system/userDefinedFields/count?${q('screenId = "sr100"')}`)).json).toEqual({
      count: 5,
    })
    const types = new Set(
      json.map((definition: { fieldTypeIdentifier: string }) => definition.fieldTypeIdentifier),
    )
    for (const type of ['Text', 'Number', 'Checkbox', 'Date', 'Currency', 'TextArea', 'Hyperlink'])
      expect(types.has(type), type).toBe(true)
    expect((await api('/system/userDefinedFields/7')).json).toMatchObject({
      caption: 'Seats',
      screenId: 'cp100',
    })
    expect((await api('/system/userDefinedFields/999')).status).toBe(404)
  })

  it('seeds values on some records of every resource', () => {
    for (const table of [cw.db.tickets, cw.db.companies, cw.db.configurations, cw.db.contacts]) {
      const withValues = [...table.values()].filter(
        (record) => Object.keys(record.customFieldValues).length > 0,
      )
      expect(withValues.length).toBeGreaterThan(0)
      expect(withValues.length).toBeLessThan(table.size)
    }
  })
})

describe('custom field values', () => {
  it('stores each type as it holds it and answers every field of the screen', async () => {
    const created = await newTicket([
      { id: 1, caption: 'ignored', type: 'Number', value: 'BX-100' },
      { id: 2, value: 2.26 },
      { id: 3, value: false },
      { id: 4, value: '2025-03-04' },
      { id: 5, value: 'email' },
    ])
    expect(created.status).toBe(201)
    expect(created.json.customFields).toEqual([
      expect.objectContaining({
        id: 1,
        caption: 'Billing code',
        type: 'Text',
        entryMethod: 'EntryField',
        value: 'BX-100',
      }),
      expect.objectContaining({ id: 2, type: 'Number', numberOfDecimals: 1, value: 2.3 }),
      expect.objectContaining({ id: 3, type: 'Checkbox', value: false }),
      expect.objectContaining({ id: 4, type: 'Date', entryMethod: 'Date', value: '2025-03-04T00:00:00Z' }),
      expect.objectContaining({ id: 5, entryMethod: 'List', value: 'Email' }),
    ])
    expect((await api(`/service/tickets/${created.json.id}`)).json.customFields).toEqual(
      created.json.customFields,
    )
  })

  it('gives a new record its default options, and none when the write sends the fields', async () => {
    const company = await api('/company/companies', {
      method: 'POST',
      body: { identifier: 'TierDefault', name: 'Tier default', city: 'Salem' },
    })
    expect(valueOf(company.json, 6)).toBe('Bronze')
    const chosen = await api('/company/companies', {
      method: 'POST',
      body: {
        identifier: 'TierGold',
        name: 'Tier gold',
        city: 'Salem',
        customFields: [{ id: 6, value: 'gold' }],
      },
    })
    expect(valueOf(chosen.json, 6)).toBe('Gold')
    const none = await api('/company/companies', {
      method: 'POST',
      body: { identifier: 'TierNone', name: 'Tier none', city: 'Salem', customFields: [] },
    })
    expect(valueOf(none.json, 6)).toBeNull()
  })

  it('refuses a value its field cannot hold, naming the field, and creates nothing', async () => {
    const count = cw.db.tickets.size
    for (const [customFields, message] of [
      [[{ id: 2, value: 'twelve' }], 'Custom field 2 ("Hours quoted", Number) must be a number.'],
      [[{ id: 3, value: 'true' }], 'Custom field 3 ("After hours", Checkbox) must be true or false.'],
      [
        [{ id: 4, value: '31/01/2025' }],
        'Custom field 4 ("Follow-up date", Date) must be a date like 2025-01-31T00:00:00Z.',
      ],
      [
        [{ id: 5, value: 'Printers' }],
        'Custom field 5 ("Impact area", Text) must be one of Network, Email, Hardware, Software.',
      ],
      [[{ id: 1, value: 7 }], 'Custom field 1 ("Billing code", Text) must be text.'],
      [[{ id: 16, value: 'English' }], 'There is no custom field 16 on the Service Ticket screen.'],
      [[{ value: 'x' }], 'Each custom field must be an object with the id of its definition.'],
      [
        [
          { id: 1, value: 'a' },
          { id: 1, value: 'b' },
        ],
        'Custom field 1 is given twice.',
      ],
      [{ id: 1, value: 'a' }, 'customFields must be a list of {"id": 5, "value": ...}.'],
    ] as const) {
      const result = await newTicket(customFields)
      expect(result.status, message).toBe(400)
      expect(result.json.errors).toEqual([
        { code: 'InvalidArgument', message, resource: 'ticket', field: 'customFields' },
      ])
    }
    expect(cw.db.tickets.size).toBe(count)
  })

  it('takes the whole set on a PATCH: the fields left out are cleared', async () => {
    const created = await newTicket([
      { id: 1, value: 'AC-1' },
      { id: 3, value: true },
    ])
    const url = `/service/tickets/${created.json.id}`
    const untouched = await api(url, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'Renamed' }],
    })
    expect([valueOf(untouched.json, 1), valueOf(untouched.json, 3)]).toEqual(['AC-1', true])
    const replaced = await api(url, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'customFields', value: [{ id: 3, value: false }] }],
    })
    expect([valueOf(replaced.json, 1), valueOf(replaced.json, 3)]).toEqual([null, false])
    const byPosition = await api(url, {
      method: 'PATCH',
      body: [{ op: 'replace', path: '/customFields/0/value', value: 'DV-9' }],
    })
    expect([valueOf(byPosition.json, 1), valueOf(byPosition.json, 3)]).toEqual(['DV-9', false])
    const refused = await api(url, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'customFields', value: [{ id: 2, value: true }] }],
    })
    expect(fieldErrors(refused)).toEqual(['customFields:InvalidArgument'])
  })

  it('writes them on configurations and contacts too', async () => {
    const configuration = cw.db.configurations.get(1)
    const patched = await api('/company/configurations/1', {
      method: 'PATCH',
      body: [
        {
          op: 'replace',
          path: 'customFields',
          value: [
            { id: 12, value: 1234.567 },
            { id: 15, value: 'remote' },
          ],
        },
      ],
    })
    expect(patched.status).toBe(200)
    expect([valueOf(patched.json, 12), valueOf(patched.json, 15)]).toEqual([1234.57, 'Remote'])
    expect(configuration?.customFieldValues).toEqual({ 12: 1234.57, 15: 'Remote' })
    const contact = await api('/company/contacts', {
      method: 'POST',
      body: { firstName: 'Custom', customFields: [{ id: 20, value: 'https://example.com/in/custom' }] },
    })
    expect(valueOf(contact.json, 20)).toBe('https://example.com/in/custom')
  })

  it('keeps a field by id when its caption changes', async () => {
    const created = await newTicket([{ id: 1, value: 'CT-5' }])
    const definition = cw.db.userDefinedFields.get(1)
    if (!definition) throw new Error('no definition 1')
    const caption = definition.caption
    definition.caption = 'Cost centre'
    try {
      const { json } = await api(`/service/tickets/${created.json.id}`)
      expect(json.customFields[0]).toMatchObject({ id: 1, caption: 'Cost centre', value: 'CT-5' })
    } finally {
      definition.caption = caption
    }
  })
})
