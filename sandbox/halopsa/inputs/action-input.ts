import type { HaloDatabase } from '../database.js'
import type { ActionRecord, Timestamp } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { targetOf, type ItemPlanner } from './array-write.js'
import { textAndHtml } from '../html-text.js'
import type { ItemReader } from './item-reader.js'
import { checkReference, isBlank } from './references.js'
import { ticketStatusChanges } from './ticket-status.js'

type ActionPatch = Partial<Omit<ActionRecord, 'id'>>

/**
 * `POST /Actions` items. A create needs an existing `ticket_id` and a `note` (or `note_html`, or at least an
 * `outcome`); it is the API agent's unless `who_agentid` names another agent, visible to the user unless
 * `hiddenfromuser` is true, and dated now unless `datetime` is sent. `new_status` moves the ticket to that
 * status; every action write moves the ticket's `lastactiondate` and `last_update`.
 */
export function actionPlanner(
  db: HaloDatabase,
  now: Timestamp,
  apiAgentId: number,
): ItemPlanner<ActionRecord> {
  return (reader) => {
    const errors: FieldError[] = []
    const patch = readActionPatch(reader, errors)
    const target = targetOf(reader, db.actions, 'Action')
    if (target.error) return { ok: false, errors: [target.error] }
    const existing = target.record

    if (!existing && !reader.has('ticket_id'))
      errors.push({ field: 'ticket_id', message: 'Ticket ID is required' })
    checkReference(errors, 'ticket_id', 'Ticket', patch.ticket_id, (id) => db.tickets.has(id))
    checkReference(errors, 'who_agentid', 'Agent', patch.who_agentid, (id) => db.agents.has(id))
    checkReference(errors, 'new_status', 'Status', patch.new_status, (id) => db.statuses.has(id))
    const action = { ...existing, ...patch }
    if (isBlank(action.note) && isBlank(action.outcome))
      errors.push({ field: 'note', message: 'A note or an outcome is required' })
    if (errors.length > 0) return { ok: false, errors }

    return {
      ok: true,
      apply: () => {
        const stored = existing ?? db.insertAction(newAction(patch.ticket_id as number, apiAgentId, now))
        db.updateAction(stored, patch)
        const ticket = db.tickets.get(stored.ticket_id)
        if (ticket) {
          const newStatus = patch.new_status ?? undefined
          db.updateTicket(ticket, {
            ...(newStatus === undefined ? {} : ticketStatusChanges(db, ticket, newStatus, now)),
            lastactiondate: now,
            last_update: now,
          })
        }
        return stored
      },
    }
  }
}

function readActionPatch(reader: ItemReader, errors: FieldError[]): ActionPatch {
  const patch: ActionPatch = {}
  const set = <K extends keyof ActionPatch>(key: K, value: ActionPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value
  }
  const ticketId = reader.integer('ticket_id')
  if (ticketId === null) errors.push({ field: 'ticket_id', message: 'Ticket ID is required' })
  set('ticket_id', ticketId ?? undefined)
  const { text, html } = textAndHtml(reader.text('note'), reader.text('note_html'))
  set('note', text)
  set('note_html', html)
  set('outcome', reader.text('outcome'))
  set('outcome_id', reader.integer('outcome_id'))
  set('who_agentid', reader.integer('who_agentid') ?? undefined)
  set('hiddenfromuser', reader.boolean('hiddenfromuser') ?? undefined)
  set('important', reader.boolean('important') ?? undefined)
  set('sendemail', reader.boolean('sendemail') ?? undefined)
  set('new_status', reader.integer('new_status'))
  set('datetime', reader.date('datetime') ?? undefined)
  const timetaken = reader.number('timetaken')
  if (timetaken !== undefined && timetaken !== null && timetaken < 0)
    errors.push({ field: 'timetaken', message: 'Time taken cannot be negative' })
  set('timetaken', timetaken ?? undefined)
  return patch
}

function newAction(ticketId: number, apiAgentId: number, now: Timestamp): Omit<ActionRecord, 'id'> {
  return {
    ticket_id: ticketId,
    outcome: null,
    outcome_id: null,
    who_agentid: apiAgentId,
    note: null,
    note_html: null,
    hiddenfromuser: false,
    important: false,
    timetaken: 0,
    new_status: null,
    sendemail: false,
    datetime: now,
    actiondatecreated: now,
  }
}
