import { randomBytes } from 'node:crypto'
import { matchingById } from '../../shared/id-table.js'
import { customerFilter } from '../filters/customer-filters.js'
import { readCustomerInput } from '../inputs/customer-input.js'
import type { RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryPage } from '../query-params.js'
import { notFound } from '../vendor-errors.js'
import { customerView } from '../views/customers.js'
import { customerAccountDefaults } from '../records.js'
import { recordId } from './record-id.js'

/** Id ascending; the page size is the vendor's, `per_page` is ignored. */
export const listCustomers: RouteHandler = ({ query }, { db, pageSizes }) => {
  const customers = matchingById(db.customers, customerFilter(query))
  const { records, meta } = paginate(customers, queryPage(query), pageSizes.customers)
  return { status: 200, body: { customers: records.map((customer) => customerView(db, customer)), meta } }
}

export const getCustomer: RouteHandler = ({ params }, { db }) => {
  const customer = db.customers.get(recordId(params.id))
  return customer ? { status: 200, body: { customer: customerView(db, customer) } } : notFound()
}

export const createCustomer: RouteHandler = ({ body }, { db, now }) => {
  const input = readCustomerInput(body)
  if (!input.ok) return input.reply
  const timestamp = now().toISOString()
  const customer = db.insertCustomer({
    firstname: null,
    lastname: null,
    business_name: null,
    email: null,
    phone: null,
    mobile: null,
    address: null,
    address_2: null,
    city: null,
    state: null,
    zip: null,
    notes: null,
    ...customerAccountDefaults(),
    disabled: false,
    referred_by: null,
    ...input.changes,
    portal_key: randomBytes(10).toString('hex'),
    created_at: timestamp,
    updated_at: timestamp,
  })
  return { status: 200, body: { customer: customerView(db, customer) } }
}

export const updateCustomer: RouteHandler = ({ params, body }, { db, now }) => {
  const customer = db.customers.get(recordId(params.id))
  if (!customer) return notFound()
  const input = readCustomerInput(body, customer)
  if (!input.ok) return input.reply
  db.updateCustomer(customer, { ...input.changes, updated_at: now().toISOString() })
  return { status: 200, body: { customer: customerView(db, customer) } }
}
