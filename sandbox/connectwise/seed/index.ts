import { createRandom, type Random } from '../../shared/random.js'
import type { CustomFieldResource } from '../custom-field-screens.js'
import type { ConnectWiseDataSet } from '../database.js'
import type { ContactRecord, CustomFieldValues } from '../records.js'
import {
  COMPANY_STATUSES,
  COMPANY_TYPES,
  CONFIGURATION_STATUSES,
  COUNTRIES,
  MANUFACTURERS,
} from './catalog.js'
import { seedAgreements, seedAgreementTypes } from './agreements.js'
import { seedCompanies } from './companies.js'
import { seedConfigurations } from './configurations.js'
import { seedCommunicationTypes, seedCustomFieldValues, seedUserDefinedFields } from './custom-fields.js'
import {
  idOf,
  named,
  seedConfigurationTypes,
  seedMembers,
  seedPriorities,
  seedServiceSetup,
} from './reference-data.js'
import { seedTickets } from './tickets.js'
import { seedTimeEntries } from './time-entries.js'

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
  const userDefinedFields = seedUserDefinedFields()
  // A stream of its own, so the records drawn before custom fields existed stay as they were for every seed.
  const extras = createRandom(seed ^ 0x5eed)
  const fill = (resource: CustomFieldResource, records: { customFieldValues: CustomFieldValues }[]) => {
    for (const record of records)
      record.customFieldValues = seedCustomFieldValues(extras, userDefinedFields, resource)
  }
  fill('company', companies)
  fill('contact', contacts)
  fill('configuration', configurations)
  fill('ticket', tickets)
  addMobiles(extras, contacts)
  // Streams of their own again: time entries and agreements came later still.
  const timeEntries = seedTimeEntries(createRandom(seed ^ 0x7173), tickets, members)
  const agreementTypes = seedAgreementTypes()
  const agreements = seedAgreements(createRandom(seed ^ 0xa9e3), companies, contacts, agreementTypes)
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
    communicationTypes: seedCommunicationTypes(),
    userDefinedFields,
    timeEntries,
    agreementTypes,
    agreements,
  }
}

/** A mobile number (type 3, Cell) for about a quarter of the contacts, with ids after the seeded items. */
function addMobiles(random: Random, contacts: ContactRecord[]): void {
  let itemId = Math.max(
    0,
    ...contacts.flatMap((contact) => contact.communicationItems.map((item) => item.id)),
  )
  for (const contact of contacts) {
    if (!random.chance(0.25)) continue
    contact.communicationItems.push({
      id: (itemId += 1),
      typeId: 3,
      communicationType: 'Phone',
      value: `(555) 010-${String(random.int(0, 9999)).padStart(4, '0')}`,
      extension: null,
      defaultFlag: false,
    })
  }
}
