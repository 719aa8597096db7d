import { toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase } from '../database.js'
import type { TicketRecord } from '../records.js'
import { COMPLETE_STATUS, STANDARD_TICKET_CATEGORY } from '../seed/picklists.js'
import type { EntityDefinition, FieldDefinition, Row } from './entity.js'
import {
  dateTime,
  decimal,
  idField,
  integer,
  picklist,
  readOnly,
  reference,
  required,
  text,
  watchable,
} from './fields.js'
import { userDefinedUpdate, userDefinedValues } from './user-defined-fields.js'
import { acceptedValues, recordToUpdate, refuseApiOnlyResource, refused } from './writes.js'

// Required fields: companyID, priority, status, title (ecitsolutions/Autotask:Autotask/Functions/New-AtwsTicket.ps1,
// Mandatory parameters, generated from the API's field information; status and priority `isRequired: true` in
// KerkhoffTechnologies/django-autotask:djautotask/tests/fixtures.py). A create with only those and a queue
// succeeds (WYRE-AI/msp-claude-plugins#32), so dueDateTime is not required. Lengths: the same module
// (title 255, description 8000, resolution 32000). Not queryable: creatorType, lastActivityPersonType
// (DeveloperHelp/Content/APIs/REST/Entities/TicketsEntity.htm).

const picklistOf = (db: AutotaskDatabase, field: string) => db.picklist('Tickets', field)

function ticketFields(db: AutotaskDatabase): FieldDefinition[] {
  return [
    idField(),
    text('ticketNumber', 50, readOnly),
    text('title', 255, { ...required, ...watchable }),
    text('description', 8000, watchable),
    reference('companyID', 'Company', required),
    reference('contactID', 'Contact'),
    reference('configurationItemID', 'ConfigurationItem'),
    picklist('status', picklistOf(db, 'status'), { ...required, ...watchable }),
    picklist('priority', picklistOf(db, 'priority'), { ...required, ...watchable }),
    picklist('queueID', picklistOf(db, 'queueID'), watchable),
    picklist('issueType', picklistOf(db, 'issueType')),
    picklist('subIssueType', picklistOf(db, 'subIssueType'), {}, 'issueType'),
    picklist('ticketType', picklistOf(db, 'ticketType')),
    picklist('source', picklistOf(db, 'source')),
    picklist('ticketCategory', picklistOf(db, 'ticketCategory')),
    reference('assignedResourceID', 'Resource', watchable),
    reference('assignedResourceRoleID', 'Role'),
    reference('billingCodeID', 'BillingCode'),
    reference('creatorResourceID', 'Resource', readOnly),
    integer('creatorType', { ...readOnly, isQueryable: false }),
    dateTime('createDate', readOnly),
    dateTime('dueDateTime'),
    dateTime('completedDate', readOnly),
    reference('completedByResourceID', 'Resource', readOnly),
    decimal('estimatedHours'),
    text('resolution', 32000),
    dateTime('lastActivityDate', readOnly),
    reference('lastActivityResourceID', 'Resource', readOnly),
    integer('lastActivityPersonType', { ...readOnly, isQueryable: false }),
    dateTime('lastTrackedModificationDateTime', readOnly),
  ]
}

/** `T20250930.0256`: the day's date and its sequence (furdog72/TotalCareIT:docs/AUTOTASK-API-SUCCESS.md samples). */
function nextTicketNumber(db: AutotaskDatabase, now: Date): string {
  const day = `T${toTimestamp(now.getTime()).slice(0, 10).replaceAll('-', '')}.`
  let last = 0
  for (const ticket of db.tickets.values())
    if (ticket.ticketNumber.startsWith(day))
      last = Math.max(last, Number(ticket.ticketNumber.slice(day.length)))
  return `${day}${String(last + 1).padStart(4, '0')}`
}

/** The assignment rules both writes check on the ticket as it would be after the write. */
function checkAssignment(
  db: AutotaskDatabase,
  ticket: Pick<TicketRecord, 'assignedResourceID' | 'assignedResourceRoleID'>,
) {
  const { assignedResourceID: resource, assignedResourceRoleID: role } = ticket
  if ((resource === null) !== (role === null))
    // WYRE-AI/msp-claude-plugins#32, quoted as Autotask answered it.
    throw refused(
      'When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID.',
    )
  refuseApiOnlyResource(db, 'AssignedResourceID', resource, 'cannot be assigned to tickets')
  if (resource !== null && !db.rolesOf(resource).some((held) => held.id === role))
    // Practitioner's notes "Autotask API — Lessons Learned" (wrong resource + role combination, 500).
    throw refused('The specified AssignedResourceID and AssignedRoleID combination is not currently defined')
}

/** Completing stamps who and when; reopening clears them. (unsourced: chosen to match the read-only pair) */
function completion(db: AutotaskDatabase, status: number, wasComplete: boolean, now: Date) {
  if (status === COMPLETE_STATUS && !wasComplete)
    return { completedDate: toTimestamp(now.getTime()), completedByResourceID: db.apiResourceID }
  if (status !== COMPLETE_STATUS && wasComplete) return { completedDate: null, completedByResourceID: null }
  return {}
}

export const TICKETS: EntityDefinition = {
  name: 'Tickets',
  info: {
    name: 'Tickets',
    canCreate: true,
    canUpdate: true,
    canDelete: false,
    canQuery: true,
    hasUserDefinedFields: true,
    supportsWebhookCallouts: true,
  },
  fields: ticketFields,
  rows: (db) => db.tickets as Map<number, Row>,
  userDefinedFields: (db) => db.userDefinedFields.Tickets ?? [],
  create(db, body, _parentId, now) {
    const values = acceptedValues(ticketFields(db), db, body, 'create')
    const at = toTimestamp(now.getTime())
    const draft = {
      title: '',
      description: null,
      companyID: 0,
      contactID: null,
      configurationItemID: null,
      status: 1,
      priority: 2,
      queueID: null,
      issueType: null,
      subIssueType: null,
      ticketType: 1,
      source: null,
      ticketCategory: STANDARD_TICKET_CATEGORY,
      assignedResourceID: null,
      assignedResourceRoleID: null,
      billingCodeID: null,
      // (unsourced: chosen because a create without dueDateTime succeeds, so Autotask fills one; a day on)
      dueDateTime: toTimestamp(now.getTime() + 86_400_000),
      estimatedHours: null,
      resolution: null,
      ...values,
      ticketNumber: nextTicketNumber(db, now),
      creatorResourceID: db.apiResourceID,
      creatorType: 1,
      createDate: at,
      lastActivityDate: at,
      lastActivityResourceID: db.apiResourceID,
      lastActivityPersonType: 1,
      lastTrackedModificationDateTime: at,
      userDefinedFields: userDefinedValues(db, 'Tickets', body.userDefinedFields, []),
    } as Omit<TicketRecord, 'id' | 'completedDate' | 'completedByResourceID'>
    checkAssignment(db, draft)
    const record = { completedDate: null, completedByResourceID: null, ...draft }
    return db.insert('tickets', { ...record, ...completion(db, record.status, false, now) }) as Row
  },
  update(db, body, _parentId, now) {
    const ticket = recordToUpdate(db.tickets, body)
    const values = acceptedValues(ticketFields(db), db, body, 'update', ticket) as Partial<TicketRecord>
    checkAssignment(db, { ...ticket, ...values })
    const at = toTimestamp(now.getTime())
    const wasComplete = ticket.status === COMPLETE_STATUS
    return db.update('tickets', ticket, {
      ...values,
      ...completion(db, values.status ?? ticket.status, wasComplete, now),
      ...userDefinedUpdate(db, 'Tickets', body, ticket.userDefinedFields),
      lastActivityDate: at,
      lastActivityResourceID: db.apiResourceID,
      lastTrackedModificationDateTime: at,
    }) as Row
  },
}
