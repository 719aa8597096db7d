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
import { SYNCRO_ROUTES } from './routes/index.js'

/**
 * Changes the account as one of its technicians would, through the API's own write handlers (in process: no key,
 * quota or faults), so each change is validated and stamped (`updated_at`) exactly as an API write; comments are
 * that technician's, not the API key owner's a gateway writes as.
 */
export function createSyncroActivity(apiContext: HandlerContext, random: Random): EmulatorActivity {
  const { db } = apiContext
  const technician = [...db.users.values()].find((candidate) => candidate.id !== apiContext.apiUserId)
  const context = technician ? { ...apiContext, apiUserId: technician.id } : apiContext
  const write = <T>(method: string, path: string, body: Record<string, unknown> = {}) => {
    const match = matchRoute(SYNCRO_ROUTES, method, path)
    if (!match) throw new Error(`No Syncro route for ${method} ${path}`)
    const request = { method, path, params: match.params, query: new URLSearchParams(), body }
    return acceptedBody<T>(match.route.handler(request, context), `${method} ${path}`)
  }

  return createActivity(random, {
    editTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const edits: [string, unknown][] = [
        ['subject', otherSummary(random, ticket.subject)],
        ['status', pickOther(random, db.statuses, ticket.status)],
        ['priority', pickOther(random, db.priorities, ticket.priority)],
      ]
      const [field, value] = random.pick(edits.filter(([, value]) => value !== undefined))
      write('PUT', `/tickets/${ticket.id}`, { [field]: value })
      return changed('updated', 'ticket', ticket.id)
    },
    commentOnTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const { comment } = write<{ comment: { id: number } }>('POST', `/tickets/${ticket.id}/comment`, {
        subject: 'Update',
        body: random.pick(ACTIVITY_COMMENTS),
        hidden: random.chance(0.5),
      })
      return changed('created', 'comment', comment.id, ticket.id)
    },
    createTicket: () => {
      const customer = pickRecord(random, db.customers)
      if (!customer) return undefined
      const { ticket } = write<{ ticket: { id: number } }>('POST', '/tickets', {
        customer_id: customer.id,
        subject: otherSummary(random, ''),
      })
      return changed('created', 'ticket', ticket.id)
    },
    updateCustomer: () => {
      const customer = pickRecord(random, db.customers)
      if (!customer) return undefined
      const phone = `555-${String(random.int(0, 9999)).padStart(4, '0')}`
      write('PUT', `/customers/${customer.id}`, { phone })
      return changed('updated', 'customer', customer.id)
    },
    updateAsset: () => {
      const asset = pickRecord(random, db.assets)
      if (!asset) return undefined
      write('PUT', `/customer_assets/${asset.id}`, { asset_serial: random.alphanumeric(10) })
      return changed('updated', 'asset', asset.id)
    },
    deleteTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      write('DELETE', `/tickets/${ticket.id}`)
      return changed('deleted', 'ticket', ticket.id)
    },
  })
}
