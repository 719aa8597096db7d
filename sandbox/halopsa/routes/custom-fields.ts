import { refuseUnemulatedFilters, UNEMULATED_FIELD_INFO_FILTERS } from '../filters/unemulated.js'
import type { RouteHandler } from '../http-types.js'
import { queryBoolean, queryInteger } from '../query-params.js'
import { recordNotFound } from '../vendor-errors.js'
import { fieldInfoView } from '../views/custom-fields.js'
import { recordId } from './record-id.js'

// Custom field definitions (spec: paths./FieldInfo and ./FieldInfo/{id}, schema FieldInfo), read-only here: the
// tenant's fields are set up in Halo's configuration, not by the gateway.

/**
 * Every definition, or one kind of record's with `typeid` (1 tickets, 2 clients, 3 sites, 5 assets; 4 end-users,
 * inferred: see CUSTOM_FIELD_USAGE), in id order; selections' `values` with `includevalues=true`. A bare array,
 * our choice, as the other configuration lists (/Status, /TicketType) answer.
 */
export const listFieldInfo: RouteHandler = ({ query }, { db }) => {
  refuseUnemulatedFilters(query, UNEMULATED_FIELD_INFO_FILTERS)
  const typeId = queryInteger(query, 'typeid')
  const withValues = queryBoolean(query, 'includevalues') ?? false
  const fields = [...db.customFields.values()].filter(
    (field) => typeId === undefined || field.usage === typeId,
  )
  return { status: 200, body: fields.map((field) => fieldInfoView(field, withValues)) }
}

/** One definition; its selection `values` with `getlookupvalues=true`. */
export const getFieldInfo: RouteHandler = ({ params, query }, { db }) => {
  const field = db.customFields.get(recordId(params.id))
  const withValues = queryBoolean(query, 'getlookupvalues') ?? false
  return field
    ? { status: 200, body: fieldInfoView(field, withValues) }
    : recordNotFound('FieldInfo', params.id ?? '')
}
