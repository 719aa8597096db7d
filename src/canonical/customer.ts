import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { CustomFields, CustomFieldWrites } from './custom-field.js'
import { NonBlankLine, Nullable, Remote, SingleLine, Timestamp } from './common.js'

/** The longest each address field may be in a write. */
const ADDRESS_LENGTHS = { line1: 255, line2: 255, city: 100, region: 100, postalCode: 32, country: 100 }
type AddressField = keyof typeof ADDRESS_LENGTHS
const addressOf = <T extends TSchema>(field: (maxLength: number) => T) =>
  Object.fromEntries(
    Object.entries(ADDRESS_LENGTHS).map(([name, maxLength]) => [name, Nullable(field(maxLength))]),
  ) as Record<AddressField, ReturnType<typeof Nullable<T>>>

/** As read: whatever the vendor stored. */
export const Address = Type.Object(
  addressOf(() => Type.String()),
  { additionalProperties: false },
)
export type Address = Static<typeof Address>

export const Customer = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    website: Nullable(Type.String()),
    address: Nullable(Address),
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    customFields: CustomFields,
    remote: Remote,
  },
  {
    $id: 'Customer',
    additionalProperties: false,
    examples: [
      {
        id: '12',
        name: 'Northwind Dental',
        email: 'office@northwind-dental.example',
        phone: '+1 555 0100',
        website: null,
        address: {
          line1: '12 Harbor Road',
          line2: null,
          city: 'Portland',
          region: 'OR',
          postalCode: '97201',
          country: null,
        },
        active: true,
        createdAt: '2025-01-03T08:00:00.000Z',
        updatedAt: '2025-06-01T10:30:00.000Z',
        customFields: [],
      },
    ],
  },
)
export type Customer = Static<typeof Customer>

const customerWriteFields = {
  name: NonBlankLine({ minLength: 1, maxLength: 255 }),
  email: Nullable(SingleLine({ maxLength: 255 })),
  phone: Nullable(SingleLine({ maxLength: 64 })),
  website: Nullable(SingleLine({ maxLength: 255 })),
  address: Nullable(
    Type.Partial(
      Type.Object(
        addressOf((maxLength) => SingleLine({ maxLength })),
        { additionalProperties: false },
      ),
    ),
  ),
  customFields: CustomFieldWrites,
}

export const CustomerCreate = Type.Object(
  {
    name: customerWriteFields.name,
    email: Type.Optional(customerWriteFields.email),
    phone: Type.Optional(customerWriteFields.phone),
    website: Type.Optional(customerWriteFields.website),
    address: Type.Optional({
      ...customerWriteFields.address,
      description:
        'ConnectWise needs at least one of line1, line2, city, region or postalCode on a new customer (otherwise a 400 before any call).',
    }),
    customFields: Type.Optional(customerWriteFields.customFields),
  },
  {
    $id: 'CustomerCreate',
    additionalProperties: false,
    examples: [{ name: 'Northwind Dental', email: 'office@northwind-dental.example' }],
  },
)
export type CustomerCreate = Static<typeof CustomerCreate>

export const CustomerUpdate = Type.Partial(Type.Object(customerWriteFields), {
  $id: 'CustomerUpdate',
  additionalProperties: false,
  minProperties: 1,
  examples: [{ phone: '+1 555 0199' }],
})
export type CustomerUpdate = Static<typeof CustomerUpdate>
