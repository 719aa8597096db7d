import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import type { ActionRecord } from '../records.js'

/**
 * Agents write every action the sandbox holds: `who_type` 1. The spec's `Actions` schema has no agent name (no
 * `who`): the agent is `who_agentid`, named by GET /Agent.
 */
export function actionView(db: HaloDatabase, action: ActionRecord) {
  const agent = action.who_agentid === null ? undefined : db.agents.get(action.who_agentid)
  const newStatus = action.new_status === null ? undefined : db.statuses.get(action.new_status)
  return {
    id: action.id,
    ticket_id: action.ticket_id,
    outcome: action.outcome,
    outcome_id: action.outcome_id,
    who_type: 1,
    who_initials: agent ? `${agent.firstname[0] ?? ''}${agent.surname[0] ?? ''}` : null,
    who_agentid: action.who_agentid,
    actionby_agent_id: action.who_agentid,
    datetime: haloDateTime(action.datetime),
    actiondatecreated: haloDateTime(action.actiondatecreated),
    note: action.note,
    note_html: action.note_html,
    hiddenfromuser: action.hiddenfromuser,
    important: action.important,
    last_updated: haloDateTime(action.last_updated),
    timetaken: action.timetaken,
    nonbilltime: action.nonbilltime,
    actionarrivaldate: haloDateTime(action.actionarrivaldate),
    actioncompletiondate: haloDateTime(action.actioncompletiondate),
    chargerate: action.chargerate,
    actisbillable: action.actisbillable,
    new_status: action.new_status,
    new_status_name: newStatus?.name ?? null,
    sendemail: action.sendemail,
  }
}
