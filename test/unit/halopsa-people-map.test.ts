import { describe, expect, it } from 'vitest'
import { agentFromHalo, contactFromHalo, haloUserFields } from '../../adapters/halopsa/contacts-map.js'
import {
  customFieldDefinitionsFromHalo,
  customFieldsFromHalo,
  haloCustomFieldWrites,
} from '../../adapters/halopsa/custom-fields.js'

// HaloPSA's end-users, agents and custom fields, mapped both ways (pure functions).

describe('custom field values', () => {
  it.each([
    ['text', { type: 0, inputtype: 0, value: 'ABC-1' }, 'ABC-1'],
    ['memo as text', { type: 1, value: 'line 1\nline 2' }, 'line 1\nline 2'],
    ['an integer kept as text', { type: 0, inputtype: 1, value: '42' }, 42],
    ['a decimal kept as text', { type: 0, inputtype: 4, value: '12.50' }, 12.5],
    ['a number that is not one', { type: 0, inputtype: 4, value: 'n/a' }, null],
    ['a checkbox', { type: 6, value: true }, true],
    ['a checkbox as text', { type: 6, value: 'False' }, false],
    ['a date-time as its day', { type: 4, value: '2025-03-14T00:00:00' }, '2025-03-14'],
    ['a selection by its display', { type: 2, value: 7, display: 'Gold' }, 'Gold'],
    ['an empty value', { type: 0, inputtype: 0, value: '' }, null],
  ])('reads %s', (_case, field, value) => {
    expect(customFieldsFromHalo([{ id: 3, label: 'Field', ...field }])).toEqual([
      { id: '3', name: 'Field', type: expect.any(String), value },
    ])
  })

  it('leaves out the types it cannot read for certain (multiple selection, time), and names a field by its label', () => {
    expect(
      customFieldsFromHalo([
        { id: 1, type: 3, value: '1,2' },
        { id: 2, type: 5, value: '10:00' },
        { id: 3, name: 'CFTier', type: 0, value: 'x' },
      ]),
    ).toEqual([{ id: '3', name: 'CFTier', type: 'text', value: 'x' }])
  })

  it("defines each field with its canonical type, a selection's options, whether it is mandatory", () => {
    expect(
      customFieldDefinitionsFromHalo([
        { id: 1, name: 'CFSeats', label: 'Seats', type: 0, inputtype: 1, mandatory: true },
        {
          id: 2,
          label: 'Tier',
          type: 2,
          values: [
            { id: 9, name: 'Gold' },
            { id: 10, name: 'Silver' },
          ],
        },
        { id: 3, label: 'Times', type: 5 },
      ]),
    ).toEqual([
      { id: '1', name: 'Seats', type: 'number', required: true, options: null },
      { id: '2', name: 'Tier', type: 'select', required: false, options: ['Gold', 'Silver'] },
    ])
  })

  it("writes [{id, value}], a selection as its choice's id", () => {
    const infos = [
      { id: 1, type: 0, inputtype: 1 },
      { id: 2, type: 2, values: [{ id: 9, name: 'Gold' }] },
    ]
    expect(
      haloCustomFieldWrites(
        [
          { id: '1', value: 40 },
          { id: '2', value: 'Gold' },
        ],
        infos,
      ),
    ).toEqual([
      { id: 1, value: 40 },
      { id: 2, value: 9 },
    ])
    expect(haloCustomFieldWrites([{ id: '2', value: null }], infos)).toEqual([{ id: 2, value: null }])
    expect(() => haloCustomFieldWrites([{ id: '2', value: 'Bronze' }], infos)).toThrow(/Bronze/)
    expect(() => haloCustomFieldWrites([{ id: '1', value: 2.5 }], infos)).toThrow(/whole number/)
    expect(haloCustomFieldWrites([{ id: '1', value: 3 }], infos)).toEqual([{ id: 1, value: 3 }])
  })
})

describe('contacts and agents', () => {
  it('reads an end-user as a contact, its customer the client of its site', () => {
    expect(
      contactFromHalo({
        id: 8,
        name: 'Maya Okafor',
        firstname: 'Maya',
        surname: 'Okafor',
        title: 'Office manager',
        emailaddress: 'maya@x.example',
        phonenumber: '01632 000001',
        mobilenumber: ' ',
        client_id: 12,
        client_name: 'Northwind',
        inactive: true,
        datecreated: '2025-01-03T08:00:00',
        ulastupdate: '2025-06-01T10:30:00.5',
        customfields: [],
      }),
    ).toEqual({
      id: '8',
      customer: { id: '12', name: 'Northwind' },
      firstName: 'Maya',
      lastName: 'Okafor',
      name: 'Maya Okafor',
      email: 'maya@x.example',
      phone: '01632 000001',
      mobile: null,
      title: 'Office manager',
      active: false,
      createdAt: '2025-01-03T08:00:00.000Z',
      updatedAt: '2025-06-01T10:30:00.500Z',
      customFields: [],
      remote: expect.any(Object),
    })
  })

  it('writes the full name only when both parts are known, so one part never overwrites it', () => {
    expect(haloUserFields({ customerId: '1', firstName: 'Lee' }, 'create')).toEqual({
      name: 'Lee',
      firstname: 'Lee',
    })
    expect(haloUserFields({ lastName: 'Reyes', active: true }, 'update')).toEqual({
      surname: 'Reyes',
      inactive: false,
    })
    expect(haloUserFields({ firstName: 'Ann', lastName: 'Lee', email: null }, 'update')).toEqual({
      name: 'Ann Lee',
      firstname: 'Ann',
      surname: 'Lee',
      emailaddress: null,
    })
  })

  it('reads an agent, a disabled one inactive', () => {
    expect(agentFromHalo({ id: 4, name: 'Sam Carter', email: 'sam@msp.example', isdisabled: true })).toEqual({
      id: '4',
      name: 'Sam Carter',
      email: 'sam@msp.example',
      active: false,
      remote: expect.any(Object),
    })
  })
})
