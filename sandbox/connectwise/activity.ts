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
import type { StatusRecord, TicketRecord } from './records.js'
import { CONNECTWISE_ROUTES } from './routes/index.js'

const ids = (records: Iterable<{ id: number }>) => [...records].map((record) => record.id)
const activeStatuses = (statuses: StatusRecord[]) => ids(statuses.filter((status) => !status.inactive))
const replace = (path: string, value: unknown) => [{ op: 'replace', path, value }]

/**
 * Changes the site as one of its members would, through the API's own write handlers (in process: no auth, quota
 * or faults), so each change is validated and stamped (`_info.lastUpdated`) exactly as an API write; the writes
 * are that member's (`updatedBy`, a note's author), not the API member's a gateway writes as.
 */
export function createConnectWiseActivity(apiContext: HandlerContext, random: Random): EmulatorActivity {
  const { db } = apiContext
  const member = [...db.members.values()].find(
    (candidate) => !candidate.inactiveFlag && candidate.id !== apiContext.apiMemberId,
  )
  const context = member ? { ...apiContext, apiMemberId: member.id } : apiContext
  const write = (method: string, path: string, body?: unknown) => {
    const match = matchRoute(CONNECTWISE_ROUTES, method, path)
    if (!match) throw new Error(`No ConnectWise route for ${method} ${path}`)
    const query = new URLSearchParams()
    const request = { method, path, params: match.params, query, headers: {}, url: path, body }
    return acceptedBody<{ id: number }>(match.route.handler(request, context), `${method} ${path}`)
  }
  // A PATCH checks the whole ticket: one that refers to a retired board, status, type or member cannot be saved.
  const isActive = (ticket: TicketRecord) =>
    db.boards.get(ticket.boardId)?.inactiveFlag === false &&
    db.statuses.get(ticket.statusId)?.inactive === false &&
    (ticket.typeId === null || db.types.get(ticket.typeId)?.inactiveFlag === false) &&
    (ticket.ownerId === null || db.members.get(ticket.ownerId)?.inactiveFlag === false)
  const liveCompany = () =>
    pickRecord(
      random,
      [...db.companies.values()].filter((company) => !company.deletedFlag),
    )

  return createActivity(random, {
    editTicket: () => {
      const ticket = pickRecord(random, [...db.tickets.values()].filter(isActive))
      if (!ticket) return undefined
      const edits: [string, unknown][] = [
        ['summary', otherSummary(random, ticket.summary)],
        ['status/id', pickOther(random, activeStatuses(db.statusesOf(ticket.boardId)), ticket.statusId)],
        ['priority/id', pickOther(random, ids(db.priorities.values()), ticket.priorityId)],
      ]
      const [path, value] = random.pick(edits.filter(([, value]) => value !== undefined))
      write('PATCH', `/service/tickets/${ticket.id}`, replace(path, value))
      return changed('updated', 'ticket', ticket.id)
    },
    commentOnTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const internal = random.chance(0.5)
      const note = write('POST', `/service/tickets/${ticket.id}/notes`, {
        text: random.pick(ACTIVITY_COMMENTS),
        detailDescriptionFlag: !internal,
        internalAnalysisFlag: internal,
      })
      return changed('created', 'comment', note.id, ticket.id)
    },
    createTicket: () => {
      const company = liveCompany()
      if (!company) return undefined
      const ticket = write('POST', '/service/tickets', {
        summary: otherSummary(random, ''),
        company: { id: company.id },
        initialDescription: random.pick(ACTIVITY_COMMENTS),
      })
      return changed('created', 'ticket', ticket.id)
    },
    updateCustomer: () => {
      const company = liveCompany()
      if (!company) return undefined
      const phone = `555-${String(random.int(0, 9999)).padStart(4, '0')}`
      write('PATCH', `/company/companies/${company.id}`, replace('phoneNumber', phone))
      return changed('updated', 'customer', company.id)
    },
    updateAsset: () => {
      const configuration = pickRecord(random, db.configurations)
      if (!configuration) return undefined
      const tag = `TAG-${random.alphanumeric(6)}`
      write('PATCH', `/company/configurations/${configuration.id}`, replace('tagNumber', tag))
      return changed('updated', 'asset', configuration.id)
    },
    deleteTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      write('DELETE', `/service/tickets/${ticket.id}`)
      return changed('deleted', 'ticket', ticket.id)
    },
  })
}
