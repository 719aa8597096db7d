import { ACTIVITY_COMMENTS, otherSummary } from '../shared/activity-text.js'
import {
  acceptedBody,
  changed,
  createActivity,
  pickOther,
  pickRecord,
  type EmulatorActivity,
} from '../shared/activity.js'
import type { Random } from '../shared/random.js'
import { matchRoute } from '../shared/router.js'
import type { HandlerContext } from './http-types.js'
import { HALO_ROUTES } from './routes/index.js'

/**
 * Changes the tenant as one of its agents would, through the API's own write handlers (in process: no token, quota
 * or faults), so each change is validated and stamped (`last_update`, `alastupdate`, `dlastupdate`) exactly as an
 * API write; actions are that agent's, not the API agent's a gateway writes as.
 */
export function createHaloActivity(apiContext: HandlerContext, random: Random): EmulatorActivity {
  const { db } = apiContext
  const agent = [...db.agents.values()].find(
    (candidate) => !candidate.isdisabled && candidate.id !== apiContext.apiAgentId,
  )
  const context = agent ? { ...apiContext, apiAgentId: agent.id } : apiContext
  const write = (method: string, path: string, body?: unknown) => {
    const match = matchRoute(HALO_ROUTES, method, path)
    if (!match) throw new Error(`No HaloPSA route for ${method} ${path}`)
    const reply = match.route.handler.handle(
      { params: match.params, query: new URLSearchParams(), body },
      context,
    )
    return acceptedBody<{ id: number }>(reply, `${method} ${path}`)
  }

  return createActivity(random, {
    editTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const priorities = [...db.priorities.values()]
        .filter((priority) => priority.slaid === ticket.sla_id)
        .map((priority) => priority.priorityid)
      const statuses = [...db.statuses.keys()]
      const edits: [string, unknown][] = [
        ['summary', otherSummary(random, ticket.summary)],
        ['status_id', pickOther(random, statuses, ticket.status_id)],
        ['priority_id', pickOther(random, priorities, ticket.priority_id)],
      ]
      const [field, value] = random.pick(edits.filter(([, value]) => value !== undefined))
      write('POST', '/Tickets', [{ id: ticket.id, [field]: value }])
      return changed('updated', 'ticket', ticket.id)
    },
    commentOnTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const action = write('POST', '/Actions', [
        { ticket_id: ticket.id, note: random.pick(ACTIVITY_COMMENTS), hiddenfromuser: random.chance(0.5) },
      ])
      return changed('created', 'comment', action.id, ticket.id)
    },
    createTicket: () => {
      const client = pickRecord(random, db.clients)
      if (!client) return undefined
      const ticket = write('POST', '/Tickets', [
        { summary: otherSummary(random, ''), details: random.pick(ACTIVITY_COMMENTS), client_id: client.id },
      ])
      return changed('created', 'ticket', ticket.id)
    },
    updateCustomer: () => {
      const client = pickRecord(random, db.clients)
      if (!client) return undefined
      write('POST', '/Client', [{ id: client.id, is_vip: !client.is_vip }])
      return changed('updated', 'customer', client.id)
    },
    updateAsset: () => {
      const asset = pickRecord(random, db.assets)
      if (!asset) return undefined
      write('POST', '/Asset', [{ id: asset.id, notes: random.pick(ACTIVITY_COMMENTS) }])
      return changed('updated', 'asset', asset.id)
    },
    deleteTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      write('DELETE', `/Tickets/${ticket.id}`)
      return changed('deleted', 'ticket', ticket.id)
    },
  })
}
