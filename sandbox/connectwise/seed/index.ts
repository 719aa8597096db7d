import { createRandom } from '../../shared/random.js'
import type { ConnectWiseDataSet } from '../database.js'
import {
  COMPANY_STATUSES,
  COMPANY_TYPES,
  CONFIGURATION_STATUSES,
  COUNTRIES,
  MANUFACTURERS,
} from './catalog.js'
import { seedCompanies } from './companies.js'
import { seedConfigurations } from './configurations.js'
import {
  idOf,
  named,
  seedConfigurationTypes,
  seedMembers,
  seedPriorities,
  seedServiceSetup,
} from './reference-data.js'
import { seedTickets } from './tickets.js'

export { API_MEMBER_ID } from './reference-data.js'

/**
 * The sandbox site's data. Deterministic: the same seed gives identical records, different seeds different
 * companies, devices and tickets, and no date depends on the current time.
 */
export function seedConnectWiseData(seed: number): ConnectWiseDataSet {
  const random = createRandom(seed)
  const { boards, statuses, types } = seedServiceSetup()
  const priorities = seedPriorities()
  const members = seedMembers()
  const companyStatuses = named(COMPANY_STATUSES)
  const companyTypes = named(COMPANY_TYPES)
  const countries = named(COUNTRIES)
  const manufacturers = named(MANUFACTURERS)
  const configurationTypes = seedConfigurationTypes()
  const configurationStatuses = named(CONFIGURATION_STATUSES)
  const { companies, contacts } = seedCompanies(random, { companyStatuses, companyTypes, countries })
  const configurations = seedConfigurations(random, {
    companies,
    contacts,
    configurationTypes,
    configurationStatuses,
    manufacturers,
  })
  const { tickets, notes } = seedTickets(random, {
    boards,
    statuses,
    types,
    priorities,
    members,
    companies,
    contacts,
    companyStatusActiveId: idOf(companyStatuses, 'Active'),
  })
  return {
    boards,
    statuses,
    types,
    priorities,
    members,
    companyStatuses,
    companyTypes,
    countries,
    companies,
    contacts,
    manufacturers,
    configurationTypes,
    configurationStatuses,
    configurations,
    tickets,
    notes,
  }
}
