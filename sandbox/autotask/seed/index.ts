import { createRandom } from '../../shared/random.js'
import type { AutotaskDataSet } from '../database.js'
import { seedCompanies } from './companies.js'
import { seedBillingCodes, seedPeople, seedProducts, seedUserDefinedFields } from './people.js'
import { seedPicklists } from './picklists.js'
import { seedTickets } from './tickets.js'

/**
 * The sandbox Autotask database. Deterministic: the same seed gives identical records, and no timestamp depends
 * on the current time.
 */
export function seedAutotaskData(seed: number): AutotaskDataSet {
  const random = createRandom(seed)
  const { resources, roles, resourceRoles, apiResourceID } = seedPeople()
  const billingCodes = seedBillingCodes()
  const products = seedProducts()
  const owner = (resources[0] as { id: number }).id
  const { companies, contacts, configurationItems } = seedCompanies(random, owner, products)
  const { tickets, ticketNotes, timeEntries } = seedTickets(random, {
    companies,
    contacts,
    configurationItems,
    resources,
    resourceRoles,
    billingCodes,
    apiResourceID,
  })
  return {
    tickets,
    ticketNotes,
    companies,
    contacts,
    configurationItems,
    resources,
    timeEntries,
    roles,
    resourceRoles,
    billingCodes,
    products,
    picklists: seedPicklists(),
    userDefinedFields: seedUserDefinedFields(),
    apiResourceID,
  }
}
