import { Type, type Static } from '@sinclair/typebox'
import { CustomFieldDefinition } from './custom-field.js'
import { Nullable, StringEnum } from './common.js'

export const WRITABLE_RESOURCES = [
  'tickets',
  'comments',
  'customers',
  'assets',
  'contacts',
  'time-entries',
] as const

export const FIELD_TYPES = ['string', 'text', 'date-time', 'boolean', 'integer', 'id', 'object'] as const

/** One value a field takes. */
export const AllowedValue = Type.Object(
  {
    id: Type.String({ description: 'What to send' }),
    name: Type.String({ description: 'What to show' }),
    boardId: Nullable(Type.String({ description: 'The board it belongs to, where the vendor has boards' })),
  },
  { additionalProperties: false },
)
export type AllowedValue = Static<typeof AllowedValue>

/** One field of a create or an update, for this connection. */
export const FieldMeta = Type.Object(
  {
    name: Type.String({ description: 'The field, dotted inside an object (address.city)' }),
    type: StringEnum(FIELD_TYPES, {
      description:
        'string: one line; text: several lines; date-time: ISO 8601; id: a record id (see lookup); object: its fields follow, dotted',
    }),
    required: Type.Boolean(),
    clearable: Type.Boolean({ description: 'Whether null is accepted: it clears the field' }),
    maxLength: Nullable(Type.Integer()),
    values: Nullable(
      Type.Array(AllowedValue, {
        description:
          'The values it takes at this connection (its statuses, priorities, types, boards); null when open',
      }),
    ),
    lookup: Nullable(
      Type.String({
        description: 'The list its ids come from, for an id of a record (customers, contacts, agents)',
      }),
    ),
  },
  { additionalProperties: false },
)
export type FieldMeta = Static<typeof FieldMeta>

export const ResourceMeta = Type.Object(
  {
    resource: StringEnum(WRITABLE_RESOURCES),
    create: Nullable(
      Type.Array(FieldMeta, {
        description: 'What a create accepts; null when this connection cannot create one',
      }),
    ),
    update: Nullable(
      Type.Array(FieldMeta, {
        description: 'What an update accepts; null when this connection cannot update one',
      }),
    ),
    customFields: Type.Array(Type.Ref(CustomFieldDefinition), {
      description: "The vendor's custom fields on this resource, written as customFields: [{id, value}]",
    }),
  },
  {
    $id: 'ResourceMeta',
    additionalProperties: false,
    examples: [
      {
        resource: 'contacts',
        create: [
          {
            name: 'customerId',
            type: 'id',
            required: true,
            clearable: false,
            maxLength: 64,
            values: null,
            lookup: 'customers',
          },
        ],
        update: null,
        customFields: [],
      },
    ],
  },
)
export type ResourceMeta = Static<typeof ResourceMeta>
