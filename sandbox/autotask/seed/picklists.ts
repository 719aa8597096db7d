import type { Picklists } from '../database.js'
import type { PicklistValue } from '../entities/entity.js'

// The sandbox database's picklists. Most are the account's own in Autotask (values and labels differ per
// database: "Priority-picklist in zone 19 is custom", a practitioner's notes "Autotask API — Lessons Learned" (zone 19; repository not identified: weak)). Sourced
// values are named at each list: status 5 Complete and 1 New (Datto's Postman collection; facts §5), 9 Waiting
// Materials, 10 Scheduled, 11 Escalate, 12 Waiting Vendor and priority 1 High (KerkhoffTechnologies/django-autotask
// djautotask/tests/fixtures.py), queue 5 Client Portal (the same fixtures); the rest are unsourced, chosen after
// the defaults commonly cited (facts §5) and prasadnarwadkar/AutotaskWebAPI:docs/index.md (ticket statuses).

type Options = Partial<Pick<PicklistValue, 'isDefaultValue' | 'parentValue' | 'isActive' | 'isSystem'>>

function value(id: number, label: string, sortOrder: number, options: Options = {}): PicklistValue {
  return {
    value: String(id),
    label,
    isDefaultValue: false,
    sortOrder,
    parentValue: '',
    isActive: true,
    isSystem: false,
    ...options,
  }
}

/** Complete: the status Autotask stamps `completedDate` on (5, a system value). */
export const COMPLETE_STATUS = 5

export const TICKET_STATUSES: PicklistValue[] = [
  value(1, 'New', 1, { isDefaultValue: true, isSystem: true }),
  value(8, 'In Progress', 2),
  value(10, 'Scheduled', 3),
  value(7, 'Waiting Customer', 4),
  value(11, 'Escalate', 5),
  value(9, 'Waiting Materials', 6),
  value(13, 'Waiting Approval', 7),
  value(12, 'Waiting Vendor', 8),
  value(COMPLETE_STATUS, 'Complete', 9, { isSystem: true }),
  // An inactive value, as accounts keep retired ones: a write must not take it. (unsourced: chosen)
  value(14, 'On Hold (retired)', 10, { isActive: false }),
]

export const TICKET_PRIORITIES: PicklistValue[] = [
  value(4, 'Critical', 1),
  value(1, 'High', 2),
  value(2, 'Medium', 3, { isDefaultValue: true }),
  value(3, 'Low', 4),
  value(5, 'Planning (retired)', 5, { isActive: false }),
]

/** Queues: the system ones (5, 6, 8) and the account's own (large ids, as Autotask gives them). */
export const TICKET_QUEUES: PicklistValue[] = [
  value(5, 'Client Portal', 0, { isSystem: true }),
  value(6, 'Post Sale', 1, { isSystem: true }),
  value(8, 'Monitoring Alert', 2, { isSystem: true }),
  value(29682833, 'Level I Support', 3),
  value(29682969, 'Level II Support', 4),
]

export const TICKET_SOURCES: PicklistValue[] = [
  value(-1, 'Client Portal', 1, { isSystem: true }),
  value(1, 'Other', 2),
  value(2, 'Phone', 3),
  value(4, 'Email', 4),
  value(6, 'In Person/Onsite', 5),
  value(8, 'Monitoring Alert', 6, { isSystem: true }),
]

// Issue and sub-issue types are the account's own. (unsourced: values chosen; Hardware = 2 as in
// KerkhoffTechnologies/django-autotask:djautotask/tests/fixtures.py API_ISSUE_TYPE_FIELD)
export const ISSUE_TYPES: PicklistValue[] = [
  value(2, 'Hardware', 1),
  value(3, 'Software', 2),
  value(4, 'Network', 3),
  value(5, 'Email', 4),
]

export const SUB_ISSUE_TYPES: PicklistValue[] = [
  value(201, 'Laptop', 1, { parentValue: '2' }),
  value(202, 'Printer', 2, { parentValue: '2' }),
  value(301, 'Installation', 1, { parentValue: '3' }),
  value(302, 'Licensing', 2, { parentValue: '3' }),
  value(401, 'VPN', 1, { parentValue: '4' }),
  value(402, 'Wi-Fi', 2, { parentValue: '4' }),
  value(501, 'Mailbox', 1, { parentValue: '5' }),
]

// (unsourced: the ITIL types Autotask names; their numbering chosen)
export const TICKET_TYPES: PicklistValue[] = [
  value(1, 'Service Request', 1, { isDefaultValue: true, isSystem: true }),
  value(2, 'Incident', 2, { isSystem: true }),
  value(3, 'Problem', 3, { isSystem: true }),
  value(4, 'Change Request', 4, { isSystem: true }),
  value(5, 'Alert', 5, { isSystem: true }),
]

/** The default category "Standard" is 3 (the notes above: "default category Standard (3)"; weak). */
export const STANDARD_TICKET_CATEGORY = 3
export const TICKET_CATEGORIES: PicklistValue[] = [
  value(STANDARD_TICKET_CATEGORY, 'Standard', 1, { isDefaultValue: true, isSystem: true }),
  value(4, 'AEM Alert', 2, { isSystem: true }),
]

// TicketNotes: noteType 2 Task Detail (django-autotask fixture API_NOTE_TYPE_FIELD); the other note types are
// unsourced (chosen: tenant-configurable, facts §7).
export const NOTE_TYPES: PicklistValue[] = [
  value(1, 'Task Summary', 1, { isSystem: true }),
  value(2, 'Task Detail', 2, { isSystem: true }),
  value(3, 'Task Notes', 3, { isDefaultValue: true, isSystem: true }),
  value(13, 'Workflow Rule Note', 4, { isSystem: true }),
  value(18, 'Client Portal Note', 5, { isSystem: true }),
  value(99, 'RMM Note', 6, { isSystem: true }),
  value(101, 'Email Note', 7, { isSystem: true }),
]

/**
 * 1 All Autotask Users, the one customers see (HELP NOTES_MAIN.htm; Datto's Postman `"Publish": 1`, facts §7); 2
 * internal (the notes above: "2 = intern"), labelled "Internal Only" as the UI names it (kb.geekgirlsit.com, facts
 * §7); 4 "Internal & Co-managing" (HELP NotificationPanel.htm's name; the number unsourced: chosen).
 */
export const NOTE_PUBLISH: PicklistValue[] = [
  value(1, 'All Autotask Users', 1, { isSystem: true }),
  value(2, 'Internal Only', 2, { isDefaultValue: true, isSystem: true }),
  value(4, 'Internal & Co-managing', 3, { isSystem: true }),
]

// (unsourced: Autotask's company types; numbering chosen)
export const COMPANY_TYPES: PicklistValue[] = [
  value(1, 'Customer', 1, { isSystem: true }),
  value(2, 'Lead', 2, { isSystem: true }),
  value(3, 'Prospect', 3, { isSystem: true }),
  value(4, 'Dead', 4, { isSystem: true }),
  value(7, 'Vendor', 5, { isSystem: true }),
  value(8, 'Partner', 6, { isSystem: true }),
]
export const CUSTOMER_COMPANY_TYPE = 1

// Configuration item types are the account's own. (unsourced: chosen)
export const CONFIGURATION_ITEM_TYPES: PicklistValue[] = [
  value(1, 'Workstation', 1),
  value(2, 'Server', 2),
  value(3, 'Network Device', 3),
  value(4, 'Printer', 4),
]

export function seedPicklists(): Picklists {
  return {
    Tickets: {
      status: TICKET_STATUSES,
      priority: TICKET_PRIORITIES,
      queueID: TICKET_QUEUES,
      source: TICKET_SOURCES,
      issueType: ISSUE_TYPES,
      subIssueType: SUB_ISSUE_TYPES,
      ticketType: TICKET_TYPES,
      ticketCategory: TICKET_CATEGORIES,
    },
    TicketNotes: { noteType: NOTE_TYPES, publish: NOTE_PUBLISH },
    Companies: { companyType: COMPANY_TYPES },
    ConfigurationItems: { configurationItemType: CONFIGURATION_ITEM_TYPES },
  }
}
