import { ChangeFeed, type ChangeAction } from '../shared/changes.js'
import type { IdTable } from '../shared/id-table.js'
import { idTable, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import type {
  AssetRecord,
  AssetTypeFieldRecord,
  AssetTypeRecord,
  CommentRecord,
  ContactRecord,
  CustomFieldRecord,
  CustomerRecord,
  InvoiceRecord,
  TicketFieldRecord,
  TicketRecord,
  TicketTimerRecord,
  TicketTypeRecord,
  UserRecord,
} from './records.js'

export interface SyncroDataSet {
  users: UserRecord[]
  ticketTypes: TicketTypeRecord[]
  assetTypes: AssetTypeRecord[]
  statuses: string[]
  /** `GET /settings` -> `ticket.priorities` and `ticket.problem_types`, in the vendor's order. */
  priorities: string[]
  problemTypes: string[]
  /** Custom field definitions: per ticket type, the customers', per asset type. */
  ticketFields: TicketFieldRecord[]
  customerFields: CustomFieldRecord[]
  assetTypeFields: AssetTypeFieldRecord[]
  customers: CustomerRecord[]
  contacts: ContactRecord[]
  assets: AssetRecord[]
  tickets: TicketRecord[]
  comments: CommentRecord[]
  ticketTimers: TicketTimerRecord[]
  invoices: InvoiceRecord[]
}

/** A write of the methods below; `changed` names the fields an update gave a new value. */
export type SyncroChange = { action: ChangeAction; changed?: readonly string[] } & (
  | { resource: 'ticket'; record: TicketRecord }
  | { resource: 'comment'; record: CommentRecord }
  | { resource: 'ticket_timer'; record: TicketTimerRecord }
  | { resource: 'customer'; record: CustomerRecord }
  | { resource: 'contact'; record: ContactRecord }
  | { resource: 'asset'; record: AssetRecord }
)

/**
 * The emulator's in-memory account: records by id (kept in id order too, as lists page by id), and the few
 * operations the routes need.
 */
export class SyncroDatabase {
  readonly users: IdTable<UserRecord>
  readonly ticketTypes: IdTable<TicketTypeRecord>
  readonly assetTypes: IdTable<AssetTypeRecord>
  /** The account's `ticket_status_list`, in the vendor's order. */
  readonly statuses: string[]
  /** The account's priority texts (`GET /settings` -> `ticket.priorities`), most urgent first. */
  readonly priorities: string[]
  /** The account's Issue Types (`GET /settings` -> `ticket.problem_types`). */
  readonly problemTypes: string[]
  readonly ticketFields: IdTable<TicketFieldRecord>
  readonly customerFields: IdTable<CustomFieldRecord>
  readonly assetTypeFields: IdTable<AssetTypeFieldRecord>
  readonly customers: IdTable<CustomerRecord>
  readonly contacts: IdTable<ContactRecord>
  readonly assets: IdTable<AssetRecord>
  readonly tickets: IdTable<TicketRecord>
  readonly comments: IdTable<CommentRecord>
  readonly ticketTimers: IdTable<TicketTimerRecord>
  /** Read only: the API's invoice writes are not emulated. */
  readonly invoices: IdTable<InvoiceRecord>
  /** Every write of the methods below, announced after it is done. */
  readonly changes = new ChangeFeed<SyncroChange>()
  /** Each ticket's comments, oldest first: a ticket list shows each ticket's first comment without a scan. */
  readonly #commentsByTicket = new Map<number, CommentRecord[]>()
  /** Each customer's contacts, id ascending: a customer's answer lists them without a walk. */
  readonly #contactsByCustomer = new Map<number, ContactRecord[]>()
  /** Each ticket's timer entries, id ascending: a ticket's answer lists them without a scan. */
  readonly #timersByTicket = new Map<number, TicketTimerRecord[]>()

  private nextCustomerId: number
  private nextContactId: number
  private nextAssetId: number
  private nextTicketId: number
  private nextTicketNumber: number
  private nextCommentId: number
  private nextTicketTimerId: number

  constructor(data: SyncroDataSet) {
    this.users = idTable(data.users)
    this.ticketTypes = idTable(data.ticketTypes)
    this.assetTypes = idTable(data.assetTypes)
    this.statuses = [...data.statuses]
    this.priorities = [...data.priorities]
    this.problemTypes = [...data.problemTypes]
    this.ticketFields = idTable(data.ticketFields)
    this.customerFields = idTable(data.customerFields)
    this.assetTypeFields = idTable(data.assetTypeFields)
    this.customers = idTable(data.customers)
    this.contacts = idTable(data.contacts)
    this.assets = idTable(data.assets)
    this.tickets = idTable(data.tickets)
    this.comments = idTable(data.comments)
    this.ticketTimers = idTable(data.ticketTimers)
    this.invoices = idTable(data.invoices)
    for (const comment of this.comments.values()) this.#fileComment(comment)
    for (const contact of this.contacts.values()) this.#fileContact(contact)
    for (const timer of this.ticketTimers.values()) this.#fileTimer(timer)
    this.nextCustomerId = nextIdAfter(this.customers.keys())
    this.nextContactId = nextIdAfter(this.contacts.keys())
    this.nextAssetId = nextIdAfter(this.assets.keys())
    this.nextTicketId = nextIdAfter(this.tickets.keys())
    this.nextCommentId = nextIdAfter(this.comments.keys())
    this.nextTicketTimerId = nextIdAfter(this.ticketTimers.keys())
    this.nextTicketNumber = nextIdAfter([...this.tickets.values()].map((ticket) => ticket.number))
  }

  insertCustomer(fields: Insertable<CustomerRecord>): CustomerRecord {
    const record = insertRecord(this.customers, fields, this.nextCustomerId++)
    this.changes.announce({ resource: 'customer', action: 'created', record })
    return record
  }

  updateCustomer(record: CustomerRecord, changes: Partial<Insertable<CustomerRecord>>): CustomerRecord {
    const changed = assignChanges(record, changes)
    this.changes.announce({ resource: 'customer', action: 'updated', record, changed })
    return record
  }

  insertContact(fields: Insertable<ContactRecord>): ContactRecord {
    const record = insertRecord(this.contacts, fields, this.nextContactId++)
    this.#fileContact(record)
    this.changes.announce({ resource: 'contact', action: 'created', record })
    return record
  }

  updateContact(record: ContactRecord, changes: Partial<Insertable<ContactRecord>>): ContactRecord {
    this.#unfileContact(record)
    const changed = assignChanges(record, changes)
    this.#fileContact(record)
    this.changes.announce({ resource: 'contact', action: 'updated', record, changed })
    return record
  }

  /** Tickets and assets keep their `contact_id`: their answers then name no contact, as for any unknown id. */
  deleteContact(id: number): boolean {
    const record = this.contacts.get(id)
    if (!record) return false
    this.contacts.delete(id)
    this.#unfileContact(record)
    this.changes.announce({ resource: 'contact', action: 'deleted', record })
    return true
  }

  insertAsset(fields: Insertable<AssetRecord>): AssetRecord {
    const record = insertRecord(this.assets, fields, this.nextAssetId++)
    this.changes.announce({ resource: 'asset', action: 'created', record })
    return record
  }

  updateAsset(record: AssetRecord, changes: Partial<Insertable<AssetRecord>>): AssetRecord {
    const changed = assignChanges(record, changes)
    this.changes.announce({ resource: 'asset', action: 'updated', record, changed })
    return record
  }

  /** Gives the ticket the next free number unless the caller chose one. */
  insertTicket(fields: Omit<TicketRecord, 'id' | 'number'> & { number?: number }): TicketRecord {
    const number = fields.number ?? this.nextTicketNumber
    this.nextTicketNumber = Math.max(this.nextTicketNumber, number + 1)
    const record = insertRecord(this.tickets, { ...fields, number }, this.nextTicketId++)
    this.changes.announce({ resource: 'ticket', action: 'created', record })
    return record
  }

  updateTicket(record: TicketRecord, changes: Partial<Insertable<TicketRecord>>): TicketRecord {
    const changed = assignChanges(record, changes)
    this.changes.announce({ resource: 'ticket', action: 'updated', record, changed })
    return record
  }

  deleteTicket(id: number): boolean {
    const record = this.tickets.get(id)
    if (!record) return false
    this.tickets.delete(id)
    for (const comment of this.commentsOf(id)) this.comments.delete(comment.id)
    this.#commentsByTicket.delete(id)
    for (const timer of this.timersOf(id)) this.ticketTimers.delete(timer.id)
    this.#timersByTicket.delete(id)
    this.changes.announce({ resource: 'ticket', action: 'deleted', record })
    return true
  }

  insertComment(fields: Insertable<CommentRecord>): CommentRecord {
    const comment = insertRecord(this.comments, fields, this.nextCommentId++)
    this.#fileComment(comment)
    this.changes.announce({ resource: 'comment', action: 'created', record: comment })
    return comment
  }

  /** Oldest first. */
  commentsOf(ticketId: number): readonly CommentRecord[] {
    return this.#commentsByTicket.get(ticketId) ?? []
  }

  #fileComment(comment: CommentRecord): void {
    const comments = this.#commentsByTicket.get(comment.ticket_id) ?? []
    comments.push(comment)
    comments.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
    this.#commentsByTicket.set(comment.ticket_id, comments)
  }

  insertTicketTimer(fields: Insertable<TicketTimerRecord>): TicketTimerRecord {
    const record = insertRecord(this.ticketTimers, fields, this.nextTicketTimerId++)
    this.#fileTimer(record)
    this.changes.announce({ resource: 'ticket_timer', action: 'created', record })
    return record
  }

  updateTicketTimer(
    record: TicketTimerRecord,
    changes: Partial<Insertable<TicketTimerRecord>>,
  ): TicketTimerRecord {
    const changed = assignChanges(record, changes)
    this.changes.announce({ resource: 'ticket_timer', action: 'updated', record, changed })
    return record
  }

  deleteTicketTimer(record: TicketTimerRecord): void {
    this.ticketTimers.delete(record.id)
    this.#timersByTicket.set(
      record.ticket_id,
      this.timersOf(record.ticket_id).filter((filed) => filed !== record),
    )
    this.changes.announce({ resource: 'ticket_timer', action: 'deleted', record })
  }

  /** Id ascending. */
  timersOf(ticketId: number): readonly TicketTimerRecord[] {
    return this.#timersByTicket.get(ticketId) ?? []
  }

  #fileTimer(timer: TicketTimerRecord): void {
    const timers = this.#timersByTicket.get(timer.ticket_id) ?? []
    timers.push(timer)
    timers.sort((a, b) => a.id - b.id)
    this.#timersByTicket.set(timer.ticket_id, timers)
  }

  contactsOf(customerId: number): readonly ContactRecord[] {
    return this.#contactsByCustomer.get(customerId) ?? []
  }

  #fileContact(contact: ContactRecord): void {
    const contacts = this.#contactsByCustomer.get(contact.customer_id) ?? []
    contacts.push(contact)
    contacts.sort((a, b) => a.id - b.id)
    this.#contactsByCustomer.set(contact.customer_id, contacts)
  }

  #unfileContact(contact: ContactRecord): void {
    const contacts = this.#contactsByCustomer.get(contact.customer_id) ?? []
    this.#contactsByCustomer.set(
      contact.customer_id,
      contacts.filter((filed) => filed !== contact),
    )
  }

  /** The ticket type's fields, by position. */
  ticketFieldsOf(ticketTypeId: number): TicketFieldRecord[] {
    return byPosition(
      [...this.ticketFields.values()].filter((field) => field.ticket_type_id === ticketTypeId),
    )
  }

  assetTypeNamed(name: string): AssetTypeRecord | undefined {
    return [...this.assetTypes.values()].find((type) => type.name === name)
  }
}

function byPosition<T extends CustomFieldRecord>(fields: T[]): T[] {
  return fields.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id)
}

/** Assigns `changes` and names the fields whose value changed (compared as JSON). */
function assignChanges<T extends object>(record: T, changes: Partial<T>): string[] {
  const changed = Object.keys(changes).filter(
    (key) => JSON.stringify(record[key as keyof T]) !== JSON.stringify(changes[key as keyof T]),
  )
  Object.assign(record, changes)
  return changed
}
