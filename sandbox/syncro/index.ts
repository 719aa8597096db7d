export { startSyncroEmulator, type SyncroEmulator } from './emulator.js'
export type { SyncroEmulatorOptions } from './options.js'
export { SyncroDatabase } from './database.js'
export type { DelayFault, FaultScope, RespondFault, SyncroFaultControls } from './faults.js'
export type { SyncroStats } from './stats.js'
export type {
  AssetRecord,
  AssetTypeRecord,
  CommentRecord,
  ContactRecord,
  CustomerRecord,
  TicketRecord,
  TicketTypeRecord,
  UserRecord,
} from './records.js'
