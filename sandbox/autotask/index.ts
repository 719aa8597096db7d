export { startAutotaskEmulator, type AutotaskEmulator } from './emulator.js'
export type { AutotaskEmulatorOptions } from './options.js'
export { AutotaskDatabase } from './database.js'
export { firstTechnician } from './seed/people.js'
export type { DelayFault, FaultControls, FaultScope, RespondFault } from '../shared/faults.js'
export type { EmulatorStats } from '../shared/stats.js'
export type {
  BillingCodeRecord,
  CompanyRecord,
  ConfigurationItemRecord,
  ContactRecord,
  ProductRecord,
  ResourceRecord,
  ResourceRoleRecord,
  RoleRecord,
  TicketNoteRecord,
  TicketRecord,
  TimeEntryRecord,
  UserDefinedFieldValue,
} from './records.js'
