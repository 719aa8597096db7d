import { DAY_MS, HOUR_MS, MINUTE_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import type {
  AssetRecord,
  CommentRecord,
  ContactRecord,
  CustomerRecord,
  TicketRecord,
  TicketTypeRecord,
  UserRecord,
} from '../records.js'
import { FOLLOW_UP_COMMENTS, ISSUES, PRIORITIES, TICKET_TAGS, UNLISTED_PRIORITY } from './catalog.js'

const TICKET_COUNT = 320
const MIN_TICKETS_PER_STATUS = 15
const UNLISTED_PRIORITY_COUNT = 4
const TICKET_NUMBER_OFFSET = 1000
const FIRST_TICKET_MS = utc('2025-01-01T00:00:00.000Z')
const LAST_TICKET_MS = utc('2025-10-31T23:59:59.999Z')
const RECENT_SINCE_MS = LAST_TICKET_MS - 45 * DAY_MS
const CLOSED_STATUSES = new Set(['Resolved', 'Invoiced'])

// Old tickets are mostly closed; recent ones mostly still open.
const OLD_TICKET_STATUS_WEIGHTS: Record<string, number> = { Resolved: 45, Invoiced: 40 }
const RECENT_TICKET_STATUS_WEIGHTS: Record<string, number> = {
  New: 20,
  'In Progress': 25,
  'Waiting on Customer': 12,
  'Waiting for Parts': 8,
  Scheduled: 8,
  'Customer Reply': 8,
  Resolved: 15,
  Invoiced: 4,
}

const PRIORITY_WEIGHTS: (readonly [string | null, number])[] = [
  [PRIORITIES[0] as string, 8],
  [PRIORITIES[1] as string, 20],
  [PRIORITIES[2] as string, 42],
  [PRIORITIES[3] as string, 15],
  [null, 15],
]

export interface TicketSeedContext {
  customers: readonly CustomerRecord[]
  contacts: readonly ContactRecord[]
  assets: readonly AssetRecord[]
  users: readonly UserRecord[]
  ticketTypes: readonly TicketTypeRecord[]
  statuses: readonly string[]
}

export interface SeededTickets {
  tickets: TicketRecord[]
  comments: CommentRecord[]
}

/** Ticket ids follow creation time (id 1 is the oldest); ticket number = id + 1000. */
export function seedTickets(random: Random, context: TicketSeedContext): SeededTickets {
  const createdTimes = Array.from({ length: TICKET_COUNT }, () =>
    instantBetween(random, FIRST_TICKET_MS, LAST_TICKET_MS),
  ).sort((a, b) => a - b)
  const statuses = assignStatuses(random, createdTimes, context.statuses)
  const unlistedPriority = new Set(random.sample([...createdTimes.keys()], UNLISTED_PRIORITY_COUNT))
  const tickets: TicketRecord[] = []
  const comments: CommentRecord[] = []

  createdTimes.forEach((createdMs, index) => {
    const status = statuses[index] as string
    const ticket = draftTicket(random, context, {
      id: index + 1,
      createdMs,
      status,
      priority: unlistedPriority.has(index) ? UNLISTED_PRIORITY : random.pickWeighted(PRIORITY_WEIGHTS),
    })
    tickets.push(ticket)
    for (const comment of draftComments(random, context, ticket)) {
      comments.push({ id: comments.length + 1, ...comment })
    }
  })
  return { tickets, comments }
}

/** At least MIN_TICKETS_PER_STATUS of every status at random positions; the rest by the ticket's age. */
function assignStatuses(
  random: Random,
  createdTimes: readonly number[],
  statusList: readonly string[],
): string[] {
  const assigned: string[] = []
  const guaranteed = random.sample([...createdTimes.keys()], MIN_TICKETS_PER_STATUS * statusList.length)
  guaranteed.forEach((index, n) => {
    assigned[index] = statusList[Math.floor(n / MIN_TICKETS_PER_STATUS)] as string
  })
  createdTimes.forEach((createdMs, index) => {
    if (assigned[index]) return
    const weights = createdMs < RECENT_SINCE_MS ? OLD_TICKET_STATUS_WEIGHTS : RECENT_TICKET_STATUS_WEIGHTS
    assigned[index] = random.pickWeighted(statusList.map((status) => [status, weights[status] ?? 1] as const))
  })
  return assigned
}

interface TicketDraftBasics {
  id: number
  createdMs: number
  status: string
  priority: string | null
}

function draftTicket(random: Random, context: TicketSeedContext, basics: TicketDraftBasics): TicketRecord {
  const { id, createdMs, status, priority } = basics
  const customer = random.pickWeighted(
    context.customers.map((c) => [c, (c.business_name ? 4 : 1) * (c.disabled ? 0.3 : 1)] as const),
  )
  const issue = random.pick(ISSUES)
  const ticketType = context.ticketTypes.find((type) => type.name === issue.ticketType)
  const contacts = context.contacts.filter((contact) => contact.customer_id === customer.id)
  const ownedAssets = context.assets.filter(
    (asset) => asset.customer_id === customer.id && Date.parse(asset.created_at) < createdMs,
  )
  const lifetimeMs =
    status === 'New'
      ? instantBetween(random, 10 * MINUTE_MS, 2 * DAY_MS)
      : instantBetween(random, HOUR_MS, 25 * DAY_MS)
  const updatedMs = createdMs + lifetimeMs
  const closed = CLOSED_STATUSES.has(status)
  const startMs = status === 'Scheduled' ? updatedMs + random.int(1, 7) * DAY_MS : null
  const assigned = status === 'New' ? random.chance(0.5) : random.chance(0.92)

  return {
    id,
    number: id + TICKET_NUMBER_OFFSET,
    subject: issue.subject,
    customer_id: customer.id,
    contact_id: contacts.length > 0 && random.chance(0.7) ? random.pick(contacts).id : null,
    status,
    priority,
    problem_type: issue.problemType,
    ticket_type_id: ticketType && random.chance(0.9) ? ticketType.id : null,
    user_id: assigned ? random.pick(context.users).id : null,
    location_id: null,
    sla_id: null,
    due_date: random.chance(0.5) ? toTimestamp(createdMs + random.int(1, 10) * DAY_MS) : null,
    start_at: startMs === null ? null : toTimestamp(startMs),
    end_at: startMs === null ? null : toTimestamp(startMs + 2 * HOUR_MS),
    resolved_at: closed
      ? toTimestamp(createdMs + Math.floor(lifetimeMs * (0.5 + random.next() * 0.4)))
      : null,
    properties: {},
    tag_list: random.sample(
      TICKET_TAGS,
      random.pickWeighted([
        [0, 5],
        [1, 3],
        [2, 2],
      ] as const),
    ),
    asset_ids: ownedAssets.length > 0 && random.chance(0.4) ? [random.pick(ownedAssets).id] : [],
    created_at: toTimestamp(createdMs),
    updated_at: toTimestamp(updatedMs),
  }
}

/**
 * The first comment's subject and time. Syncro's web app titles it "Initial Issue" and stores it with the
 * ticket; tickets created by other clients (email, portals, other API clients: issue 13 found them) use other
 * subjects, here the ticket's own subject, and a client that adds the description in a second call leaves it a
 * second after the ticket. Chosen by id (no draw from the seed's random stream, so the rest stays as it was).
 */
export function openingComment(ticket: TicketRecord): { subject: string; createdAt: string } {
  const createdAt =
    ticket.id % 10 === 0 ? toTimestamp(Date.parse(ticket.created_at) + SECOND_MS) : ticket.created_at
  return { subject: ticket.id % 5 === 0 ? ticket.subject : 'Initial Issue', createdAt }
}

const SECOND_MS = 1000

/** The opening comment at the ticket's creation, then follow-ups up to its last update. */
function draftComments(
  random: Random,
  context: TicketSeedContext,
  ticket: TicketRecord,
): Omit<CommentRecord, 'id'>[] {
  const createdMs = Date.parse(ticket.created_at)
  const updatedMs = Date.parse(ticket.updated_at)
  const count = ticket.status === 'New' ? random.int(1, 2) : random.int(1, 5)
  const issue = ISSUES.find((candidate) => candidate.subject === ticket.subject)
  const assignee = context.users.find((user) => user.id === ticket.user_id)
  // Mostly the assigned tech writes; colleagues chip in now and then.
  const author = (): UserRecord => (assignee && random.chance(0.8) ? assignee : random.pick(context.users))
  const firstAuthor = author()
  const opening = openingComment(ticket)
  const drafts: Omit<CommentRecord, 'id'>[] = [
    {
      ticket_id: ticket.id,
      subject: opening.subject,
      body: issue?.description ?? ticket.subject,
      tech: firstAuthor.full_name,
      hidden: false,
      user_id: firstAuthor.id,
      created_at: opening.createdAt,
      updated_at: opening.createdAt,
    },
  ]

  const followUpTimes = Array.from({ length: count - 1 }, () =>
    instantBetween(random, createdMs + MINUTE_MS, updatedMs),
  ).sort((a, b) => a - b)
  const resolution = FOLLOW_UP_COMMENTS.find((comment) => comment.subject === 'Resolution')
  const ordinary = FOLLOW_UP_COMMENTS.filter((comment) => comment !== resolution)
  followUpTimes.forEach((atMs, n) => {
    const isLast = n === followUpTimes.length - 1
    const template =
      isLast && resolution && CLOSED_STATUSES.has(ticket.status) ? resolution : random.pick(ordinary)
    const tech = author()
    drafts.push({
      ticket_id: ticket.id,
      subject: template.subject,
      body: template.body,
      tech: tech.full_name,
      hidden: template.hidden,
      user_id: tech.id,
      created_at: toTimestamp(atMs),
      updated_at: toTimestamp(atMs),
    })
  })
  return drafts
}
