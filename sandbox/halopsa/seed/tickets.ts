import { DAY_MS, HOUR_MS, MINUTE_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import { textToHtml } from '../html-text.js'
import type {
  ActionRecord,
  AgentRecord,
  TeamRecord,
  AssetRecord,
  ClientRecord,
  EndUserRecord,
  PriorityRecord,
  SiteRecord,
  TicketRecord,
  TicketTypeRecord,
} from '../records.js'
import {
  CLOSING_NOTES,
  ISSUES,
  PRIVATE_NOTES,
  PRIVATE_OUTCOME,
  PUBLIC_NOTES,
  PUBLIC_OUTCOMES,
  TICKET_TAGS,
} from './catalog.js'
import { STATUS_IDS } from './reference-data.js'
import { REFERENCE_MS } from './time.js'

const TICKET_COUNT = 420
/** About 18 months of history before the reference date. */
const FIRST_TICKET_MS = utc('2024-05-01T00:00:00.000Z')
const LAST_TICKET_MS = REFERENCE_MS - HOUR_MS
const RECENT_SINCE_MS = REFERENCE_MS - 150 * DAY_MS

// Old tickets are mostly closed (a few forgotten ones are not); recent ones spread over every status.
const OLD_STATUS_WEIGHTS: (readonly [number, number])[] = [
  [STATUS_IDS.closed, 75],
  [STATUS_IDS.resolved, 18],
  [STATUS_IDS.new, 1],
  [STATUS_IDS.inProgress, 2],
  [STATUS_IDS.actionRequired, 1],
  [STATUS_IDS.waitingOnUser, 2],
  [STATUS_IDS.withSupplier, 1],
]
const RECENT_STATUS_WEIGHTS: (readonly [number, number])[] = [
  [STATUS_IDS.new, 18],
  [STATUS_IDS.inProgress, 22],
  [STATUS_IDS.actionRequired, 10],
  [STATUS_IDS.waitingOnUser, 12],
  [STATUS_IDS.withSupplier, 8],
  [STATUS_IDS.resolved, 12],
  [STATUS_IDS.closed, 18],
]
const PRIORITY_WEIGHTS: (readonly [number, number])[] = [
  [1, 8],
  [2, 22],
  [3, 50],
  [4, 20],
]
const CLOSED_STATUSES = new Set([STATUS_IDS.resolved, STATUS_IDS.closed])

export interface TicketSeedContext {
  clients: readonly ClientRecord[]
  sites: readonly SiteRecord[]
  users: readonly EndUserRecord[]
  agents: readonly AgentRecord[]
  teams: readonly TeamRecord[]
  ticketTypes: readonly TicketTypeRecord[]
  priorities: readonly PriorityRecord[]
  assets: readonly AssetRecord[]
}

export interface SeededTickets {
  tickets: TicketRecord[]
  actions: ActionRecord[]
}

/** Ticket ids follow `dateoccurred`, action ids follow `datetime`: id 1 is the oldest of each. */
export function seedTickets(random: Random, context: TicketSeedContext): SeededTickets {
  const occurred = Array.from({ length: TICKET_COUNT }, () =>
    instantBetween(random, FIRST_TICKET_MS, LAST_TICKET_MS),
  ).sort((a, b) => a - b)
  const tickets: TicketRecord[] = []
  const drafts: Omit<ActionRecord, 'id'>[] = []
  for (const [index, occurredMs] of occurred.entries()) {
    const { ticket, actions } = seedTicket(random, context, index + 1, occurredMs)
    tickets.push(ticket)
    drafts.push(...actions)
  }
  const actions = drafts
    .sort((a, b) => a.datetime.localeCompare(b.datetime) || a.ticket_id - b.ticket_id)
    .map((action, index) => ({ id: index + 1, ...action }))
  return { tickets, actions }
}

function seedTicket(random: Random, context: TicketSeedContext, id: number, occurredMs: number) {
  const client = random.pickWeighted(
    context.clients.map((candidate) => [candidate, candidate.inactive ? 1 : 6] as const),
  )
  const site = random.pick(context.sites.filter((candidate) => candidate.client_id === client.id))
  const siteUsers = context.users.filter((user) => user.site_id === site.id)
  const user = siteUsers.length > 0 && random.chance(0.85) ? random.pick(siteUsers) : undefined
  const issue = random.pick(ISSUES)
  const type =
    context.ticketTypes.find((candidate) => candidate.name === issue.type) ??
    (context.ticketTypes[0] as TicketTypeRecord)
  const slaId = site.sla_id ?? type.default_sla
  const priorityId = random.pickWeighted(PRIORITY_WEIGHTS)
  const priority = context.priorities.find(
    (candidate) => candidate.slaid === slaId && candidate.priorityid === priorityId,
  )
  const agent = random.chance(0.85) ? random.pick(context.agents) : undefined
  const statusId = random.pickWeighted(
    occurredMs < RECENT_SINCE_MS ? OLD_STATUS_WEIGHTS : RECENT_STATUS_WEIGHTS,
  )
  const closed = CLOSED_STATUSES.has(statusId)
  const createdMs = occurredMs + random.int(0, 30) * MINUTE_MS
  const clientAssets = context.assets.filter((asset) => asset.client_id === client.id)

  const actionCount = random.int(1, 6)
  const lastActionMs = closed
    ? Math.min(createdMs + random.int(1, 20 * 24) * HOUR_MS, REFERENCE_MS - MINUTE_MS)
    : instantBetween(random, createdMs + MINUTE_MS, REFERENCE_MS - MINUTE_MS)
  const times = Array.from({ length: actionCount - 1 }, () => instantBetween(random, createdMs, lastActionMs))
    .sort((a, b) => a - b)
    .concat(lastActionMs)
  const actions = times.map((ms, index) => {
    const last = index === times.length - 1
    const setsStatus = last && statusId !== STATUS_IDS.new
    const hidden = !setsStatus && random.chance(0.35)
    const note =
      setsStatus && closed ? random.pick(CLOSING_NOTES) : random.pick(hidden ? PRIVATE_NOTES : PUBLIC_NOTES)
    return {
      ticket_id: id,
      outcome: hidden ? PRIVATE_OUTCOME : random.pick(PUBLIC_OUTCOMES),
      outcome_id: null,
      who_agentid: agent?.id ?? random.pick(context.agents).id,
      note,
      note_html: textToHtml(note),
      hiddenfromuser: hidden,
      important: random.chance(0.05),
      timetaken: random.int(0, 8) * 0.25,
      // Filled in from their own stream by seedActionTimes (time-entries.ts).
      nonbilltime: 0,
      actionarrivaldate: null,
      actioncompletiondate: null,
      chargerate: 0,
      actisbillable: false,
      new_status: setsStatus ? statusId : null,
      sendemail: !hidden && random.chance(0.5),
      datetime: toTimestamp(ms),
      actiondatecreated: toTimestamp(ms),
      last_updated: toTimestamp(ms),
    }
  })

  const ticket: TicketRecord = {
    id,
    summary: issue.summary,
    details: issue.details,
    details_html: textToHtml(issue.details),
    client_id: client.id,
    site_id: site.id,
    user_id: user?.id ?? null,
    agent_id: agent?.id ?? null,
    team: teamName(context.teams, agent?.team_id ?? random.pick([1, 2, 3])),
    status_id: statusId,
    priority_id: priorityId,
    tickettype_id: type.id,
    sla_id: slaId,
    dateoccurred: toTimestamp(occurredMs),
    datecreated: toTimestamp(createdMs),
    lastactiondate: toTimestamp(lastActionMs),
    last_update: toTimestamp(Math.min(lastActionMs + random.int(0, 120) * MINUTE_MS, REFERENCE_MS)),
    fixbydate: priority ? toTimestamp(occurredMs + priority.fixtime * HOUR_MS) : null,
    dateclosed: closed ? toTimestamp(lastActionMs) : null,
    hasbeenclosed: closed,
    impact: random.int(1, 3),
    urgency: random.int(1, 3),
    category_1: issue.category,
    category_2: null,
    category_3: null,
    category_4: null,
    customfields: [],
    asset_ids: clientAssets.length > 0 && random.chance(0.25) ? [random.pick(clientAssets).id] : [],
    tags: random.chance(0.1) ? [random.pick(TICKET_TAGS)] : [],
  }
  return { ticket, actions }
}

const teamName = (teams: readonly TeamRecord[], id: number) =>
  teams.find((team) => team.id === id)?.name ?? null
