import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { formatTimestamp } from '../dates.js'
import type {
  BoardRecord,
  CompanyRecord,
  ContactRecord,
  MemberRecord,
  NoteRecord,
  PriorityRecord,
  Rating,
  StatusRecord,
  TicketRecord,
  TicketTypeRecord,
} from '../records.js'
import { contactEmail, contactName } from '../views/references.js'
import {
  BOARDS,
  CONTACT_REPLIES,
  CUSTOMER_UPDATES,
  INTERNAL_NOTES,
  PRIORITIES,
  RESOLUTIONS,
  type BoardSpec,
} from './catalog.js'
import { HISTORY_START_MS, instantBetween, REFERENCE_MS } from './time.js'

const TICKET_COUNT = 540
const RECENT_MS = 45 * DAY_MS
const RATINGS: readonly (readonly [Rating, number])[] = [
  ['Low', 25],
  ['Medium', 60],
  ['High', 15],
]

export interface TicketSeedContext {
  boards: readonly BoardRecord[]
  statuses: readonly StatusRecord[]
  types: readonly TicketTypeRecord[]
  priorities: readonly PriorityRecord[]
  members: readonly MemberRecord[]
  companies: readonly CompanyRecord[]
  contacts: readonly ContactRecord[]
  companyStatusActiveId: number
}

export interface SeededTickets {
  tickets: TicketRecord[]
  notes: NoteRecord[]
}

/**
 * Tickets on the active boards, ids in order of entry (id 1 the oldest), over the 18 months before the
 * reference date. Old tickets are mostly closed, recent ones mostly open; each has 1-6 notes, the first its
 * description.
 */
export function seedTickets(random: Random, context: TicketSeedContext): SeededTickets {
  const enteredTimes = Array.from({ length: TICKET_COUNT }, () =>
    instantBetween(random, HISTORY_START_MS, REFERENCE_MS - 2 * HOUR_MS),
  ).sort((a, b) => a - b)
  const tickets: TicketRecord[] = []
  const notes: NoteRecord[] = []
  enteredTimes.forEach((enteredMs, index) => {
    const ticket = draftTicket(random, context, index + 1, enteredMs)
    tickets.push(ticket)
    for (const note of draftNotes(random, context, ticket)) notes.push({ ...note, id: notes.length + 1 })
  })
  return { tickets, notes }
}

function draftTicket(
  random: Random,
  context: TicketSeedContext,
  id: number,
  enteredMs: number,
): TicketRecord {
  const spec = random.pickWeighted(
    BOARDS.filter((board) => !board.inactive).map((board) => [board, board.weight] as const),
  )
  const board = context.boards.find((candidate) => candidate.name === spec.name) as BoardRecord
  const open = random.chance(REFERENCE_MS - enteredMs < RECENT_MS ? 0.6 : 0.08)
  const status = pickStatus(random, context, board, spec, open)
  const issue = random.pick(spec.issues)
  const company = random.pick(
    context.companies.filter(
      (candidate) => !candidate.deletedFlag && candidate.statusId === context.companyStatusActiveId,
    ),
  )
  const contacts = context.contacts.filter(
    (candidate) => candidate.companyId === company.id && !candidate.inactiveFlag,
  )
  const contact = contacts.length > 0 && random.chance(0.85) ? random.pick(contacts) : undefined
  const type = context.types.find(
    (candidate) => candidate.boardId === board.id && candidate.name === issue.type,
  )
  const owner = pickOwner(random, context, spec, status, enteredMs)
  const closeMs = Math.min(enteredMs + instantBetween(random, HOUR_MS, 20 * DAY_MS), REFERENCE_MS - HOUR_MS)
  const updatedMs = status.closedStatus
    ? Math.min(closeMs + instantBetween(random, 0, 2 * DAY_MS), REFERENCE_MS)
    : Math.min(enteredMs + instantBetween(random, 10 * MINUTE_MS, 30 * DAY_MS), REFERENCE_MS)
  const dispatcher = random.pick(context.members.filter((member) => spec.team.includes(member.identifier)))
  const requiredMs = Math.floor(enteredMs / DAY_MS + random.int(1, 10)) * DAY_MS + 17 * HOUR_MS
  return {
    id,
    summary: issue.summary,
    boardId: board.id,
    statusId: status.id,
    companyId: company.id,
    contactId: contact?.id ?? null,
    contactName: contact ? contactName(contact) : null,
    contactEmailAddress: contact ? contactEmail(contact) : null,
    typeId: type && random.chance(0.85) ? type.id : null,
    ownerId: owner?.id ?? null,
    priorityId: random.pickWeighted(PRIORITIES.map((priority) => [priority.id, priority.weight] as const)),
    severity: random.pickWeighted(RATINGS),
    impact: random.pickWeighted(RATINGS),
    requiredDate: random.chance(0.3) ? formatTimestamp(requiredMs) : null,
    closedDate: status.closedStatus ? formatTimestamp(closeMs) : null,
    closedFlag: status.closedStatus,
    dateResolved: status.closedStatus ? formatTimestamp(closeMs) : null,
    customFieldValues: {},
    info: {
      lastUpdated: formatTimestamp(updatedMs),
      dateEntered: formatTimestamp(enteredMs),
      enteredBy: dispatcher.identifier,
      updatedBy: (owner ?? dispatcher).identifier,
    },
  }
}

/** An active status of the board, open or closed as asked, by the catalog's weights. */
function pickStatus(
  random: Random,
  context: TicketSeedContext,
  board: BoardRecord,
  spec: BoardSpec,
  open: boolean,
): StatusRecord {
  const candidates = context.statuses.filter(
    (status) => status.boardId === board.id && !status.inactive && status.closedStatus !== open,
  )
  return random.pickWeighted(
    candidates.map(
      (status) => [status, spec.statuses.find((s) => s.name === status.name)?.weight ?? 1] as const,
    ),
  )
}

/** New tickets are often unassigned; closed ones older than six months sometimes belong to a former member. */
function pickOwner(
  random: Random,
  context: TicketSeedContext,
  spec: BoardSpec,
  status: StatusRecord,
  enteredMs: number,
): MemberRecord | undefined {
  if (!random.chance(status.defaultFlag ? 0.4 : 0.92)) return undefined
  const former = context.members.filter((member) => member.inactiveFlag)
  if (
    status.closedStatus &&
    REFERENCE_MS - enteredMs > 180 * DAY_MS &&
    former.length > 0 &&
    random.chance(0.05)
  )
    return random.pick(former)
  return random.pick(context.members.filter((member) => spec.team.includes(member.identifier)))
}

type NoteDraft = Omit<NoteRecord, 'id'>

/**
 * The description first (by the contact when one raised it, else the member who entered it), then internal
 * analysis, updates to the customer and the contact's replies; a closed ticket's last note is its resolution.
 */
function draftNotes(random: Random, context: TicketSeedContext, ticket: TicketRecord): NoteDraft[] {
  const contact = context.contacts.find((candidate) => candidate.id === ticket.contactId)
  const enteredBy = context.members.find(
    (member) => member.identifier === ticket.info.enteredBy,
  ) as MemberRecord
  const owner = context.members.find((member) => member.id === ticket.ownerId) ?? enteredBy
  const issue = BOARDS.flatMap((board) => board.issues).find(
    (candidate) => candidate.summary === ticket.summary,
  )
  const byContact = contact !== undefined && random.chance(0.4)
  const enteredMs = Date.parse(ticket.info.dateEntered)
  const updatedMs = Date.parse(ticket.info.lastUpdated)
  const base = {
    ticketId: ticket.id,
    internalAnalysisFlag: false,
    resolutionFlag: false,
    internalFlag: false,
  }
  const byMember = (member: MemberRecord) => ({
    memberId: member.id,
    contactId: null,
    createdBy: member.identifier,
  })
  const fromContact = (who: ContactRecord) => ({
    memberId: null,
    contactId: who.id,
    createdBy: contactName(who),
  })
  const drafts: NoteDraft[] = [
    {
      ...base,
      text: issue?.description ?? ticket.summary,
      detailDescriptionFlag: true,
      externalFlag: false,
      ...(byContact && contact ? fromContact(contact) : byMember(enteredBy)),
      dateCreated: ticket.info.dateEntered,
    },
  ]
  const count = ticket.closedFlag ? random.int(2, 6) : random.int(1, 5)
  const times = Array.from({ length: count - 1 }, () =>
    instantBetween(random, Math.min(enteredMs + MINUTE_MS, updatedMs), updatedMs),
  ).sort((a, b) => a - b)
  times.forEach((atMs, index) => {
    const dateCreated = formatTimestamp(atMs)
    if (ticket.closedFlag && index === times.length - 1) {
      drafts.push({
        ...base,
        text: random.pick(RESOLUTIONS),
        detailDescriptionFlag: false,
        resolutionFlag: true,
        externalFlag: random.chance(0.5),
        ...byMember(owner),
        dateCreated,
      })
      return
    }
    const kind = random.pickWeighted([
      ['internal', 45],
      ['update', 40],
      ['reply', contact ? 15 : 0],
    ] as const)
    if (kind === 'internal') {
      drafts.push({
        ...base,
        text: random.pick(INTERNAL_NOTES),
        detailDescriptionFlag: false,
        internalAnalysisFlag: true,
        internalFlag: true,
        externalFlag: false,
        ...byMember(owner),
        dateCreated,
      })
    } else {
      const replyFrom = kind === 'reply' && contact ? fromContact(contact) : byMember(owner)
      drafts.push({
        ...base,
        text: random.pick(kind === 'reply' ? CONTACT_REPLIES : CUSTOMER_UPDATES),
        detailDescriptionFlag: true,
        externalFlag: kind === 'update',
        ...replyFrom,
        dateCreated,
      })
    }
  })
  return drafts
}
