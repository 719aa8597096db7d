export { startHaloEmulator, type HaloEmulator } from './emulator.js'
export type { HaloEmulatorOptions } from './options.js'
export { HaloDatabase } from './database.js'
export type { DelayFault, FaultControls, FaultScope, RespondFault } from '../shared/faults.js'
export type { EmulatorStats } from '../shared/stats.js'
export { STATUS_TYPE } from './records.js'
export type {
  ActionRecord,
  AgentRecord,
  AssetRecord,
  ClientRecord,
  EndUserRecord,
  InvoiceRecord,
  PriorityRecord,
  SiteRecord,
  StatusRecord,
  TicketRecord,
  TicketTypeRecord,
} from './records.js'
