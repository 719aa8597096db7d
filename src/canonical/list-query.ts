import { Type, type TProperties, type TSchema } from '@sinclair/typebox'
import {
  PRIORITY_LEVELS,
  RecordId,
  SingleLine,
  STATUS_CATEGORIES,
  StringEnum,
  Timestamp,
  type PriorityLevel,
  type StatusCategory,
} from './common.js'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page.js'

/** A pattern for a comma list of `values` (dots in them taken literally). */
export const commaListOf = (values: readonly string[]) => {
  const one = `(${values.map((value) => value.replaceAll('.', '\\.')).join('|')})`
  return `^${one}(,${one})*$`
}

/** Every canonical list filter; each resource accepts a subset, each vendor honours a subset of that. */
export const filterFields = {
  status: Type.String({
    pattern: commaListOf(STATUS_CATEGORIES),
    description: `Status categories, comma separated: ${STATUS_CATEGORIES.join(', ')}`,
  }),
  statusId: { ...RecordId, description: 'A status id (GET .../statuses)' },
  customerId: { ...RecordId, description: 'A customer id' },
  assigneeId: { ...RecordId, description: "The assigned agent's id at the vendor" },
  agentId: { ...RecordId, description: 'The id of the agent who worked (GET .../agents)' },
  priority: Type.String({
    pattern: commaListOf(PRIORITY_LEVELS),
    description: `Priority levels, comma separated: ${PRIORITY_LEVELS.join(', ')}`,
  }),
  updatedSince: { ...Timestamp, description: 'Only records updated after this instant (ISO 8601)' },
  createdSince: { ...Timestamp, description: 'Only records created after this instant (ISO 8601)' },
  startedSince: { ...Timestamp, description: 'Only time entries started after this instant (ISO 8601)' },
  q: SingleLine({ minLength: 1, maxLength: 200, description: 'Text search, as the vendor implements it' }),
  customField: SingleLine({
    minLength: 3,
    maxLength: 300,
    pattern: '^[A-Za-z0-9._-]+:.+$',
    description:
      'A custom field equal to a value, as `<id>:<value>` (GET .../meta/{resource} lists the ids): numbers as digits, booleans as true or false, dates as YYYY-MM-DD; where the vendor filters custom fields itself',
  }),
}
export type FilterName = keyof typeof filterFields

/** `?include=remote` adds the vendor's raw record to each record answered. */
export const IncludeField = StringEnum(['remote'] as const, {
  description: "'remote' adds the vendor's raw record",
})

const pagingFields = {
  pageSize: Type.Integer({
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: 'Records per page',
  }),
  cursor: Type.String({ minLength: 1, maxLength: 4096, description: 'nextCursor of the previous page' }),
  include: IncludeField,
}

/**
 * A filter as a query parameter: without its examples, which Swagger UI would send on "Try it out" (an id filter
 * narrows the list to one record or none, a priority filter is a 400 where the vendor cannot apply it); the
 * description says what it takes.
 */
const withoutExamples = <T extends TSchema>({ examples: _examples, ...schema }: T): T => schema as T

/** Paging (pageSize has a default, so it is never required), then the filters the list accepts. */
const listQuery = <F extends FilterName>(filters: readonly F[]) => {
  const properties: TProperties = {}
  for (const [name, schema] of Object.entries(pagingFields)) properties[name] = Type.Optional(schema)
  for (const name of filters) properties[name] = Type.Optional(withoutExamples(filterFields[name]))
  return Type.Object(properties, { additionalProperties: false })
}

export const TICKET_FILTERS = [
  'status',
  'statusId',
  'customerId',
  'assigneeId',
  'priority',
  'updatedSince',
  'createdSince',
  'q',
] as const satisfies readonly FilterName[]
export const CUSTOMER_FILTERS = ['updatedSince', 'createdSince', 'q'] as const satisfies readonly FilterName[]
export const ASSET_FILTERS = [
  'customerId',
  'updatedSince',
  'createdSince',
  'q',
] as const satisfies readonly FilterName[]
export const COMMENT_FILTERS = ['createdSince'] as const satisfies readonly FilterName[]
export const CONTACT_FILTERS = [
  'customerId',
  'updatedSince',
  'createdSince',
  'q',
] as const satisfies readonly FilterName[]
/** The time entries of every ticket; a ticket's own take the same filters. */
export const TIME_ENTRY_FILTERS = [
  'agentId',
  'customerId',
  'updatedSince',
  'createdSince',
  'startedSince',
] as const satisfies readonly FilterName[]
/** Agents are few and cached whole: the gateway searches them itself. */
export const AGENT_FILTERS = ['q'] as const satisfies readonly FilterName[]

/** The lists of records with custom fields also take `customField`, where the vendor filters them itself. */
const withCustomField = <F extends FilterName>(filters: readonly F[]) => [...filters, 'customField' as const]

export const TicketListQuery = listQuery(withCustomField(TICKET_FILTERS))
export const CustomerListQuery = listQuery(withCustomField(CUSTOMER_FILTERS))
export const AssetListQuery = listQuery(withCustomField(ASSET_FILTERS))
export const CommentListQuery = listQuery(COMMENT_FILTERS)
export const ContactListQuery = listQuery(withCustomField(CONTACT_FILTERS))
export const AgentListQuery = listQuery(AGENT_FILTERS)
export const TimeEntryListQuery = listQuery(TIME_ENTRY_FILTERS)

/** Filters as adapters receive them: comma lists split, absent filters absent. */
export interface ListFilters {
  status?: StatusCategory[]
  statusId?: string
  customerId?: string
  assigneeId?: string
  agentId?: string
  priority?: PriorityLevel[]
  updatedSince?: string
  createdSince?: string
  startedSince?: string
  q?: string
  customField?: { id: string; value: string }
}

export interface PagingQuery {
  pageSize: number
  cursor?: string
  include?: 'remote'
}
