import { byId, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
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
 * The emulator's in-memory site: records by id, and the few operations the routes need. Ids are never
 * reused (identity columns), and a record a test puts into a Map directly is never overwritten.
 */
export class ConnectWiseDatabase {
  readonly boards: Map<number, BoardRecord>
  /** Ticket statuses of every board; ids are unique across boards. */
  readonly statuses: Map<number, StatusRecord>
  /** Ticket types of every board. */
  readonly types: Map<number, TicketTypeRecord>
  readonly priorities: Map<number, PriorityRecord>
  readonly members: Map<number, MemberRecord>
  readonly companyStatuses: Map<number, NamedRecord>
  readonly companyTypes: Map<number, NamedRecord>
  readonly countries: Map<number, NamedRecord>
  readonly companies: Map<number, CompanyRecord>
  readonly contacts: Map<number, ContactRecord>
  readonly manufacturers: Map<number, NamedRecord>
  readonly configurationTypes: Map<number, ConfigurationTypeRecord>
  readonly configurationStatuses: Map<number, NamedRecord>
  readonly configurations: Map<number, ConfigurationRecord>
  readonly tickets: Map<number, TicketRecord>
  readonly notes: Map<number, NoteRecord>
  /** Each ticket and note write with its `processNotifications` (see inputs/notifications.ts), oldest first. */
  readonly notifications: NotificationEntry[] = []

  readonly #nextIds = new Map<Map<number, unknown>, number>()

  constructor(data: ConnectWiseDataSet) {
    this.boards = byId(data.boards)
    this.statuses = byId(data.statuses)
    this.types = byId(data.types)
    this.priorities = byId(data.priorities)
    this.members = byId(data.members)
    this.companyStatuses = byId(data.companyStatuses)
    this.companyTypes = byId(data.companyTypes)
    this.countries = byId(data.countries)
    this.companies = byId(data.companies)
    this.contacts = byId(data.contacts)
    this.manufacturers = byId(data.manufacturers)
    this.configurationTypes = byId(data.configurationTypes)
    this.configurationStatuses = byId(data.configurationStatuses)
    this.configurations = byId(data.configurations)
    this.tickets = byId(data.tickets)
    this.notes = byId(data.notes)
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

  insertNote(fields: Insertable<NoteRecord>): NoteRecord {
    return this.insert(this.notes, fields)
  }

  deleteTicket(id: number): boolean {
    if (!this.tickets.delete(id)) return false
    for (const note of this.notesOf(id)) this.notes.delete(note.id)
    return true
  }

  /** Id order, which is creation order. */
  notesOf(ticketId: number): NoteRecord[] {
    return [...this.notes.values()].filter((note) => note.ticketId === ticketId).sort((a, b) => a.id - b.id)
  }

  statusesOf(boardId: number): StatusRecord[] {
    return [...this.statuses.values()].filter((status) => status.boardId === boardId)
  }

  typesOf(boardId: number): TicketTypeRecord[] {
    return [...this.types.values()].filter((type) => type.boardId === boardId)
  }

  private insert<T extends { id: number }>(table: Map<number, T>, fields: Insertable<T>): T {
    const id = Math.max(this.#nextIds.get(table) ?? 1, nextIdAfter(table.keys()))
    this.#nextIds.set(table, id + 1)
    return insertRecord(table, fields, id)
  }
}
