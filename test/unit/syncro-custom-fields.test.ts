import { describe, expect, it } from 'vitest'
import {
  contactFromSyncro,
  contactNameParts,
  agentsFromUserList,
  syncroContactBody,
} from '../../adapters/syncro/contacts-map.js'
import {
  customFieldsOf,
  customFieldValue,
  ownerOfWrites,
  propertiesWith,
  syncroCustomFieldOf,
} from '../../adapters/syncro/custom-fields.js'
import { describeSyncroError } from '../../adapters/syncro/errors.js'
import { assetFromSyncro, ticketFromSyncro } from '../../adapters/syncro/map.js'
import { accountListsOf } from '../../adapters/syncro/reference.js'
import type { CustomFieldType } from '../../src/canonical/custom-field.js'
import { GatewayError } from '../../src/errors.js'

// The spec's POST /tickets example: two fields of ticket type 1, values keyed by name.
const deviceType = {
  id: 1,
  name: 'Device Type',
  field_type: 'select_box',
  required: null,
  ticket_type_id: 1,
  answers: [{ id: 1, ticket_field_id: 1, content: 'Hard Drive' }],
}
const maker = {
  id: 2,
  name: 'Maker',
  field_type: 'text_field',
  required: null,
  ticket_type_id: 1,
  answers: [],
}

const settings = accountListsOf({
  ticket: { ticket_type_fields: [maker, deviceType] },
  customers: { customer_fields: [{ id: 4, name: 'Seats', field_type: 'number_field', required: true }] },
  assets: {
    asset_types: [{ id: 3, name: 'Server' }],
    asset_type_fields: [{ id: 9, name: 'OS', field_type: 'number_field', asset_type_id: 3 }],
  },
})
const ticketFields = settings.customFields.tickets
const options = { statusMap: {}, priorityMap: {}, webOrigin: 'https://acme.syncromsp.com' }

describe('Syncro custom field definitions', () => {
  it('reads GET /settings: each field by its id, its kind as a canonical type, a drop-down with its choices', () => {
    expect(ticketFields).toEqual([
      { definition: { id: '2', name: 'Maker', type: 'text', required: false, options: null }, ownerId: 1 },
      {
        definition: {
          id: '1',
          name: 'Device Type',
          type: 'select',
          required: false,
          options: ['Hard Drive'],
        },
        ownerId: 1,
      },
    ])
    expect(settings.customFields.customers[0]).toEqual({
      definition: { id: '4', name: 'Seats', type: 'number', required: true, options: null },
      ownerId: null,
    })
    expect(settings.assetTypeIds).toEqual({ Server: 3 })
    expect(accountListsOf({}).customFields).toEqual({ tickets: [], customers: [], assets: [] })
  })

  it.each([
    ['text_field', 'text'],
    ['text_area', 'text'],
    ['select_box', 'select'],
    ['check_box', 'boolean'],
    ['date_field', 'date'],
    ['number_field', 'number'],
    ['something_new', 'text'],
  ])('reads the kind %s as %s', (kind, type) => {
    expect(syncroCustomFieldOf({ id: 1, field_type: kind }).definition.type).toBe(type)
  })
})

describe('Syncro custom field values', () => {
  it.each<[CustomFieldType, unknown, unknown]>([
    ['text', 'Hard Drive', 'Hard Drive'],
    ['text', 4, '4'],
    ['text', '', null],
    ['text', { nested: true }, null],
    ['number', '12', 12],
    ['number', 4, 4],
    ['number', 'twelve', null],
    ['boolean', '1', true],
    ['boolean', 'true', true],
    ['boolean', true, true],
    ['boolean', '0', false],
    ['boolean', 'maybe', null],
    ['date', '2025-03-04', '2025-03-04'],
    ['date', '2025-03-04T10:00:00Z', '2025-03-04'],
    ['date', '03/04/2025', null],
    ['select', 'Hard Drive', 'Hard Drive'],
    ['select', undefined, null],
  ])('reads a %s stored as %j as %j', (type, raw, value) => {
    expect(customFieldValue(type, raw)).toEqual(value)
  })

  it('gives a ticket the fields of its ticket type, valued by name, and none to a ticket without one', () => {
    const ticket = {
      id: 5,
      ticket_type_id: 1,
      properties: { 'Device Type': 'Hard Drive', Maker: 'Text field', Stray: 'x' },
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
    }
    expect(ticketFromSyncro(ticket, options, ticketFields).customFields).toEqual([
      { id: '2', name: 'Maker', type: 'text', value: 'Text field' },
      { id: '1', name: 'Device Type', type: 'select', value: 'Hard Drive' },
    ])
    expect(ticketFromSyncro({ ...ticket, ticket_type_id: null }, options, ticketFields).customFields).toEqual(
      [],
    )
  })

  it('gives an asset the fields of the type its name names', () => {
    const asset = { id: 1, asset_type: 'Server', properties: { OS: 4 }, created_at: '', updated_at: '' }
    expect(assetFromSyncro(asset, settings.customFields.assets, settings.assetTypeIds).customFields).toEqual([
      { id: '9', name: 'OS', type: 'number', value: 4 },
    ])
    expect(
      assetFromSyncro({ ...asset, asset_type: 'Printer' }, settings.customFields.assets, {}).customFields,
    ).toEqual([])
  })

  it('writes values in Syncro form onto the properties it has, a null removing one', () => {
    const fields = [
      ...ticketFields,
      syncroCustomFieldOf({ id: 7, name: 'Warranty', field_type: 'check_box', ticket_type_id: 1 }, 1),
      syncroCustomFieldOf({ id: 8, name: 'Count', field_type: 'number_field', ticket_type_id: 1 }, 1),
    ]
    expect(
      propertiesWith(
        { Maker: 'Acme', Other: 'kept' },
        [
          { id: '1', value: 'Hard Drive' },
          { id: '2', value: null },
          { id: '7', value: false },
          { id: '8', value: 3 },
        ],
        fields,
      ),
    ).toEqual({ Other: 'kept', 'Device Type': 'Hard Drive', Warranty: '0', Count: 3 })
  })

  it("takes the written fields' type for a record without one, and refuses fields of another type", () => {
    const fields = [...ticketFields, syncroCustomFieldOf({ id: 5, name: 'Site' }, 2)]
    expect(ownerOfWrites([{ id: '1', value: 'Hard Drive' }], fields, undefined, 'ticket type')).toBe(1)
    expect(ownerOfWrites([{ id: '1', value: 'Hard Drive' }], fields, 1, 'ticket type')).toBe(1)
    let refused: unknown
    try {
      ownerOfWrites(
        [
          { id: '1', value: 'Hard Drive' },
          { id: '5', value: 'HQ' },
        ],
        fields,
        undefined,
        'ticket type',
      )
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(GatewayError)
    expect((refused as GatewayError).extras.errors).toEqual([
      expect.objectContaining({ field: 'customFields.5' }),
    ])
  })

  it('lists every field of the record, null where unset', () => {
    expect(customFieldsOf(null, ticketFields).map((field) => field.value)).toEqual([null, null])
  })
})

describe('Syncro contacts and users', () => {
  it.each([
    ['Boba Fett', 'Boba', 'Fett'],
    ['Mary Ann  Smith', 'Mary Ann', 'Smith'],
    ['Cher', 'Cher', null],
    ['', null, null],
  ])('splits the name %j into %j and %j', (name, firstName, lastName) => {
    expect(contactNameParts(name)).toEqual({ firstName, lastName })
  })

  it('reads a contact (the spec example, without a title) as always active', () => {
    const contact = contactFromSyncro({
      id: 1,
      name: 'Boba Fett',
      email: 'jarviscorwin@hanefeeney.io',
      phone: '657.325.3258 x330',
      mobile: '(133) 358-5295',
      customer_id: 1,
      created_at: '2019-10-22T08:47:09.723Z',
      updated_at: '2019-10-22T08:47:09.723Z',
    })
    expect(contact).toMatchObject({
      id: '1',
      customer: { id: '1', name: null },
      firstName: 'Boba',
      lastName: 'Fett',
      name: 'Boba Fett',
      title: null,
      active: true,
      customFields: [],
    })
  })

  it("writes one name, keeping the other part from the contact's current name", () => {
    expect(
      syncroContactBody({ customerId: '12', firstName: 'Maya', lastName: 'Okafor', email: null }),
    ).toEqual({
      customer_id: 12,
      name: 'Maya Okafor',
      email: null,
    })
    expect(syncroContactBody({ lastName: 'Reyes' }, 'Maya Okafor')).toEqual({ name: 'Maya Reyes' })
    expect(syncroContactBody({ firstName: 'Dana' }, 'Maya Okafor')).toEqual({ name: 'Dana Okafor' })
    // A first name of two words is kept whole when only the last name changes.
    expect(syncroContactBody({ lastName: 'Jones' }, 'Mary Ann Smith')).toEqual({ name: 'Mary Ann Jones' })
    // The PUT requires the name: an update of anything else sends the current one.
    expect(syncroContactBody({ phone: '555' }, 'Maya Okafor')).toEqual({ phone: '555', name: 'Maya Okafor' })
  })

  it('reads the users list of pairs as agents, in one call (the list has no emails)', () => {
    expect(
      agentsFromUserList({
        users: [
          [1, 'Joe Doe'],
          [7, 'Ann Lee'],
        ],
      }).map(({ remote: _remote, ...agent }) => agent),
    ).toEqual([
      { id: '1', name: 'Joe Doe', email: null, active: true },
      { id: '7', name: 'Ann Lee', email: null, active: true },
    ])
    expect(() => agentsFromUserList({ users: [{ id: 1 }] })).toThrow(GatewayError)
  })

  it("reads a refused contact's {record, errors} answer, each message naming its attribute", () => {
    expect(
      describeSyncroError(422, { record: {}, errors: "Name can't be blank, Email is not an email" }),
    ).toEqual({
      message: "Name can't be blank, Email is not an email",
      errors: [
        { field: 'name', message: "Name can't be blank" },
        { field: 'email', message: 'Email is not an email' },
      ],
    })
  })
})
