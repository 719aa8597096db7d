import { HOUR_MS, toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase } from '../database.js'
import type { TimeEntryRecord } from '../records.js'
import type { EntityDefinition, FieldDefinition, Row } from './entity.js'
import {
  boolean,
  dateTime,
  decimal,
  idField,
  integer,
  readOnly,
  reference,
  required,
  text,
} from './fields.js'
import { acceptedValues, recordToUpdate, refuseApiOnlyResource, refused } from './writes.js'

// Time on tickets. Sources for the rules below: a practitioner's notes "Autotask API — Lessons Learned" (zone 19; repository not identified: weak)
// (TimeEntries: every refusal a 500 — resourceID required, "TimeEntries for Tickets must have a roleID",
// "Must have at least one of hoursWorked or startDateTime/endDateTime", "TimeEntries for Service tickets require a
// start and stop time.", billing codes must be active general allocation codes) . A role the resource does not
// hold answers "There is no row at position 0.", and hoursToBill is read only (unsourced: both from an unverified
// practitioner's log; the notes above quote "…combination is not currently defined" for a wrong pair on tickets).
// summaryNotes/internalNotes ≤ 32000 (ecitsolutions/Autotask:Autotask/Functions/New-AtwsTimeEntry.ps1).

/** Ticket time; Autotask derives the type from what the entry is on. (unsourced: the number chosen) */
const TICKET_TIME_ENTRY_TYPE = 2

function timeEntryFields(): FieldDefinition[] {
  return [
    idField(),
    // The sandbox has no project tasks: its time entries are tickets'. (unsourced: required chosen for that)
    reference('ticketID', 'Ticket', required),
    integer('taskID', readOnly),
    reference('resourceID', 'Resource', required),
    reference('roleID', 'Role'),
    reference('billingCodeID', 'BillingCode'),
    integer('contractID'),
    dateTime('dateWorked'),
    dateTime('startDateTime'),
    dateTime('endDateTime'),
    decimal('hoursWorked'),
    decimal('hoursToBill', readOnly),
    decimal('offsetHours'),
    text('summaryNotes', 32000),
    text('internalNotes', 32000),
    boolean('isNonBillable'),
    boolean('showOnInvoice'),
    integer('timeEntryType', readOnly),
    reference('creatorUserID', 'Resource', readOnly),
    dateTime('createDateTime', readOnly),
    reference('lastModifiedUserID', 'Resource', readOnly),
    dateTime('lastModifiedDateTime', readOnly),
  ]
}

type Worked = Pick<
  TimeEntryRecord,
  'resourceID' | 'roleID' | 'billingCodeID' | 'startDateTime' | 'endDateTime' | 'hoursWorked' | 'offsetHours'
>

/** The entry as it would be after the write, checked; answers the hours and the day it derives. */
function checkedWork(
  db: AutotaskDatabase,
  entry: Omit<Worked, 'hoursWorked' | 'roleID'> & {
    hoursWorked: number | null
    roleID: number | null
  },
) {
  refuseApiOnlyResource(db, 'resourceID', entry.resourceID)
  if (entry.roleID === null) throw refused('TimeEntries for Tickets must have a roleID.')
  if (!db.rolesOf(entry.resourceID).some((role) => role.id === entry.roleID))
    throw refused('There is no row at position 0.')
  if (entry.billingCodeID !== null) {
    const code = db.billingCodes.get(entry.billingCodeID)
    if (!code || !code.isActive || code.useType !== 1)
      throw refused('The given allocation code is not an active general allocation code')
  }
  const { startDateTime: start, endDateTime: end } = entry
  if (entry.hoursWorked === null && (start === null || end === null))
    throw refused('Must have at least one of hoursWorked or startDateTime/endDateTime')
  if (start === null || end === null)
    throw refused('TimeEntries for Service tickets require a start and stop time.')
  const spanHours = (Date.parse(end) - Date.parse(start)) / HOUR_MS
  // (unsourced: this text chosen)
  if (spanHours <= 0) throw refused('endDateTime must be later than startDateTime')
  const hoursWorked = entry.hoursWorked ?? Math.round(spanHours * 100) / 100
  // "You cannot create time entries that are equal to or greater than 24 hours" (HELP TimeEntryEntity.htm, SOAP;
  // the REST page is believed the same: facts §7).
  if (hoursWorked <= 0) throw refused('hoursWorked must be greater than 0')
  if (hoursWorked >= 24)
    throw refused('You cannot create time entries that are equal to or greater than 24 hours')
  // hoursToBill = hoursWorked − offsetHours (unsourced: chosen, as the unverified log above says).
  const hoursToBill = Math.max(0, Math.round((hoursWorked - entry.offsetHours) * 100) / 100)
  return { roleID: entry.roleID, hoursWorked, hoursToBill }
}

/** Midnight UTC of the day the work started. (unsourced: chosen as the default of `dateWorked`) */
function dayOf(instant: string): string {
  return `${instant.slice(0, 10)}T00:00:00.000Z`
}

export const TIME_ENTRIES: EntityDefinition = {
  name: 'TimeEntries',
  info: {
    name: 'TimeEntries',
    canCreate: true,
    canUpdate: true,
    // Deleted at `DELETE /TimeEntries/{id}` (SWAGGER; HELP "TimeEntries/{id} (GET, DELETE)", facts §7).
    canDelete: true,
    canQuery: true,
    hasUserDefinedFields: false,
    supportsWebhookCallouts: false,
  },
  fields: timeEntryFields,
  rows: (db) => db.timeEntries as Map<number, Row>,
  create(db, body, _parentId, now) {
    const values = acceptedValues(timeEntryFields(), db, body, 'create') as Partial<TimeEntryRecord> &
      Pick<TimeEntryRecord, 'ticketID' | 'resourceID'>
    const draft = {
      roleID: null,
      billingCodeID: null,
      contractID: null,
      startDateTime: null,
      endDateTime: null,
      hoursWorked: null,
      offsetHours: 0,
      summaryNotes: '',
      internalNotes: null,
      isNonBillable: false,
      showOnInvoice: true,
      ...values,
    }
    const work = checkedWork(db, draft)
    const at = toTimestamp(now.getTime())
    const entry = db.insert('timeEntries', {
      ...draft,
      ...work,
      dateWorked: draft.dateWorked ?? dayOf(draft.startDateTime as string),
      taskID: null,
      timeEntryType: TICKET_TIME_ENTRY_TYPE,
      creatorUserID: db.apiResourceID,
      createDateTime: at,
      lastModifiedUserID: db.apiResourceID,
      lastModifiedDateTime: at,
      userDefinedFields: [],
    })
    const ticket = db.tickets.get(entry.ticketID as number)
    // (unsourced: chosen, as for notes: time on a ticket is activity on it)
    if (ticket)
      db.update('tickets', ticket, { lastActivityDate: at, lastActivityResourceID: entry.resourceID })
    return entry as Row
  },
  delete(db, id) {
    const entry = recordToUpdate(db.timeEntries, { id })
    db.remove('timeEntries', entry)
  },
  update(db, body, _parentId, now) {
    const entry = recordToUpdate(db.timeEntries, body)
    // (unsourced: chosen; an entry does not move to another ticket)
    const { ticketID: _ticketID, ...values } = acceptedValues(timeEntryFields(), db, body, 'update', entry)
    const after = { ...entry, ...(values as Partial<TimeEntryRecord>) }
    // Hours given again are taken; otherwise a new start or end derives them anew.
    const hoursWorked =
      values.hoursWorked !== undefined ||
      (values.startDateTime === undefined && values.endDateTime === undefined)
        ? after.hoursWorked
        : null
    const work = checkedWork(db, { ...after, hoursWorked })
    return db.update('timeEntries', entry, {
      ...(values as Partial<TimeEntryRecord>),
      ...work,
      lastModifiedUserID: db.apiResourceID,
      lastModifiedDateTime: toTimestamp(now.getTime()),
    }) as Row
  },
}
