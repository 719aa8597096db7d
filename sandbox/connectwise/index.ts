export { startConnectWiseEmulator, type ConnectWiseEmulator } from './emulator.js'
export type { ConnectWiseEmulatorOptions } from './options.js'
export { ConnectWiseDatabase } from './database.js'
export { parseConditions, ConditionsError } from './conditions/index.js'
export type { ComparisonOperator, ConditionNode, Literal } from './conditions/index.js'
export type { DelayFault, FaultControls, FaultScope, RespondFault } from '../shared/faults.js'
export type { EmulatorStats } from '../shared/stats.js'
export type {
  BoardRecord,
  CompanyRecord,
  ConfigurationRecord,
  ConfigurationTypeRecord,
  CommunicationItemRecord,
  CommunicationTypeRecord,
  ContactRecord,
  CustomFieldValues,
  InfoStamp,
  MemberRecord,
  NamedRecord,
  NoteRecord,
  PriorityRecord,
  StatusRecord,
  TicketRecord,
  TicketTypeRecord,
  UserDefinedFieldRecord,
} from './records.js'
