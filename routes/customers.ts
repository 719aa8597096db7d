import { Customer, CustomerCreate, CustomerUpdate } from '../src/canonical/customer.js'
import { CustomerListQuery } from '../src/canonical/list-query.js'
import { CustomerPage } from '../src/canonical/shared-schemas.js'
import { resourceRoutes } from './resource-routes.js'

export const customerRoutes = resourceRoutes({
  resource: 'customers',
  singular: 'customer',
  tag: 'Customers',
  item: Customer,
  page: CustomerPage,
  listQuery: CustomerListQuery,
  create: CustomerCreate,
  update: CustomerUpdate,
  operations: (adapter) => adapter.customers,
  // The customer an earlier create made: created since, with exactly that name.
  duplicate: {
    filters: (body: CustomerCreate, since) => ({ createdSince: since, q: body.name }),
    matches: (customer: Customer, body) => customer.name === body.name,
  },
})
