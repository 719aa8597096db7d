import { customerFullname } from '../views/customers.js'
import { queryBoolean, queryIntegerList, queryValue } from '../query-params.js'
import type { CustomerRecord } from '../records.js'

type CustomerPredicate = (customer: CustomerRecord) => boolean

const contains = (haystack: string | null, needle: string) =>
  (haystack ?? '').toLowerCase().includes(needle.trim().toLowerCase())

/**
 * The `GET /customers` filters: disabled customers only with `include_disabled=true`; text filters are
 * case-insensitive substrings, `email` an exact (case-insensitive) match. `sort` is ignored.
 */
export function customerFilter(query: URLSearchParams): CustomerPredicate {
  const predicates: CustomerPredicate[] = []
  const add = (predicate: CustomerPredicate) => predicates.push(predicate)

  if (!queryBoolean(query, 'include_disabled')) add((customer) => !customer.disabled)

  const text = queryValue(query, 'query')
  if (text !== undefined) {
    add(
      (customer) =>
        contains(customer.business_name, text) ||
        contains(customerFullname(customer), text) ||
        contains(customer.email, text),
    )
  }
  const email = queryValue(query, 'email')
  if (email !== undefined) add((customer) => customer.email?.toLowerCase() === email.trim().toLowerCase())
  for (const field of ['business_name', 'firstname', 'lastname'] as const) {
    const value = queryValue(query, field)
    if (value !== undefined) add((customer) => contains(customer[field], value))
  }

  const ids = queryIntegerList(query, 'id')
  if (ids !== undefined) add((customer) => ids.includes(customer.id))
  const excludedIds = queryIntegerList(query, 'not_id')
  if (excludedIds !== undefined) add((customer) => !excludedIds.includes(customer.id))

  return (customer) => predicates.every((predicate) => predicate(customer))
}
