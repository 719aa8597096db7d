import { ReplyError } from '../../shared/reply.js'
import {
  compileChildConditions,
  compileConditions,
  compileElementConditions,
  ConditionsError,
  parseConditions,
  type RecordPredicate,
} from '../conditions/index.js'
import type { FieldSchema } from '../field-schema.js'
import { COMPANY_SCHEMA } from '../views/companies.js'
import { CONFIGURATION_SCHEMA } from '../views/configurations.js'
import { COMMUNICATION_ITEM_SCHEMA, CONTACT_SCHEMA } from '../views/contacts.js'
import { ID_NAME } from '../views/references.js'
import { TICKET_SCHEMA } from '../views/tickets.js'
import { invalidArgument } from '../vendor-errors.js'
import { EVERY_ID, splitIdRange, type IdRange } from './id-range.js'
import { queryParam } from './query-params.js'

// The three filters every ConnectWise list takes (CommonParameters in the generated client of connectwise-rest
// 1.3.0, src/ManageAPI.ts: conditions, childConditions, customFieldConditions). What the emulator cannot apply to
// a resource answers 400 rather than being ignored: silently unfiltered data is the worst answer a sync can get.

/** Element shapes of the child collections `childConditions` may name (ContactCommunicationItem, a company's types). */
const CHILD_COLLECTIONS = new Map<FieldSchema, Readonly<Record<string, FieldSchema>>>([
  [CONTACT_SCHEMA, { communicationItems: COMMUNICATION_ITEM_SCHEMA }],
  [COMPANY_SCHEMA, { types: ID_NAME }],
])

/**
 * A custom field value (CustomFieldValue: id, caption, type, entryMethod, numberOfDecimals, value). `value` holds
 * text, a number or true/false by the field's type (pyconnectwise types it `str | bool | int`), and is compared as
 * the literal says: `value = true` finds checked checkboxes, `value = "Gold"` text.
 */
const CUSTOM_FIELD = {
  id: 'integer',
  caption: 'string',
  type: 'string',
  entryMethod: 'string',
  numberOfDecimals: 'integer',
  value: 'scalar',
} as const satisfies FieldSchema

/** Resources whose answers carry `customFields`. */
const WITH_CUSTOM_FIELDS = new Set<FieldSchema>([
  TICKET_SCHEMA,
  COMPANY_SCHEMA,
  CONFIGURATION_SCHEMA,
  CONTACT_SCHEMA,
])

/** Where the filters come from: the query string, or a search body (`POST …/search`, FilterValues). */
export type FilterSource = (
  name: 'conditions' | 'childConditions' | 'customFieldConditions',
) => string | undefined

export const queryFilters =
  (query: URLSearchParams): FilterSource =>
  (name) =>
    queryParam(query, name)

/** What a list's filters ask: the ids `conditions` bound, and a test the records in that range must pass, if any. */
export interface ListFilter {
  range: IdRange
  test: RecordPredicate | undefined
}

/** Every filter given, checked before any record is looked at; a record must meet all of them. */
export function readFilters(source: FilterSource, schema: FieldSchema): ListFilter {
  let range = EVERY_ID
  const tests: RecordPredicate[] = []
  const conditions = source('conditions')
  if (conditions !== undefined) {
    const split = compiled('conditions', () => {
      const { range, rest } = splitIdRange(parseConditions(conditions), schema)
      return { range, test: rest && compileConditions(rest, schema) }
    })
    range = split.range
    if (split.test) tests.push(split.test)
  }
  const child = source('childConditions')
  if (child !== undefined) {
    const children = CHILD_COLLECTIONS.get(schema)
    if (!children)
      throw new ReplyError(
        invalidArgument('childConditions cannot be used on this resource: it has no child collections.'),
      )
    tests.push(compiled('childConditions', () => compileChildConditions(parseConditions(child), children)))
  }
  const custom = source('customFieldConditions')
  if (custom !== undefined) {
    if (!WITH_CUSTOM_FIELDS.has(schema))
      throw new ReplyError(
        invalidArgument('customFieldConditions cannot be used on this resource: it has no custom fields.'),
      )
    tests.push(
      compiled('customFieldConditions', () =>
        compileElementConditions(parseConditions(custom), 'customFields', CUSTOM_FIELD),
      ),
    )
  }
  const test: RecordPredicate | undefined =
    tests.length === 0 ? undefined : (record) => tests.every((each) => each(record))
  return { range, test }
}

function compiled<T>(parameter: string, compile: () => T): T {
  try {
    return compile()
  } catch (error) {
    if (error instanceof ConditionsError)
      throw new ReplyError(
        invalidArgument(parameter === 'conditions' ? error.message : `${parameter}: ${error.message}`),
      )
    throw error
  }
}
