import { HOUR_MS } from '../../shared/dates.js'
import type { ConnectWiseDatabase } from '../database.js'
import { formatTimestamp } from '../dates.js'
import type { JsonObject } from '../field-schema.js'
import type { BillableOption, ChargeToType, TimeEntryRecord } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { TIME_ENTRY_SCHEMA } from '../views/time-entries.js'
import type { PatchRules } from './json-patch.js'
import { findMember } from './lookups.js'
import { readChoice, readDate, readFlag, readReference, readText, Validation } from './validation.js'

export const TIME_ENTRY_RESOURCE = 'timeEntry'

const CHARGE_TO_TYPES: readonly ChargeToType[] = ['ServiceTicket', 'ProjectTicket', 'ChargeCode', 'Activity']
const BILLABLE_OPTIONS: readonly BillableOption[] = ['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']

export const TIME_ENTRY_PATCH_RULES: PatchRules = {
  resource: TIME_ENTRY_RESOURCE,
  schema: TIME_ENTRY_SCHEMA,
  writable: {
    member: ['id', 'identifier'],
    timeStart: [],
    timeEnd: [],
    hoursDeduct: [],
    actualHours: [],
    billableOption: [],
    notes: [],
    internalNotes: [],
    addToDetailDescriptionFlag: [],
    addToInternalAnalysisFlag: [],
    addToResolutionFlag: [],
  },
}

/** What a create takes; a patch may not move an entry to another ticket (our choice, the vendor's is unknown). */
export const TIME_ENTRY_CREATE_FIELDS = [
  'chargeToId',
  'chargeToType',
  ...Object.keys(TIME_ENTRY_PATCH_RULES.writable),
]

export type TimeEntryFields = Omit<TimeEntryRecord, 'id' | 'info'>

export type TimeEntryInput = { ok: true; fields: TimeEntryFields } | { ok: false; errors: FieldError[] }

export interface TimeEntryRules {
  mode: 'create' | 'update'
  /** The member a create without one is charged to: the API member (the caller's own time). */
  defaultMemberId: number
  /** True when `actualHours` sets the end (it was sent and `timeEnd` was not); else the end sets the hours. */
  hoursSetTheEnd: boolean
}

/**
 * Checks a time entry in request form. `timeStart` is required, and so are `chargeToId` with `chargeToType`
 * (christaylorcodes/ConnectWiseManageAPI New-CWMTimeEntry.ps1: both mandatory in its ChargeTo parameter set, the
 * other set charging a `company`, which the emulator does not keep); `chargeToType` and `billableOption` come
 * from fixed lists (same file, and models/time_entry.rb of sowderca/connectwise-ruby-sdk). The emulator keeps only
 * time charged to a service ticket; a ticket in a status with `timeEntryNotAllowed` (the vendor's status flag,
 * /work/shared/vendors.md) refuses new time. Guesses, for want of a source: `billableOption` defaults to Billable
 * (the vendor takes it from the work type); the member defaults to the caller; one of `timeEnd` or `actualHours`
 * is required, and either gives the other (`actualHours` = end − start − `hoursDeduct`, to the hundredth).
 */
export function readTimeEntry(
  db: ConnectWiseDatabase,
  fields: JsonObject,
  rules: TimeEntryRules,
): TimeEntryInput {
  const check = new Validation(TIME_ENTRY_RESOURCE)
  const ticket = readTicket(check, db, fields, rules.mode)
  const member = readReference(check, fields, 'member', (key) => findMember(db, key), {
    problem: (found) => (found.inactiveFlag ? 'is inactive' : undefined),
    namedBy: 'identifier',
  })
  const timeStart = readDate(check, fields, 'timeStart')
  if (timeStart === null && !check.errors.some((error) => error.field === 'timeStart'))
    check.fail('NullOrEmpty', 'timeStart', 'timeStart may not be empty.')
  const hoursDeduct = readHours(check, fields, 'hoursDeduct') ?? 0
  const span = readSpan(check, fields, timeStart, hoursDeduct, rules.hoursSetTheEnd)
  const text = (field: string) => readText(check, fields, field, { max: Number.MAX_SAFE_INTEGER })
  const details = {
    billableOption: readChoice(check, fields, 'billableOption', BILLABLE_OPTIONS, 'Billable'),
    notes: text('notes'),
    internalNotes: text('internalNotes'),
    addToDetailDescriptionFlag: readFlag(check, fields, 'addToDetailDescriptionFlag', false),
    addToInternalAnalysisFlag: readFlag(check, fields, 'addToInternalAnalysisFlag', false),
    addToResolutionFlag: readFlag(check, fields, 'addToResolutionFlag', false),
  }
  if (!check.ok || !ticket || timeStart === null || !span) return { ok: false, errors: check.errors }
  return {
    ok: true,
    fields: {
      ticketId: ticket.id,
      companyId: ticket.companyId,
      memberId: member?.id ?? rules.defaultMemberId,
      timeStart,
      timeEnd: span.timeEnd,
      hoursDeduct,
      actualHours: span.actualHours,
      ...details,
    },
  }
}

function readTicket(
  check: Validation,
  db: ConnectWiseDatabase,
  fields: JsonObject,
  mode: 'create' | 'update',
) {
  const sentType = fields.chargeToType
  if (sentType === undefined || sentType === null || sentType === '')
    return check.fail('NullOrEmpty', 'chargeToType', 'chargeToType may not be empty.')
  const type = readChoice(check, fields, 'chargeToType', CHARGE_TO_TYPES, 'ServiceTicket')
  if (type !== 'ServiceTicket')
    return check.fail('InvalidArgument', 'chargeToType', `chargeToType ${type} is not kept by the sandbox.`)
  const id = fields.chargeToId
  if (id === undefined || id === null)
    return check.fail('NullOrEmpty', 'chargeToId', 'chargeToId may not be empty.')
  const ticket = typeof id === 'number' ? db.tickets.get(id) : undefined
  if (!ticket)
    return check.fail('InvalidArgument', 'chargeToId', `chargeToId with id ${String(id)} was not found.`)
  const status = db.statuses.get(ticket.statusId)
  if (mode === 'create' && status?.timeEntryNotAllowed)
    return check.fail(
      'InvalidArgument',
      'chargeToId',
      `Time entries are not allowed on a ticket in status ${status.name}.`,
    )
  return ticket
}

/** Hours as a number, never negative; absent or null reads as null. */
function readHours(check: Validation, fields: JsonObject, field: string): number | null {
  const value = fields[field]
  if (value === undefined || value === null) return null
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  return check.fail('InvalidArgument', field, `${field} must be a number of hours, 0 or more.`)
}

function readSpan(
  check: Validation,
  fields: JsonObject,
  timeStart: string | null,
  hoursDeduct: number,
  hoursSetTheEnd: boolean,
): { timeEnd: string; actualHours: number } | null {
  const timeEnd = readDate(check, fields, 'timeEnd')
  const actualHours = readHours(check, fields, 'actualHours')
  if (timeStart === null) return null
  const startMs = Date.parse(timeStart)
  if (actualHours !== null && (hoursSetTheEnd || timeEnd === null))
    return { timeEnd: formatTimestamp(startMs + (actualHours + hoursDeduct) * HOUR_MS), actualHours }
  const hoursRefused = actualHours === null && fields.actualHours !== undefined && fields.actualHours !== null
  if (timeEnd === null && hoursRefused) return null
  if (timeEnd === null)
    return check.fail('NullOrEmpty', 'timeEnd', 'timeEnd may not be empty when actualHours is not given.')
  const worked = (Date.parse(timeEnd) - startMs) / HOUR_MS - hoursDeduct
  if (Date.parse(timeEnd) <= startMs)
    return check.fail('InvalidArgument', 'timeEnd', 'timeEnd must be after timeStart.')
  if (worked < 0)
    return check.fail(
      'InvalidArgument',
      'hoursDeduct',
      'hoursDeduct may not exceed the time between start and end.',
    )
  return { timeEnd, actualHours: Math.round(worked * 100) / 100 }
}

/** The entry's writable fields in request form: what a JSON Patch applies to. */
export function timeEntryFields(entry: TimeEntryRecord): JsonObject {
  return {
    chargeToId: entry.ticketId,
    chargeToType: 'ServiceTicket',
    member: { id: entry.memberId },
    timeStart: entry.timeStart,
    timeEnd: entry.timeEnd,
    hoursDeduct: entry.hoursDeduct,
    actualHours: entry.actualHours,
    billableOption: entry.billableOption,
    notes: entry.notes,
    internalNotes: entry.internalNotes,
    addToDetailDescriptionFlag: entry.addToDetailDescriptionFlag,
    addToInternalAnalysisFlag: entry.addToInternalAnalysisFlag,
    addToResolutionFlag: entry.addToResolutionFlag,
  }
}
