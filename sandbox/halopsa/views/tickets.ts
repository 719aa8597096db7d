import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, STATUS_TYPE, type TicketRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'
import { ticketAssetView } from './assets.js'
import { agentName } from './reference.js'
import { userName } from './users.js'

export function ticketView(db: HaloDatabase, ticket: TicketRecord) {
  const site = ticket.site_id === null ? undefined : db.sites.get(ticket.site_id)
  const user = ticket.user_id === null ? undefined : db.users.get(ticket.user_id)
  const agent = ticket.agent_id === null ? undefined : db.agents.get(ticket.agent_id)
  const status = db.statuses.get(ticket.status_id)
  return {
    id: ticket.id,
    summary: ticket.summary,
    details: ticket.details,
    details_html: ticket.details_html,
    client_id: ticket.client_id,
    client_name: db.clients.get(ticket.client_id)?.name ?? null,
    site_id: ticket.site_id,
    site_name: site?.name ?? null,
    user_id: ticket.user_id,
    user_name: user ? userName(user) : null,
    user_email: user?.emailaddress ?? null,
    agent_id: ticket.agent_id,
    agent_name: agent ? agentName(agent) : null,
    team: ticket.team,
    status_id: ticket.status_id,
    status_name: status?.name ?? null,
    priority_id: ticket.priority_id,
    priority_name: db.priorityOf(ticket.sla_id, ticket.priority_id)?.name ?? null,
    tickettype_id: ticket.tickettype_id,
    tickettype_name: db.ticketTypes.get(ticket.tickettype_id)?.name ?? null,
    sla_id: ticket.sla_id,
    sla_name: db.slas.get(ticket.sla_id)?.name ?? null,
    dateoccurred: haloDateTime(ticket.dateoccurred),
    datecreated: haloDateTime(ticket.datecreated),
    lastactiondate: haloDateTime(ticket.lastactiondate),
    last_update: haloDateTime(ticket.last_update),
    fixbydate: haloDateTime(ticket.fixbydate),
    dateclosed: haloDateTime(ticket.dateclosed),
    hasbeenclosed: ticket.hasbeenclosed,
    // Halo's SLA hold: the ticket sits in a status of the pending type.
    onhold: status?.type === STATUS_TYPE.pending,
    inactive: false,
    deleted: false,
    impact: ticket.impact,
    urgency: ticket.urgency,
    category_1: ticket.category_1,
    category_2: ticket.category_2,
    category_3: ticket.category_3,
    category_4: ticket.category_4,
    customfields: customFieldsView(db, CUSTOM_FIELD_USAGE.ticket, ticket.customfields),
    assets: ticket.asset_ids.flatMap((id) => {
      const asset = db.assets.get(id)
      return asset ? [ticketAssetView(db, asset)] : []
    }),
    tags: ticket.tags.map((text) => ({ text })),
  }
}
