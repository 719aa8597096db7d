import { COMPANIES } from './companies.js'
import { CONFIGURATION_ITEMS } from './configuration-items.js'
import { CONTACTS } from './contacts.js'
import type { EntityDefinition } from './entity.js'
import { BILLING_CODES, PRODUCTS, RESOURCE_ROLES, RESOURCES, ROLES } from './reference-entities.js'
import { TICKET_NOTES } from './ticket-notes.js'
import { TICKETS } from './tickets.js'
import { TIME_ENTRIES } from './time-entries.js'

export type { EntityDefinition, FieldDefinition, PicklistValue, Row } from './entity.js'
export { EntityError } from './entity.js'

/** The entities the emulator serves, by the name their URLs use. */
export const ENTITIES: Record<string, EntityDefinition> = Object.fromEntries(
  [
    TICKETS,
    TICKET_NOTES,
    COMPANIES,
    CONTACTS,
    CONFIGURATION_ITEMS,
    RESOURCES,
    TIME_ENTRIES,
    ROLES,
    RESOURCE_ROLES,
    BILLING_CODES,
    PRODUCTS,
  ].map((entity) => [entity.name, entity]),
)
