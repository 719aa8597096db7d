import { createRandom } from '../../shared/random.js'
import type { SyncroDataSet } from '../database.js'
import { seedAssets } from './assets.js'
import { DEFAULT_TICKET_STATUSES, PRIORITIES, PROBLEM_TYPES } from './catalog.js'
import { seedCustomers } from './customers.js'
import { seedInvoices } from './invoices.js'
import { seedCustomerProperties, seedCustomFields, seedTicketProperties } from './custom-fields.js'
import { seedAssetTypes, seedTicketTypes, seedUsers } from './reference-data.js'
import { seedTicketTimers } from './ticket-timers.js'
import { seedTickets } from './tickets.js'

/**
 * The sandbox account's data. Deterministic: the same seed gives byte-identical records, and no timestamp
 * depends on the current time.
 */
export function seedSyncroData(seed: number): SyncroDataSet {
  const random = createRandom(seed)
  const users = seedUsers()
  const ticketTypes = seedTicketTypes()
  const assetTypes = seedAssetTypes()
  const statuses = [...DEFAULT_TICKET_STATUSES]
  const { ticketFields, customerFields, assetTypeFields } = seedCustomFields(ticketTypes, assetTypes)
  const { customers, contacts } = seedCustomers(random)
  seedCustomerProperties(customers, customerFields)
  const assets = seedAssets(random, customers, contacts, assetTypes)
  const { tickets, comments } = seedTickets(random, {
    customers,
    contacts,
    assets,
    users,
    ticketTypes,
    statuses,
  })
  seedTicketProperties(tickets, ticketFields)
  // A stream of its own, so the records drawn before timers and invoices existed stay as they were for every seed.
  const extras = createRandom(seed ^ 0x71e5)
  const ticketTimers = seedTicketTimers(extras, tickets, users)
  const invoices = seedInvoices(extras, { tickets, timers: ticketTimers, customers })
  return {
    users,
    ticketTypes,
    assetTypes,
    statuses,
    priorities: [...PRIORITIES],
    problemTypes: [...PROBLEM_TYPES],
    ticketFields,
    customerFields,
    assetTypeFields,
    customers,
    contacts,
    assets,
    tickets,
    comments,
    ticketTimers,
    invoices,
  }
}
