import { DAY_MS } from '../../shared/dates.js'
import { formatTimestamp } from '../dates.js'
import type {
  BoardRecord,
  ConfigurationTypeRecord,
  EscalationStatus,
  InfoStamp,
  MemberRecord,
  NamedRecord,
  PriorityRecord,
  StatusRecord,
  TicketTypeRecord,
} from '../records.js'
import {
  API_MEMBER,
  BOARDS,
  CONFIGURATION_TYPES,
  DEFAULT_PRIORITY_ID,
  MEMBERS,
  MSP_DOMAIN,
  PRIORITIES,
  type StatusSpec,
} from './catalog.js'
import { SITE_CREATED_MS } from './time.js'

// Reference data is the same for every seed: a site's setup, not its traffic.

export const API_MEMBER_ID = MEMBERS.length + 1

export function siteInfo(dayOffset: number): InfoStamp {
  const at = formatTimestamp(SITE_CREATED_MS + dayOffset * DAY_MS)
  return { lastUpdated: at, dateEntered: at, enteredBy: 'jsmith', updatedBy: 'jsmith' }
}

export function seedMembers(): MemberRecord[] {
  return [...MEMBERS, API_MEMBER].map((spec, index) => ({
    id: index + 1,
    identifier: spec.identifier,
    firstName: spec.firstName,
    lastName: spec.lastName,
    officeEmail: `${spec.identifier.toLowerCase()}@${MSP_DOMAIN}`,
    title: spec.title,
    inactiveFlag: spec.inactive ?? false,
    licenseClass: spec.licenseClass ?? 'F',
    hireDate: siteInfo(index).dateEntered,
    info: siteInfo(index),
  }))
}

export interface ServiceSetup {
  boards: BoardRecord[]
  statuses: StatusRecord[]
  types: TicketTypeRecord[]
}

/** Boards in catalog order (ids 1...); status and type ids run on across boards, so each is unique. */
export function seedServiceSetup(): ServiceSetup {
  const setup: ServiceSetup = { boards: [], statuses: [], types: [] }
  BOARDS.forEach((spec, index) => {
    const boardId = index + 1
    setup.boards.push({ id: boardId, name: spec.name, inactiveFlag: spec.inactive ?? false })
    spec.statuses.forEach((status, sortOrder) => {
      setup.statuses.push({
        id: setup.statuses.length + 1,
        boardId,
        name: status.name,
        sortOrder,
        closedStatus: status.closed ?? false,
        inactive: status.inactive ?? false,
        defaultFlag: status.default ?? false,
        escalationStatus: escalation(status),
        // The seed's choice, not a vendor rule: each board's closed statuses take no new time, so that the flag
        // (a status setting an administrator chooses) is exercised.
        timeEntryNotAllowed: status.closed ?? false,
      })
    })
    for (const name of spec.types) {
      setup.types.push({ id: setup.types.length + 1, boardId, name, inactiveFlag: false })
    }
  })
  return setup
}

function escalation(status: StatusSpec): EscalationStatus {
  if (status.closed) return 'Resolved'
  if (status.default) return 'NotResponded'
  if (status.inactive) return 'NoEscalation'
  return 'Responded'
}

export function seedPriorities(): PriorityRecord[] {
  return PRIORITIES.map(({ weight: _weight, ...priority }) => ({
    ...priority,
    defaultFlag: priority.id === DEFAULT_PRIORITY_ID,
  }))
}

/** The id of the record with this name; the seed's own lists always hold it. */
export function idOf(records: readonly { id: number; name: string }[], name: string): number {
  const record = records.find((candidate) => candidate.name === name)
  if (!record) throw new Error(`seed: no record named ${name}`)
  return record.id
}

export function named(names: readonly string[]): NamedRecord[] {
  return names.map((name, index) => ({ id: index + 1, name }))
}

export function seedConfigurationTypes(): ConfigurationTypeRecord[] {
  return CONFIGURATION_TYPES.map((type, index) => ({ id: index + 1, name: type.name, inactiveFlag: false }))
}
