import { Type, type Static } from '@sinclair/typebox'
import { Nullable, RecordId, StringEnum } from './common.js'

/**
 * A vendor's custom field, in one of these canonical types: `date` as YYYY-MM-DD, `datetime` as ISO 8601,
 * `select` one of the definition's options, `multiselect` several of them.
 */
export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'select',
  'multiselect',
] as const
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number]
export const CustomFieldType = StringEnum(CUSTOM_FIELD_TYPES)

/** The longest text a custom field value may hold in a write, and the most values one write may set. */
export const MAX_CUSTOM_FIELD_TEXT = 4_000
export const MAX_CUSTOM_FIELDS_PER_WRITE = 100

export type CustomFieldValue = string | number | boolean | string[] | null

/**
 * A value as read: any of the types above. Declared without a union, which the response serializer would check
 * value by value against each branch (see Nullable in common.ts).
 */
export const CustomFieldValue = Type.Unsafe<CustomFieldValue>({
  description:
    'text, number, boolean, date (YYYY-MM-DD), date-time (ISO 8601), an option, or a list of options; null when unset',
})

/** A custom field's value on a record, as read. */
export const CustomField = Type.Object(
  {
    id: Type.String({ description: "The field's id at the vendor: stable when its label changes" }),
    name: Type.String({ description: 'Its label' }),
    type: CustomFieldType,
    value: CustomFieldValue,
  },
  { additionalProperties: false },
)
export type CustomField = Static<typeof CustomField>

/** The custom fields of a record, on every resource that has them. */
export const CustomFields = Type.Array(CustomField, {
  description: "The vendor's custom fields (GET .../meta/{resource} lists their definitions)",
})

/** One custom field set in a create or update, by id; its value is checked against the definition's type. */
export const CustomFieldWrite = Type.Object(
  {
    id: RecordId,
    // One `type` list rather than a union, which the request validator would try branch by branch.
    value: Type.Unsafe<CustomFieldValue>({
      type: ['string', 'number', 'boolean', 'array', 'null'],
      maxLength: MAX_CUSTOM_FIELD_TEXT,
      items: { type: 'string', maxLength: MAX_CUSTOM_FIELD_TEXT },
      maxItems: 100,
      description:
        'Of the field type: text, number, true/false, YYYY-MM-DD, ISO 8601, an option, a list of options, or null',
    }),
  },
  { additionalProperties: false },
)
export type CustomFieldWrite = Static<typeof CustomFieldWrite>

export const CustomFieldWrites = Type.Array(CustomFieldWrite, {
  maxItems: MAX_CUSTOM_FIELDS_PER_WRITE,
  description:
    'Custom fields to set, by id (GET .../meta/{resource}); null clears one. A value of the wrong type is a 400 naming the field.',
  examples: [[{ id: '7', value: 'Building B' }]],
})

/** What a connection's vendor defines for one resource's custom field. */
export const CustomFieldDefinition = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    type: CustomFieldType,
    required: Type.Boolean(),
    options: Nullable(
      Type.Array(Type.String(), {
        description: 'The values a select or multiselect takes; null for other types',
      }),
    ),
  },
  {
    $id: 'CustomFieldDefinition',
    additionalProperties: false,
    examples: [
      { id: '7', name: 'Location', type: 'select', required: false, options: ['Building A', 'Building B'] },
    ],
  },
)
export type CustomFieldDefinition = Static<typeof CustomFieldDefinition>

/** The resources that carry custom fields. */
export const CUSTOM_FIELD_RESOURCES = ['tickets', 'customers', 'assets', 'contacts'] as const
export type CustomFieldResource = (typeof CUSTOM_FIELD_RESOURCES)[number]

export const hasCustomFields = (resource: string): resource is CustomFieldResource =>
  (CUSTOM_FIELD_RESOURCES as readonly string[]).includes(resource)
