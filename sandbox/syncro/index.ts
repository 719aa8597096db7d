export { startSyncroEmulator, type SyncroEmulator } from './emulator.js'
export type { SyncroEmulatorOptions } from './options.js'
export { SyncroDatabase } from './database.js'
export type { DelayFault, FaultControls, FaultScope, RespondFault } from '../shared/faults.js'
export type { EmulatorStats } from '../shared/stats.js'
export type {
  AssetRecord,
  AssetTypeRecord,
  CommentRecord,
  ContactRecord,
  CustomerRecord,
  InvoiceRecord,
  TicketRecord,
  TicketTimerRecord,
  TicketTypeRecord,
  UserRecord,
} from './records.js'
