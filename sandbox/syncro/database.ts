import type { IdTable } from '../shared/id-table.js'
import { idTable, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import type {
  AssetRecord,
  AssetTypeRecord,
  CommentRecord,
  ContactRecord,
  CustomerRecord,
  TicketRecord,
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
  customers: CustomerRecord[]
  contacts: ContactRecord[]
  assets: AssetRecord[]
  tickets: TicketRecord[]
  comments: CommentRecord[]
}

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
  readonly customers: IdTable<CustomerRecord>
  readonly contacts: IdTable<ContactRecord>
  readonly assets: IdTable<AssetRecord>
  readonly tickets: IdTable<TicketRecord>
  readonly comments: IdTable<CommentRecord>
  /** Each ticket's comments, oldest first: a ticket list shows each ticket's first comment without a scan. */
  readonly #commentsByTicket = new Map<number, CommentRecord[]>()
  /** Each customer's contacts (only seeded, never written): a customer's answer lists them without a walk. */
  readonly #contactsByCustomer = new Map<number, ContactRecord[]>()

  private nextCustomerId: number
  private nextAssetId: number
  private nextTicketId: number
  private nextTicketNumber: number
  private nextCommentId: number

  constructor(data: SyncroDataSet) {
    this.users = idTable(data.users)
    this.ticketTypes = idTable(data.ticketTypes)
    this.assetTypes = idTable(data.assetTypes)
    this.statuses = [...data.statuses]
    this.priorities = [...data.priorities]
    this.problemTypes = [...data.problemTypes]
    this.customers = idTable(data.customers)
    this.contacts = idTable(data.contacts)
    this.assets = idTable(data.assets)
    this.tickets = idTable(data.tickets)
    this.comments = idTable(data.comments)
    for (const comment of this.comments.values()) this.#fileComment(comment)
    for (const contact of this.contacts.values()) {
      const contacts = this.#contactsByCustomer.get(contact.customer_id) ?? []
      contacts.push(contact)
      this.#contactsByCustomer.set(contact.customer_id, contacts)
    }
    this.nextCustomerId = nextIdAfter(this.customers.keys())
    this.nextAssetId = nextIdAfter(this.assets.keys())
    this.nextTicketId = nextIdAfter(this.tickets.keys())
    this.nextCommentId = nextIdAfter(this.comments.keys())
    this.nextTicketNumber = nextIdAfter([...this.tickets.values()].map((ticket) => ticket.number))
  }

  insertCustomer(fields: Insertable<CustomerRecord>): CustomerRecord {
    return insertRecord(this.customers, fields, this.nextCustomerId++)
  }

  insertAsset(fields: Insertable<AssetRecord>): AssetRecord {
    return insertRecord(this.assets, fields, this.nextAssetId++)
  }

  /** Gives the ticket the next free number unless the caller chose one. */
  insertTicket(fields: Omit<TicketRecord, 'id' | 'number'> & { number?: number }): TicketRecord {
    const number = fields.number ?? this.nextTicketNumber
    this.nextTicketNumber = Math.max(this.nextTicketNumber, number + 1)
    return insertRecord(this.tickets, { ...fields, number }, this.nextTicketId++)
  }

  updateTicket(record: TicketRecord, changes: Partial<Insertable<TicketRecord>>): TicketRecord {
    Object.assign(record, changes)
    return record
  }

  updateCustomer(record: CustomerRecord, changes: Partial<Insertable<CustomerRecord>>): CustomerRecord {
    Object.assign(record, changes)
    return record
  }

  updateAsset(record: AssetRecord, changes: Partial<Insertable<AssetRecord>>): AssetRecord {
    Object.assign(record, changes)
    return record
  }

  deleteTicket(id: number): boolean {
    if (!this.tickets.delete(id)) return false
    for (const comment of this.commentsOf(id)) this.comments.delete(comment.id)
    this.#commentsByTicket.delete(id)
    return true
  }

  insertComment(fields: Insertable<CommentRecord>): CommentRecord {
    const comment = insertRecord(this.comments, fields, this.nextCommentId++)
    this.#fileComment(comment)
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

  contactsOf(customerId: number): readonly ContactRecord[] {
    return this.#contactsByCustomer.get(customerId) ?? []
  }

  assetTypeNamed(name: string): AssetTypeRecord | undefined {
    return [...this.assetTypes.values()].find((type) => type.name === name)
  }
}
