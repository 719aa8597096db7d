import { HOUR_MS } from '../../shared/dates.js'
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
 * status; every action write moves the ticket's `lastactiondate` and `last_update`, and the action's `last_updated`.
 * Time (spec `Actions`): `timetaken` and `nonbilltime` in hours, `actionarrivaldate`/`actioncompletiondate`,
 * `chargerate`, `actisbillable` (a new action's time is billable unless it says not: our choice).
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
    checkWorkTimes(errors, action, reader.has('timetaken'), patch)
    if (errors.length > 0) return { ok: false, errors }

    return {
      ok: true,
      apply: () => {
        const stored = existing ?? db.insertAction(newAction(patch.ticket_id as number, apiAgentId, now))
        db.updateAction(stored, { ...patch, last_updated: now })
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
  const nonbilltime = reader.number('nonbilltime')
  if (nonbilltime !== undefined && nonbilltime !== null && nonbilltime < 0)
    errors.push({ field: 'nonbilltime', message: 'Non-billable time cannot be negative' })
  set('nonbilltime', nonbilltime ?? undefined)
  set('actionarrivaldate', reader.date('actionarrivaldate'))
  set('actioncompletiondate', reader.date('actioncompletiondate'))
  set('chargerate', reader.integer('chargerate') ?? undefined)
  set('actisbillable', reader.boolean('actisbillable') ?? undefined)
  return patch
}

/**
 * The work's start and end (`actionarrivaldate`, `actioncompletiondate`): the end may not come before the start,
 * and without `timetaken` the time taken is the hours between them, as Halo's action form derives it from its
 * start and end times (our reading of the form; the spec says nothing). Wording of the errors is ours.
 */
function checkWorkTimes(
  errors: FieldError[],
  action: ActionPatch,
  timetakenSent: boolean,
  patch: ActionPatch,
): void {
  const start = action.actionarrivaldate
  const end = action.actioncompletiondate
  if (start && end) {
    const hours = (Date.parse(end) - Date.parse(start)) / HOUR_MS
    if (hours < 0)
      errors.push({ field: 'actioncompletiondate', message: 'The end time cannot be before the start time' })
    else if (!timetakenSent) patch.timetaken = Math.round(hours * 100) / 100
  }
  const timetaken = patch.timetaken ?? action.timetaken
  if (action.nonbilltime !== undefined && timetaken !== undefined && action.nonbilltime > timetaken)
    errors.push({ field: 'nonbilltime', message: 'Non-billable time cannot exceed the time taken' })
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
    nonbilltime: 0,
    actionarrivaldate: null,
    actioncompletiondate: null,
    chargerate: 0,
    actisbillable: true,
    new_status: null,
    sendemail: false,
    datetime: now,
    actiondatecreated: now,
    last_updated: now,
  }
}
