import { createRandom } from '../../shared/random.js'
import type { HaloDataSet } from '../database.js'
import { seedAssets } from './assets.js'
import { seedClients } from './clients.js'
import { seedCustomFields, seedCustomFieldValues } from './custom-fields.js'
import {
  seedAgents,
  seedAssetFields,
  seedAssetStatuses,
  seedAssetTypes,
  seedPriorities,
  seedSlas,
  seedStatuses,
  seedTeams,
  seedTicketTypes,
  seedTopLevels,
} from './reference-data.js'
import { seedInvoices } from './invoices.js'
import { seedTickets } from './tickets.js'
import { seedActionTimes } from './time-entries.js'
import { seedUserDetails } from './users.js'
import { CUSTOM_FIELD_USAGE } from '../records.js'

/** Mixed into the seed for what was added after the first data set, so that data set stays as it was. */
const DETAILS_STREAM = 0x5eed_cf
/** Likewise for the actions' time fields and the invoices (issue 19). */
const TIME_STREAM = 0x5eed_71
const INVOICE_STREAM = 0x5eed_1c

/**
 * The sandbox tenant's data. Deterministic: the same seed gives identical records, and no timestamp depends on
 * the current time (everything lies before a fixed reference date).
 */
export function seedHaloData(seed: number): HaloDataSet {
  const random = createRandom(seed)
  const slas = seedSlas()
  const priorities = seedPriorities(random, slas)
  const ticketTypes = seedTicketTypes()
  const agents = seedAgents()
  const teams = seedTeams()
  const assetTypes = seedAssetTypes()
  const { clients, sites, users } = seedClients(random)
  const assets = seedAssets(random, { clients, sites, users, assetTypes })
  const { tickets, actions } = seedTickets(random, {
    clients,
    sites,
    users,
    agents,
    teams,
    ticketTypes,
    priorities,
    assets,
  })
  const details = createRandom(seed ^ DETAILS_STREAM)
  const customFields = seedCustomFields()
  seedUserDetails(details, users, customFields)
  for (const [records, usage] of [
    [clients, CUSTOM_FIELD_USAGE.client],
    [assets, CUSTOM_FIELD_USAGE.asset],
    [tickets, CUSTOM_FIELD_USAGE.ticket],
  ] as const)
    for (const record of records) record.customfields = seedCustomFieldValues(details, customFields, usage)
  seedActionTimes(createRandom(seed ^ TIME_STREAM), actions)
  return {
    customFields,
    statuses: seedStatuses(),
    slas,
    priorities,
    ticketTypes,
    teams,
    agents,
    topLevels: seedTopLevels(),
    clients,
    sites,
    users,
    assetTypes,
    assetStatuses: seedAssetStatuses(),
    assetFields: seedAssetFields(),
    assets,
    tickets,
    actions,
    invoices: seedInvoices(createRandom(seed ^ INVOICE_STREAM), { clients, sites, tickets, actions }),
  }
}
