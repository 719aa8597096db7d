import type { HaloDatabase } from '../database.js'
import type {
  AgentRecord,
  PriorityRecord,
  SiteRecord,
  StatusRecord,
  TeamRecord,
  TicketTypeRecord,
} from '../records.js'

export function statusView(status: StatusRecord) {
  return {
    id: status.id,
    name: status.name,
    shortname: status.shortname,
    type: status.type,
    sequence: status.sequence,
    colour: status.colour,
  }
}

export function priorityView(priority: PriorityRecord) {
  return {
    id: priority.id,
    slaid: priority.slaid,
    priorityid: priority.priorityid,
    name: priority.name,
    colour: priority.colour,
    fixtime: priority.fixtime,
    fixunits: 'H',
    responsetime: priority.responsetime,
    responseunits: 'H',
    ishidden: priority.ishidden,
  }
}

export function ticketTypeView(type: TicketTypeRecord) {
  return {
    id: type.id,
    name: type.name,
    sequence: type.sequence,
    visible: type.visible,
    initial_status: type.initial_status,
    default_sla: type.default_sla,
    default_priority: type.default_priority,
  }
}

export function agentName(agent: AgentRecord): string {
  return `${agent.firstname} ${agent.surname}`
}

export function agentView(db: HaloDatabase, agent: AgentRecord) {
  return {
    id: agent.id,
    name: agentName(agent),
    firstname: agent.firstname,
    surname: agent.surname,
    initials: `${agent.firstname[0] ?? ''}${agent.surname[0] ?? ''}`,
    email: agent.email,
    jobtitle: agent.jobtitle,
    colour: agent.colour,
    isdisabled: agent.isdisabled,
    team: db.teams.get(agent.team_id)?.name ?? null,
  }
}

export function teamView(team: TeamRecord) {
  return { id: team.id, name: team.name, sequence: team.sequence, forrequests: true, inactive: false }
}

/** Fields of the spec's `Site` schema. */
export function siteView(db: HaloDatabase, site: SiteRecord) {
  const client = db.clients.get(site.client_id)
  return {
    id: site.id,
    name: site.name,
    client_id: site.client_id,
    client_name: client?.name ?? null,
    clientsite_name: client ? `${client.name}/${site.name}` : site.name,
    inactive: false,
    sla_id: site.sla_id,
  }
}
