import { describe, expect, it } from 'vitest'
import {
  communicationItemsAfter,
  communicationTypeFor,
  contactFields,
  contactFromConnectWise,
} from '../../adapters/connectwise/contacts-map.js'
import {
  customFieldDefinitionFromConnectWise,
  customFieldsFromConnectWise,
  customFieldsToConnectWise,
} from '../../adapters/connectwise/custom-fields.js'
import { agentFromConnectWise } from '../../adapters/connectwise/map.js'
import { contactConditions, customFieldConditions } from '../../adapters/connectwise/query.js'
import type { CustomFieldDefinition } from '../../src/canonical/custom-field.js'
import { GatewayError } from '../../src/errors.js'
import type { CwCommunicationType } from '../../adapters/connectwise/types.js'

// Type names are each site's own: these are a captured site's (amp-labs/connectors test fixtures).
const TYPES: CwCommunicationType[] = [
  { id: 1, description: 'Email - Business', emailFlag: true, defaultFlag: true },
  { id: 2, description: 'Email - Private', emailFlag: true },
  { id: 3, description: 'Phone - Work', phoneFlag: true, defaultFlag: true },
  { id: 7, description: 'Mobile', phoneFlag: true },
  { id: 6, description: 'Fax - Work', faxFlag: true, defaultFlag: true },
]

const items = [
  { id: 10, type: { id: 2, name: 'Email - Private' }, value: 'me@home.example', communicationType: 'Email' },
  {
    id: 11,
    type: { id: 1, name: 'Email - Business' },
    value: 'me@work.example',
    defaultFlag: true,
    communicationType: 'Email',
  },
  { id: 12, type: { id: 3, name: 'Phone - Work' }, value: '+1 555 0100', communicationType: 'Phone' },
  { id: 13, type: { id: 20, name: 'Cell' }, value: '+1 555 0199', communicationType: 'Phone' },
  { id: 14, type: { id: 6, name: 'Fax - Work' }, value: '+1 555 0111', communicationType: 'Fax' },
]

describe('contacts', () => {
  it('reads email, phone and mobile from the items: the default of a kind first, a mobile by its type name', () => {
    const contact = contactFromConnectWise({
      id: 5,
      firstName: 'Emma',
      lastName: 'Diaz',
      company: { id: 250, identifier: 'Bob', name: 'Bob Technology Services' },
      inactiveFlag: true,
      communicationItems: items,
      _info: { dateEntered: '2024-06-28T17:39:02Z', lastUpdated: '2024-06-29T08:00:00Z' },
    })
    expect(contact).toMatchObject({
      id: '5',
      customer: { id: '250', name: 'Bob Technology Services' },
      name: 'Emma Diaz',
      email: 'me@work.example',
      phone: '+1 555 0100',
      mobile: '+1 555 0199',
      active: false,
      createdAt: '2024-06-28T17:39:02.000Z',
      customFields: [],
    })
    // A contact with no company, no last name and no items (captured: contact-frank-fenrir.json).
    expect(contactFromConnectWise({ id: 6, firstName: 'Frank' })).toMatchObject({
      customer: null,
      name: 'Frank',
      email: null,
      phone: null,
      mobile: null,
      active: true,
      createdAt: null,
    })
  })

  it('writes a slot by changing its item in place, adding one of the slot’s type, or removing it', () => {
    expect(
      communicationItemsAfter(
        items,
        { email: 'new@work.example', mobile: null, phone: '+1 555 0123' },
        TYPES,
      ),
    ).toEqual([
      { id: 10, type: { id: 2 }, value: 'me@home.example' },
      { id: 11, type: { id: 1 }, value: 'new@work.example', defaultFlag: true },
      { id: 12, type: { id: 3 }, value: '+1 555 0123' },
      { id: 14, type: { id: 6 }, value: '+1 555 0111' },
    ])
    expect(communicationItemsAfter([], { mobile: '+1 555 0177' }, TYPES)).toEqual([
      { type: { id: 7 }, value: '+1 555 0177', defaultFlag: true },
    ])
    expect(communicationItemsAfter(items, { title: 'x' } as never, TYPES)).toBeNull()
    expect(() => communicationItemsAfter([], { mobile: '+1' }, TYPES.slice(0, 3))).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
  })

  it('picks the default type of a kind, never a mobile for a phone', () => {
    expect(communicationTypeFor(TYPES, 'email')?.id).toBe(1)
    expect(communicationTypeFor(TYPES, 'phone')?.id).toBe(3)
    expect(communicationTypeFor(TYPES, 'mobile')?.id).toBe(7)
    expect(communicationTypeFor([TYPES[3]!], 'phone')).toBeUndefined()
  })

  it('writes the contact’s own fields in ConnectWise’s names, refusing names longer than 30', () => {
    expect(contactFields({ customerId: '4', firstName: 'Maya', lastName: null, active: false })).toEqual({
      firstName: 'Maya',
      lastName: null,
      company: { id: 4 },
      inactiveFlag: true,
    })
    expect(() => contactFields({ customerId: '4', firstName: 'x'.repeat(31) })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
  })

  it('searches both names with one quoted pair, whatever the text', () => {
    expect(contactConditions({ customerId: '3', q: 'a" or id > 0 or firstName = "' })).toBe(
      'company/id = 3 and (firstName contains "a\\" or id > 0 or firstName = \\"" or lastName contains "a\\" or id > 0 or firstName = \\"")',
    )
  })

  it('names a member as ConnectWise shows it', () => {
    expect(
      agentFromConnectWise({
        id: 3,
        identifier: 'dreyes',
        firstName: 'Dana',
        lastName: 'Reyes',
        officeEmail: 'd@msp.example',
      }),
    ).toMatchObject({ id: '3', name: 'Dana Reyes', email: 'd@msp.example', active: true })
    expect(agentFromConnectWise({ id: 4, identifier: 'APIMember', inactiveFlag: true })).toMatchObject({
      name: 'APIMember',
      email: null,
      active: false,
    })
  })
})

describe('custom fields', () => {
  it('types definitions from ConnectWise’s field and entry types, leaving buttons out', () => {
    const definition = (fieldTypeIdentifier: string, entryTypeIdentifier = 'EntryField') =>
      customFieldDefinitionFromConnectWise({ id: 1, caption: 'F', fieldTypeIdentifier, entryTypeIdentifier })
        ?.type
    expect(
      ['Text', 'TextArea', 'Hyperlink', 'Checkbox', 'Number', 'Percent', 'Currency', 'Date'].map((type) =>
        definition(type),
      ),
    ).toEqual(['text', 'text', 'text', 'boolean', 'number', 'number', 'number', 'date'])
    expect(definition('Text', 'List')).toBe('select')
    expect(definition('Number', 'Option')).toBe('select')
    expect(definition('Button')).toBeUndefined()
    expect(
      customFieldDefinitionFromConnectWise({
        id: 83,
        caption: 'Hobby',
        fieldTypeIdentifier: 'Text',
        entryTypeIdentifier: 'List',
        requiredFlag: true,
        options: [
          { optionValue: 'Swimming', sortOrder: 1 },
          { optionValue: 'Traveling', sortOrder: 0 },
          { optionValue: 'Retired', sortOrder: 2, inactiveFlag: true },
        ],
      }),
    ).toEqual({ id: '83', name: 'Hobby', type: 'select', required: true, options: ['Traveling', 'Swimming'] })
  })

  it('reads values by their field’s type: dates as days, unset as null', () => {
    expect(
      customFieldsFromConnectWise([
        { id: 15, caption: 'hubspot_contact_id', type: 'Number', entryMethod: 'EntryField', value: null },
        { id: 16, caption: 'is_synced', type: 'Text', entryMethod: 'List', value: 'false' },
        { id: 59, caption: 'Opt-In', type: 'Checkbox', entryMethod: 'EntryField', value: false },
        { id: 64, caption: 'Consent', type: 'Date', entryMethod: 'Date', value: '2025-03-04T00:00:00Z' },
        { id: 90, caption: 'Go', type: 'Button', entryMethod: 'EntryField', value: null },
      ]),
    ).toEqual([
      { id: '15', name: 'hubspot_contact_id', type: 'number', value: null },
      { id: '16', name: 'is_synced', type: 'select', value: 'false' },
      { id: '59', name: 'Opt-In', type: 'boolean', value: false },
      { id: '64', name: 'Consent', type: 'date', value: '2025-03-04' },
    ])
  })

  it('sends the whole set on a write: current values kept, written ones changed, dates at midnight', () => {
    const current = [
      { id: 1, type: 'Text', value: 'AC-1' },
      { id: 3, type: 'Checkbox', value: true },
      { id: 4, type: 'Date', value: null },
    ]
    expect(
      customFieldsToConnectWise(
        current,
        [
          { id: '3', value: null },
          { id: '4', value: '2025-03-04' },
        ],
        [],
      ),
    ).toEqual([
      { id: 1, value: 'AC-1' },
      { id: 3, value: null },
      { id: 4, value: '2025-03-04T00:00:00Z' },
    ])
    expect(customFieldsToConnectWise([], [{ id: '9', value: 'x' }], [])).toEqual([{ id: 9, value: 'x' }])
  })

  it("writes a create's date at midnight too, typed by the definitions (a text that looks like a date stays)", () => {
    const definitions: CustomFieldDefinition[] = [
      { id: '4', name: 'Renewal', type: 'date', required: false, options: null },
      { id: '5', name: 'Code', type: 'text', required: false, options: null },
    ]
    expect(
      customFieldsToConnectWise(
        [],
        [
          { id: '4', value: '2025-03-04' },
          { id: '5', value: '2025-03-04' },
        ],
        definitions,
      ),
    ).toEqual([
      { id: 4, value: '2025-03-04T00:00:00Z' },
      { id: 5, value: '2025-03-04' },
    ])
  })
})

describe('the customField filter', () => {
  const definitions: CustomFieldDefinition[] = [
    { id: '1', name: 'Code', type: 'text', required: false, options: null },
    { id: '2', name: 'Hours', type: 'number', required: false, options: null },
    { id: '3', name: 'After hours', type: 'boolean', required: false, options: null },
    { id: '4', name: 'Due', type: 'date', required: false, options: null },
    { id: '5', name: 'Area', type: 'select', required: false, options: ['Email'] },
  ]

  it('writes the value as a literal of the field’s type', () => {
    const conditions = (id: string, value: string) => customFieldConditions({ id, value }, definitions)
    expect(conditions('1', 'a" or id > 0')).toBe('id = 1 and value = "a\\" or id > 0"')
    expect(conditions('2', '2.5')).toBe('id = 2 and value = 2.5')
    expect(conditions('3', 'true')).toBe('id = 3 and value = true')
    expect(conditions('4', '2025-03-04')).toBe('id = 4 and value = [2025-03-04T00:00:00Z]')
    expect(conditions('5', 'Email')).toBe('id = 5 and value = "Email"')
  })

  it('refuses an unknown field or a value its type cannot hold, naming the filter', () => {
    for (const [id, value] of [
      ['9', 'x'],
      ['2', 'two'],
      ['3', 'yes'],
      ['4', '04/03/2025'],
      ['4', '2025-02-30'],
    ]) {
      let thrown: unknown
      try {
        customFieldConditions({ id: id!, value: value! }, definitions)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(GatewayError)
      expect((thrown as GatewayError).code).toBe('validation_failed')
      expect((thrown as GatewayError).extras.errors).toEqual([
        expect.objectContaining({ field: 'customField' }),
      ])
    }
  })
})
