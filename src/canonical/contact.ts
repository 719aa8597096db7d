import { Type, type Static } from '@sinclair/typebox'
import { CustomFields, CustomFieldWrites } from './custom-field.js'
import { NonBlankLine, Nullable, RecordId, Ref, Remote, SingleLine, Timestamp } from './common.js'

/** A person at a customer: ConnectWise company contact, HaloPSA user, Syncro contact. */
export const Contact = Type.Object(
  {
    id: Type.String(),
    customer: Nullable(Ref),
    firstName: Nullable(Type.String()),
    lastName: Nullable(Type.String()),
    name: Type.String({ description: 'The full name, as the vendor shows it' }),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    mobile: Nullable(Type.String()),
    title: Nullable(Type.String()),
    active: Type.Boolean(),
    createdAt: Nullable(Timestamp),
    updatedAt: Nullable(Timestamp),
    customFields: CustomFields,
    remote: Remote,
  },
  {
    $id: 'Contact',
    additionalProperties: false,
    examples: [
      {
        id: '301',
        customer: { id: '12', name: 'Northwind Dental' },
        firstName: 'Maya',
        lastName: 'Okafor',
        name: 'Maya Okafor',
        email: 'maya@northwind-dental.example',
        phone: '+1 555 0101',
        mobile: null,
        title: 'Office manager',
        active: true,
        createdAt: '2025-01-03T08:00:00.000Z',
        updatedAt: '2025-06-01T10:30:00.000Z',
        customFields: [],
      },
    ],
  },
)
export type Contact = Static<typeof Contact>

const contactWriteFields = {
  customerId: RecordId,
  firstName: NonBlankLine({ minLength: 1, maxLength: 100 }),
  lastName: Nullable(SingleLine({ maxLength: 100 })),
  email: Nullable(SingleLine({ maxLength: 255 })),
  phone: Nullable(SingleLine({ maxLength: 64 })),
  mobile: Nullable(SingleLine({ maxLength: 64 })),
  title: Nullable(SingleLine({ maxLength: 100 })),
  active: Type.Boolean(),
  customFields: CustomFieldWrites,
}

export const ContactCreate = Type.Object(
  {
    customerId: contactWriteFields.customerId,
    firstName: contactWriteFields.firstName,
    lastName: Type.Optional(contactWriteFields.lastName),
    email: Type.Optional(contactWriteFields.email),
    phone: Type.Optional(contactWriteFields.phone),
    mobile: Type.Optional(contactWriteFields.mobile),
    title: Type.Optional(contactWriteFields.title),
    active: Type.Optional(contactWriteFields.active),
    customFields: Type.Optional(contactWriteFields.customFields),
  },
  {
    $id: 'ContactCreate',
    additionalProperties: false,
    examples: [
      { customerId: '12', firstName: 'Maya', lastName: 'Okafor', email: 'maya@northwind-dental.example' },
    ],
  },
)
export type ContactCreate = Static<typeof ContactCreate>

export const ContactUpdate = Type.Partial(Type.Object(contactWriteFields), {
  $id: 'ContactUpdate',
  additionalProperties: false,
  minProperties: 1,
  examples: [{ title: 'Practice manager' }],
})
export type ContactUpdate = Static<typeof ContactUpdate>
