import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type { BoardRecord, Rating, TicketRecord, Timestamp } from '../records.js'
import { contactEmail, contactName } from '../views/references.js'
import type { FieldError } from '../vendor-errors.js'
import type { PatchRules } from './json-patch.js'
import { TICKET_SCHEMA } from '../views/tickets.js'
import { customFieldsInput, readCustomFields } from './custom-field-input.js'
import { findCompany, findMember } from './lookups.js'
import {
  byIdIn,
  byIdOrName,
  readChoice,
  readDate,
  readReference,
  readText,
  Validation,
} from './validation.js'

export const TICKET_RESOURCE = 'ticket'
const RATINGS: readonly Rating[] = ['Low', 'Medium', 'High']

/** The fields a ticket write may set, and for references the sub-fields a JSON Patch path may name. */
export const TICKET_PATCH_RULES: PatchRules = {
  resource: TICKET_RESOURCE,
  schema: TICKET_SCHEMA,
  writable: {
    summary: [],
    board: ['id', 'name'],
    status: ['id', 'name'],
    company: ['id', 'identifier'],
    contact: ['id'],
    contactName: [],
    contactEmailAddress: [],
    type: ['id', 'name'],
    owner: ['id', 'identifier'],
    priority: ['id', 'name'],
    severity: [],
    impact: [],
    requiredDate: [],
    customFields: [],
  },
  collections: { customFields: ['value'] },
}

export const TICKET_CREATE_FIELDS = [...Object.keys(TICKET_PATCH_RULES.writable), 'initialDescription']

export type TicketFields = Pick<
  TicketRecord,
  | 'summary'
  | 'boardId'
  | 'statusId'
  | 'companyId'
  | 'contactId'
  | 'contactName'
  | 'contactEmailAddress'
  | 'typeId'
  | 'ownerId'
  | 'priorityId'
  | 'severity'
  | 'impact'
  | 'requiredDate'
  | 'customFieldValues'
>

export type TicketInput = { ok: true; fields: TicketFields } | { ok: false; errors: FieldError[] }

/**
 * Checks a whole ticket in request form. `create` (POST, PUT) fills what is absent with the defaults: the
 * lowest-id active board, that board's default status, the default priority, Medium severity and impact, and
 * the contact's name and email. `update` (PATCH, which always holds the whole ticket) treats a removed
 * board, status or priority as an error instead.
 */
export function readTicket(
  db: ConnectWiseDatabase,
  fields: JsonObject,
  mode: 'create' | 'update',
): TicketInput {
  const check = new Validation(TICKET_RESOURCE)
  const updating = mode === 'update'
  const summary = readText(check, fields, 'summary', { max: 100, required: true })
  const company = readReference(check, fields, 'company', (key) => findCompany(db, key), {
    problem: (found) => (found.deletedFlag ? 'is deleted' : undefined),
    required: true,
    namedBy: 'identifier',
  })
  const errorsBeforeBoard = check.errors.length
  const boardGiven = readReference(check, fields, 'board', byIdOrName(db.boards), {
    problem: (found) => (found.inactiveFlag ? 'is inactive' : undefined),
    required: updating,
    namedBy: 'name',
  })
  const boardFailed = check.errors.length > errorsBeforeBoard
  const board = boardGiven ?? (updating || boardFailed ? null : defaultBoard(db))
  const onBoard = (boardId: number) =>
    board === null || boardId === board.id ? undefined : `is not on board ${board.id}`
  // Status and type names are unique per board only: a name is looked up on the ticket's board.
  const onTicketBoard = (record: { boardId: number }) => board !== null && record.boardId === board.id
  const status =
    readReference(check, fields, 'status', byIdOrName(db.statuses, onTicketBoard), {
      problem: (found) => onBoard(found.boardId) ?? (found.inactive ? 'is inactive' : undefined),
      required: updating,
      namedBy: 'name',
    }) ?? (board && !updating ? db.statusesOf(board.id).find((candidate) => candidate.defaultFlag) : null)
  const type = readReference(check, fields, 'type', byIdOrName(db.types, onTicketBoard), {
    problem: (found) => onBoard(found.boardId) ?? (found.inactiveFlag ? 'is inactive' : undefined),
    namedBy: 'name',
  })
  const contact = readReference(check, fields, 'contact', byIdIn(db.contacts))
  const owner = readReference(check, fields, 'owner', (key) => findMember(db, key), {
    problem: (found) => (found.inactiveFlag ? 'is inactive' : undefined),
    namedBy: 'identifier',
  })
  const priority =
    readReference(check, fields, 'priority', byIdOrName(db.priorities), {
      required: updating,
      namedBy: 'name',
    }) ?? (updating ? null : [...db.priorities.values()].find((candidate) => candidate.defaultFlag))
  const ticketContactName = readText(check, fields, 'contactName', { max: 62 })
  const contactEmailAddress = readText(check, fields, 'contactEmailAddress', { max: 250 })
  const severity = readChoice(check, fields, 'severity', RATINGS, 'Medium')
  const impact = readChoice(check, fields, 'impact', RATINGS, 'Medium')
  const requiredDate: Timestamp | null = readDate(check, fields, 'requiredDate')
  const customFieldValues = readCustomFields(check, db, CUSTOM_FIELD_SCREENS.ticket, fields.customFields)
  if (!status && board && check.ok)
    check.fail('NullOrEmpty', 'status', `Board ${board.id} has no default status.`)
  if (!check.ok || summary === null || company === null || board === null || !status || !priority)
    return { ok: false, errors: check.errors }
  return {
    ok: true,
    fields: {
      summary,
      boardId: board.id,
      statusId: status.id,
      companyId: company.id,
      contactId: contact?.id ?? null,
      contactName: fields.contactName === undefined && contact ? contactName(contact) : ticketContactName,
      contactEmailAddress:
        fields.contactEmailAddress === undefined && contact ? contactEmail(contact) : contactEmailAddress,
      typeId: type?.id ?? null,
      ownerId: owner?.id ?? null,
      priorityId: priority.id,
      severity,
      impact,
      requiredDate,
      customFieldValues,
    },
  }
}

/** The ticket's writable fields in request form: what a JSON Patch applies to. */
export function ticketFields(db: ConnectWiseDatabase, ticket: TicketRecord): JsonObject {
  const ref = (id: number | null) => (id === null ? null : { id })
  return {
    summary: ticket.summary,
    board: ref(ticket.boardId),
    status: ref(ticket.statusId),
    company: ref(ticket.companyId),
    contact: ref(ticket.contactId),
    contactName: ticket.contactName,
    contactEmailAddress: ticket.contactEmailAddress,
    type: ref(ticket.typeId),
    owner: ref(ticket.ownerId),
    priority: ref(ticket.priorityId),
    severity: ticket.severity,
    impact: ticket.impact,
    requiredDate: ticket.requiredDate,
    customFields: customFieldsInput(db, CUSTOM_FIELD_SCREENS.ticket, ticket.customFieldValues),
  }
}

function defaultBoard(db: ConnectWiseDatabase): BoardRecord | null {
  const active = [...db.boards.values()].filter((board) => !board.inactiveFlag).sort((a, b) => a.id - b.id)
  return active[0] ?? null
}
