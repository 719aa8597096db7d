import type { IdTable } from '../shared/id-table.js'
import { idTable, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import type {
  BoardRecord,
  CompanyRecord,
  ConfigurationRecord,
  ConfigurationTypeRecord,
  ContactRecord,
  MemberRecord,
  NamedRecord,
  NoteRecord,
  PriorityRecord,
  StatusRecord,
  TicketRecord,
  TicketTypeRecord,
} from './records.js'

export interface ConnectWiseDataSet {
  boards: BoardRecord[]
  statuses: StatusRecord[]
  types: TicketTypeRecord[]
  priorities: PriorityRecord[]
  members: MemberRecord[]
  companyStatuses: NamedRecord[]
  companyTypes: NamedRecord[]
  countries: NamedRecord[]
  companies: CompanyRecord[]
  contacts: ContactRecord[]
  manufacturers: NamedRecord[]
  configurationTypes: ConfigurationTypeRecord[]
  configurationStatuses: NamedRecord[]
  configurations: ConfigurationRecord[]
  tickets: TicketRecord[]
  notes: NoteRecord[]
}

/** A ticket or note write, and whether it let ConnectWise process notifications (board rules may mail). */
export interface NotificationEntry {
  resource: 'ticket' | 'ticketNote'
  id: number
  method: string
  processNotifications: boolean
}

/**
 * The emulator's in-memory site: records by id (kept in id order too, as lists page by id), and the few operations
 * the routes need. Ids are never reused (identity columns), and a record a test puts into a table directly is never
 * overwritten.
 */
export class ConnectWiseDatabase {
  readonly boards: IdTable<BoardRecord>
  /** Ticket statuses of every board; ids are unique across boards. */
  readonly statuses: IdTable<StatusRecord>
  /** Ticket types of every board. */
  readonly types: IdTable<TicketTypeRecord>
  readonly priorities: IdTable<PriorityRecord>
  readonly members: IdTable<MemberRecord>
  readonly companyStatuses: IdTable<NamedRecord>
  readonly companyTypes: IdTable<NamedRecord>
  readonly countries: IdTable<NamedRecord>
  readonly companies: IdTable<CompanyRecord>
  readonly contacts: IdTable<ContactRecord>
  readonly manufacturers: IdTable<NamedRecord>
  readonly configurationTypes: IdTable<ConfigurationTypeRecord>
  readonly configurationStatuses: IdTable<NamedRecord>
  readonly configurations: IdTable<ConfigurationRecord>
  readonly tickets: IdTable<TicketRecord>
  readonly notes: IdTable<NoteRecord>
  /** Each ticket and note write with its `processNotifications` (see inputs/notifications.ts), oldest first. */
  readonly notifications: NotificationEntry[] = []

  readonly #nextIds = new Map<Map<number, unknown>, number>()
  /** Each ticket's notes, in id order: a ticket's notes are read without walking every note of the site. */
  readonly #notesByTicket = new Map<number, NoteRecord[]>()

  constructor(data: ConnectWiseDataSet) {
    this.boards = idTable(data.boards)
    this.statuses = idTable(data.statuses)
    this.types = idTable(data.types)
    this.priorities = idTable(data.priorities)
    this.members = idTable(data.members)
    this.companyStatuses = idTable(data.companyStatuses)
    this.companyTypes = idTable(data.companyTypes)
    this.countries = idTable(data.countries)
    this.companies = idTable(data.companies)
    this.contacts = idTable(data.contacts)
    this.manufacturers = idTable(data.manufacturers)
    this.configurationTypes = idTable(data.configurationTypes)
    this.configurationStatuses = idTable(data.configurationStatuses)
    this.configurations = idTable(data.configurations)
    this.tickets = idTable(data.tickets)
    this.notes = idTable(data.notes)
    for (const note of this.notes.values()) this.#fileNote(note)
  }

  insertCompany(fields: Insertable<CompanyRecord>): CompanyRecord {
    return this.insert(this.companies, fields)
  }

  insertConfiguration(fields: Insertable<ConfigurationRecord>): ConfigurationRecord {
    return this.insert(this.configurations, fields)
  }

  insertTicket(fields: Insertable<TicketRecord>): TicketRecord {
    return this.insert(this.tickets, fields)
  }

  updateTicket(record: TicketRecord, changes: Partial<Insertable<TicketRecord>>): TicketRecord {
    Object.assign(record, changes)
    return record
  }

  updateCompany(record: CompanyRecord, changes: Partial<Insertable<CompanyRecord>>): CompanyRecord {
    Object.assign(record, changes)
    return record
  }

  updateConfiguration(
    record: ConfigurationRecord,
    changes: Partial<Insertable<ConfigurationRecord>>,
  ): ConfigurationRecord {
    Object.assign(record, changes)
    return record
  }

  insertNote(fields: Insertable<NoteRecord>): NoteRecord {
    const note = this.insert(this.notes, fields)
    this.#fileNote(note)
    return note
  }

  deleteTicket(id: number): boolean {
    if (!this.tickets.delete(id)) return false
    for (const note of this.notesOf(id)) this.notes.delete(note.id)
    this.#notesByTicket.delete(id)
    return true
  }

  /** Id order, which is creation order. */
  notesOf(ticketId: number): NoteRecord[] {
    return [...(this.#notesByTicket.get(ticketId) ?? [])]
  }

  statusesOf(boardId: number): StatusRecord[] {
    return [...this.statuses.values()].filter((status) => status.boardId === boardId)
  }

  typesOf(boardId: number): TicketTypeRecord[] {
    return [...this.types.values()].filter((type) => type.boardId === boardId)
  }

  #fileNote(note: NoteRecord): void {
    const notes = this.#notesByTicket.get(note.ticketId) ?? []
    notes.push(note)
    notes.sort((a, b) => a.id - b.id)
    this.#notesByTicket.set(note.ticketId, notes)
  }

  private insert<T extends { id: number }>(table: IdTable<T>, fields: Insertable<T>): T {
    const id = Math.max(this.#nextIds.get(table) ?? 1, nextIdAfter(table.keys()))
    this.#nextIds.set(table, id + 1)
    return insertRecord(table, fields, id)
  }
}
