import {
  Kind,
  Type,
  TypeRegistry,
  type Static,
  type StringOptions,
  type TSchema,
  type TNull,
  type TUnion,
} from '@sinclair/typebox'

/** Building blocks the resource schemas are made of. */

/**
 * The schema, or null. Written `type: [X, 'null']` (OpenAPI 3.1) rather than `anyOf: [X, null]`, which the response
 * serializer checks against each record with a validator (half a list's serialising time); typed as the union it
 * means. A schema without one `type` (a union, a reference) stays a union.
 */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  const union = Type.Union([schema, Type.Null()])
  if (typeof schema.type !== 'string') return union
  const { [Kind]: _kind, ...rest } = schema as TSchema & { enum?: unknown[] }
  return Type.Unsafe({
    ...rest,
    type: [schema.type, 'null'],
    ...(rest.enum ? { enum: [...rest.enum, null] } : {}),
  }) as unknown as typeof union
}

// A plain `{ type: 'string', enum }` (clearer in OpenAPI than a union of literals) that TypeBox's Value can check too.
TypeRegistry.Set<{ enum: string[] }>(
  'StringEnum',
  (schema, value) => typeof value === 'string' && schema.enum.includes(value),
)

export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) => Type.Unsafe<T[number]>({ [Kind]: 'StringEnum', type: 'string', enum: [...values], ...options })

/** A vendor record id, as text. The example, 1, is a record every sandbox connection holds (Try it out). */
export const RecordId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
  description: "The vendor's record id, as text",
  examples: ['1'],
})

/**
 * Text a caller sends on to a vendor, by what it may hold (the formats are checked in src/http/validation.ts):
 * one line has no control character (CR and LF included) and no unpaired surrogate; a non-blank line also has
 * a visible character (a subject, a name); multi-line text may hold tab, LF and CR besides.
 */
export const SingleLine = (options: StringOptions = {}) => Type.String({ ...options, format: 'single-line' })
export const NonBlankLine = (options: StringOptions = {}) =>
  Type.String({ ...options, format: 'non-blank-line' })
export const MultiLine = (options: StringOptions = {}) => Type.String({ ...options, format: 'multi-line' })

export const Timestamp = Type.String({
  format: 'date-time',
  description: 'ISO 8601 date-time (years 1900 to 9999 in what is sent)',
  examples: ['2025-03-14T09:26:53.000Z'],
})

export const Ref = Type.Object(
  { id: Type.String(), name: Nullable(Type.String()) },
  { additionalProperties: false },
)
export type Ref = Static<typeof Ref>

export const STATUS_CATEGORIES = ['new', 'open', 'pending', 'resolved', 'closed'] as const
export type StatusCategory = (typeof STATUS_CATEGORIES)[number]
export const StatusCategory = StringEnum(STATUS_CATEGORIES)

export const PRIORITY_LEVELS = ['critical', 'high', 'medium', 'low'] as const
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number]
export const PriorityLevel = StringEnum(PRIORITY_LEVELS)

/** The vendor's raw record, present only with `?include=remote`. */
export const Remote = Type.Optional(
  Type.Unknown({ description: "The vendor's raw record; only with ?include=remote" }),
)

/** A canonical record without the vendor's raw record, which only `?include=remote` asks for. */
export function withoutRemote<T extends { remote?: unknown }>(record: T): T {
  const { remote: _remote, ...rest } = record
  return rest as T
}
