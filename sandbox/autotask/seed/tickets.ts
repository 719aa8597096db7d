import { DAY_MS, HOUR_MS, MINUTE_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import type {
  BillingCodeRecord,
  CompanyRecord,
  ConfigurationItemRecord,
  ContactRecord,
  ResourceRecord,
  ResourceRoleRecord,
  TicketNoteRecord,
  TicketRecord,
  TimeEntryRecord,
} from '../records.js'
import {
  COMPLETE_STATUS,
  ISSUE_TYPES,
  NOTE_PUBLISH,
  STANDARD_TICKET_CATEGORY,
  SUB_ISSUE_TYPES,
  TICKET_PRIORITIES,
  TICKET_QUEUES,
  TICKET_SOURCES,
  TICKET_STATUSES,
} from './picklists.js'

const TICKET_COUNT = 48
// A live database's ticket ids are larger; the sandbox's start at 1, the id the API document's examples name, so
// Swagger UI's "Try it out" shows a ticket's notes and time with nothing typed (the other emulators' ids do too).
const FIRST_TICKET_ID = 1
const FIRST_NOTE_ID = 29926200
const FIRST_TIME_ENTRY_ID = 30500
const FIRST_TICKET_MS = utc('2025-01-06T08:00:00.000Z')
const LAST_TICKET_MS = utc('2025-10-31T17:00:00.000Z')
const RECENT_SINCE_MS = LAST_TICKET_MS - 90 * DAY_MS
/** Note types a technician writes by hand (Task Summary, Task Detail, Task Notes). */
const WRITTEN_NOTE_TYPES = [1, 2, 3]

const TITLES = [
  'Outlook keeps asking for the password',
  'Printer on the second floor shows offline',
  'New starter needs a laptop and accounts',
  'VPN drops every few minutes',
  'Backup job failed overnight',
  'Phishing email reported by reception',
  'Wi-Fi slow in the meeting room',
  'Server disk almost full',
  'Licence renewal for the accounting software',
  'Shared mailbox permissions for finance',
] as const

const NOTES = [
  'Called the user, will remote in after lunch.',
  'Waiting on the customer to confirm the fix.',
  'Escalated to the network team.',
  'Replaced the cable; monitoring for a day.',
  'User confirms it works again.',
  'Vendor case opened, reference to follow.',
] as const

export interface TicketSeedContext {
  companies: readonly CompanyRecord[]
  contacts: readonly ContactRecord[]
  configurationItems: readonly ConfigurationItemRecord[]
  resources: readonly ResourceRecord[]
  resourceRoles: readonly ResourceRoleRecord[]
  billingCodes: readonly BillingCodeRecord[]
  apiResourceID: number
}

export interface SeededTickets {
  tickets: TicketRecord[]
  ticketNotes: TicketNoteRecord[]
  timeEntries: TimeEntryRecord[]
}

const activeValues = (values: typeof TICKET_STATUSES) =>
  values.filter((value) => value.isActive).map((value) => Number(value.value))

/** Ticket ids follow creation time; numbers are `T{day}.{sequence}` as Autotask gives them. */
export function seedTickets(random: Random, context: TicketSeedContext): SeededTickets {
  const customers = context.companies.filter((company) => company.id !== 0)
  const technicians = context.resources.filter((resource) => resource.id !== context.apiResourceID)
  const workTypes = context.billingCodes.filter((code) => code.isActive && code.useType === 1)
  const openStatuses = activeValues(TICKET_STATUSES).filter((status) => status !== COMPLETE_STATUS)
  const created = Array.from({ length: TICKET_COUNT }, () =>
    instantBetween(random, FIRST_TICKET_MS, LAST_TICKET_MS),
  ).sort((a, b) => a - b)
  const perDay = new Map<string, number>()
  const tickets: TicketRecord[] = []
  const ticketNotes: TicketNoteRecord[] = []
  const timeEntries: TimeEntryRecord[] = []

  created.forEach((createdMs, index) => {
    const recent = createdMs >= RECENT_SINCE_MS
    // Former customers' tickets are old and closed.
    const company = random.pick(recent ? customers.filter((customer) => customer.isActive) : customers)
    const contacts = context.contacts.filter((contact) => contact.companyID === company.id)
    const items = context.configurationItems.filter((item) => item.companyID === company.id)
    const status =
      !company.isActive || random.chance(recent ? 0.2 : 0.7) ? COMPLETE_STATUS : random.pick(openStatuses)
    const technician = random.pick(technicians)
    const roles = context.resourceRoles.filter((link) => link.resourceID === technician.id)
    const assigned = random.chance(0.8) && technician.isActive
    const issue = random.pick(ISSUE_TYPES)
    const subIssues = SUB_ISSUE_TYPES.filter((sub) => sub.parentValue === issue.value)
    const day = toTimestamp(createdMs).slice(0, 10).replaceAll('-', '')
    const sequence = (perDay.get(day) ?? 0) + 1
    perDay.set(day, sequence)
    const lastMs = Math.min(LAST_TICKET_MS, createdMs + random.int(1, 72) * HOUR_MS)
    const ticket: TicketRecord = {
      id: FIRST_TICKET_ID + index,
      ticketNumber: `T${day}.${String(sequence).padStart(4, '0')}`,
      title: random.pick(TITLES),
      description: random.chance(0.8) ? 'Reported by phone; details in the notes.' : null,
      companyID: company.id,
      contactID: contacts.length > 0 && random.chance(0.85) ? random.pick(contacts).id : null,
      configurationItemID: items.length > 0 && random.chance(0.4) ? random.pick(items).id : null,
      status,
      priority: random.pick(activeValues(TICKET_PRIORITIES)),
      queueID: random.pick(TICKET_QUEUES.map((queue) => Number(queue.value))),
      issueType: Number(issue.value),
      subIssueType: subIssues.length > 0 && random.chance(0.7) ? Number(random.pick(subIssues).value) : null,
      ticketType: random.chance(0.8) ? 1 : 2,
      source: Number(random.pick(TICKET_SOURCES).value),
      ticketCategory: STANDARD_TICKET_CATEGORY,
      assignedResourceID: assigned ? technician.id : null,
      assignedResourceRoleID: assigned ? (roles[0] as ResourceRoleRecord).roleID : null,
      billingCodeID: null,
      creatorResourceID: technician.id,
      creatorType: 1,
      createDate: toTimestamp(createdMs),
      dueDateTime: toTimestamp(createdMs + random.int(1, 5) * DAY_MS),
      completedDate: status === COMPLETE_STATUS ? toTimestamp(lastMs) : null,
      completedByResourceID: status === COMPLETE_STATUS ? technician.id : null,
      estimatedHours: random.chance(0.3) ? random.int(1, 8) : null,
      resolution: status === COMPLETE_STATUS ? 'Resolved; the user confirmed.' : null,
      lastActivityDate: toTimestamp(lastMs),
      lastActivityResourceID: technician.id,
      lastActivityPersonType: 1,
      lastTrackedModificationDateTime: toTimestamp(lastMs),
      userDefinedFields: [
        { name: 'Customer Reference', value: random.chance(0.3) ? `PO-${random.int(1000, 9999)}` : null },
        { name: 'Affected Users', value: random.chance(0.5) ? String(random.int(1, 40)) : null },
      ],
    }
    tickets.push(ticket)

    // Every fourth ticket gets three or more notes, mixing what the customer may see (publish 1) and not.
    const noteCount = index % 4 === 0 ? random.int(3, 5) : random.int(0, 2)
    let noteMs = createdMs
    for (let n = 0; n < noteCount; n++) {
      noteMs += random.int(10, 90) * MINUTE_MS
      const at = toTimestamp(noteMs)
      ticketNotes.push({
        id: FIRST_NOTE_ID + ticketNotes.length,
        ticketID: ticket.id,
        title: random.chance(0.6) ? 'Update' : null,
        description: random.pick(NOTES),
        noteType: random.pick(WRITTEN_NOTE_TYPES),
        publish: n === 0 ? 1 : n === 1 ? 2 : Number(random.pick(NOTE_PUBLISH).value),
        creatorResourceID: technician.id,
        createDateTime: at,
        lastActivityDate: at,
        userDefinedFields: [],
      })
    }

    // Every third ticket gets two or more time entries, each within the resource's roles and a work type.
    const entryCount = index % 3 === 0 ? random.int(2, 3) : random.int(0, 1)
    for (let n = 0; n < entryCount; n++) {
      const link = random.pick(roles)
      const startMs = createdMs + (n + 1) * 2 * HOUR_MS
      const minutes = random.pick([15, 30, 45, 60, 90, 120])
      const hours = minutes / 60
      const at = toTimestamp(startMs + minutes * MINUTE_MS)
      timeEntries.push({
        id: FIRST_TIME_ENTRY_ID + timeEntries.length,
        ticketID: ticket.id,
        taskID: null,
        resourceID: technician.id,
        roleID: link.roleID,
        billingCodeID: random.pick(workTypes).id,
        contractID: null,
        dateWorked: `${toTimestamp(startMs).slice(0, 10)}T00:00:00.000Z`,
        startDateTime: toTimestamp(startMs),
        endDateTime: at,
        hoursWorked: hours,
        hoursToBill: hours,
        offsetHours: 0,
        summaryNotes: random.pick(NOTES),
        internalNotes: random.chance(0.3) ? 'Checked event logs first.' : null,
        isNonBillable: random.chance(0.2),
        showOnInvoice: true,
        timeEntryType: 2,
        creatorUserID: technician.id,
        createDateTime: at,
        lastModifiedUserID: technician.id,
        lastModifiedDateTime: at,
        userDefinedFields: [],
      })
    }
  })
  return {
    tickets,
    ticketNotes: numberedInOrder(ticketNotes, FIRST_NOTE_ID),
    timeEntries: numberedInOrder(timeEntries, FIRST_TIME_ENTRY_ID),
  }
}

/**
 * Autotask numbers records as they are created (ids ascend with creation), so a list in id order is in creation
 * order: the seed's notes and time entries, written ticket by ticket, are renumbered by when each was created.
 */
function numberedInOrder<R extends { id: number; createDateTime: string }>(
  records: R[],
  firstId: number,
): R[] {
  return [...records]
    .sort((a, b) => Date.parse(a.createDateTime) - Date.parse(b.createDateTime) || a.id - b.id)
    .map((record, index) => ({ ...record, id: firstId + index }))
}
