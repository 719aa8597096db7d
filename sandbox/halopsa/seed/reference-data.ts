import type { Random } from '../../shared/random.js'
import {
  STATUS_TYPE,
  type AgentRecord,
  type AssetFieldRecord,
  type AssetStatusRecord,
  type AssetTypeRecord,
  type PriorityRecord,
  type SlaRecord,
  type StatusRecord,
  type TeamRecord,
  type TicketTypeRecord,
  type TopLevelRecord,
} from '../records.js'
import { AGENT_COLOURS, AGENTS } from './catalog.js'

// Halo's default statuses; ids are not contiguous (6 and 7 are gone), as in a tenant that deleted some.
// Halo's closed status is 9.
export const STATUS_IDS = {
  new: 1,
  inProgress: 2,
  actionRequired: 3,
  waitingOnUser: 4,
  withSupplier: 5,
  resolved: 8,
  closed: 9,
}

export function seedStatuses(): StatusRecord[] {
  const status = (
    id: number,
    name: string,
    shortname: string,
    type: number,
    sequence: number,
    colour: string,
  ) => ({
    id,
    name,
    shortname,
    type,
    sequence,
    colour,
  })
  return [
    status(STATUS_IDS.new, 'New', 'New', STATUS_TYPE.open, 1, '#2196f3'),
    status(STATUS_IDS.inProgress, 'In Progress', 'InProg', STATUS_TYPE.open, 2, '#ff9800'),
    status(STATUS_IDS.actionRequired, 'Action Required', 'ActReq', STATUS_TYPE.open, 3, '#f44336'),
    status(STATUS_IDS.waitingOnUser, 'Waiting on User', 'WaitUser', STATUS_TYPE.pending, 4, '#9c27b0'),
    status(STATUS_IDS.withSupplier, 'With Supplier', 'Supplier', STATUS_TYPE.pending, 5, '#795548'),
    status(STATUS_IDS.resolved, 'Resolved', 'Resolved', STATUS_TYPE.closed, 6, '#8bc34a'),
    status(STATUS_IDS.closed, 'Closed', 'Closed', STATUS_TYPE.closed, 7, '#4caf50'),
  ]
}

export function seedSlas(): SlaRecord[] {
  return [
    { id: 1, name: 'Standard SLA' },
    { id: 2, name: 'Priority SLA' },
  ]
}

const PRIORITY_LEVELS = [
  { priorityid: 1, name: 'Critical', colour: '#d32f2f', fixtime: 4, responsetime: 1 },
  { priorityid: 2, name: 'High', colour: '#f57c00', fixtime: 8, responsetime: 2 },
  { priorityid: 3, name: 'Medium', colour: '#fbc02d', fixtime: 24, responsetime: 4 },
  { priorityid: 4, name: 'Low', colour: '#388e3c', fixtime: 72, responsetime: 8 },
]

/** The same four levels in each SLA, as separate rows with their own uuids; the priority SLA halves the times. */
export function seedPriorities(random: Random, slas: readonly SlaRecord[]): PriorityRecord[] {
  return slas.flatMap((sla) =>
    PRIORITY_LEVELS.map((level) => ({
      id: uuid(random),
      slaid: sla.id,
      ...level,
      fixtime: sla.id === 1 ? level.fixtime : level.fixtime / 2,
      responsetime: sla.id === 1 ? level.responsetime : level.responsetime / 2,
      ishidden: false,
    })),
  )
}

export function seedTicketTypes(): TicketTypeRecord[] {
  const type = (id: number, name: string, sequence: number, defaults: Partial<TicketTypeRecord> = {}) => ({
    id,
    name,
    sequence,
    visible: true,
    initial_status: STATUS_IDS.new,
    default_sla: 1,
    default_priority: 3,
    ...defaults,
  })
  return [
    type(1, 'Incident', 1),
    type(2, 'Problem', 3, { default_priority: 2 }),
    type(3, 'Change Request', 4),
    type(4, 'Service Request', 2, { default_priority: 4 }),
    type(21, 'Alert', 5, { default_sla: 2, default_priority: 2 }),
    type(22, 'Project Task', 6, {
      visible: false,
      default_priority: 4,
      initial_status: STATUS_IDS.inProgress,
    }),
  ]
}

export function seedTeams(): TeamRecord[] {
  return [
    { id: 1, name: '1st Line Support', sequence: 1 },
    { id: 2, name: '2nd Line Support', sequence: 2 },
    { id: 3, name: 'Projects', sequence: 3 },
  ]
}

/** The last agent has left and is disabled; old tickets still name them. */
export function seedAgents(): AgentRecord[] {
  return AGENTS.map((agent, index) => ({
    id: index + 1,
    ...agent,
    email: `${agent.firstname.toLowerCase()}.${agent.surname.toLowerCase().replace(/[^a-z]/g, '')}@msp.example`,
    colour: AGENT_COLOURS[index % AGENT_COLOURS.length] ?? '#000000',
    isdisabled: index === AGENTS.length - 1,
  }))
}

export function seedTopLevels(): TopLevelRecord[] {
  return [
    { id: 1, name: 'Customers' },
    { id: 2, name: 'Partners' },
  ]
}

export function seedAssetTypes(): AssetTypeRecord[] {
  return ['Workstation', 'Laptop', 'Server', 'Printer', 'Firewall', 'Switch'].map((name, index) => ({
    id: index + 1,
    name,
  }))
}

export const ASSET_STATUS_IDS = { active: 1, inStorage: 2, retired: 3 }

export function seedAssetStatuses(): AssetStatusRecord[] {
  return [
    { id: ASSET_STATUS_IDS.active, name: 'Active' },
    { id: ASSET_STATUS_IDS.inStorage, name: 'In Storage' },
    { id: ASSET_STATUS_IDS.retired, name: 'Retired' },
  ]
}

export const ASSET_FIELD_IDS = {
  manufacturer: 1,
  model: 2,
  serialNumber: 3,
  operatingSystem: 4,
  ipAddress: 5,
  ram: 6,
}

export function seedAssetFields(): AssetFieldRecord[] {
  return [
    { id: ASSET_FIELD_IDS.manufacturer, name: 'Manufacturer' },
    { id: ASSET_FIELD_IDS.model, name: 'Model' },
    { id: ASSET_FIELD_IDS.serialNumber, name: 'Serial Number' },
    { id: ASSET_FIELD_IDS.operatingSystem, name: 'Operating System' },
    { id: ASSET_FIELD_IDS.ipAddress, name: 'IP Address' },
    { id: ASSET_FIELD_IDS.ram, name: 'RAM' },
  ]
}

/** A version-4-shaped uuid from the seed's PRNG, so it is the same for the same seed. */
function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16))
  hex[12] = '4'
  hex[16] = (8 + random.int(0, 3)).toString(16)
  const text = hex.join('')
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`
}
