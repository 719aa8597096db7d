import { ChangeFeed, type ChangeAction } from '../shared/changes.js'
import { IdTable } from '../shared/id-table.js'
import { idTable, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import type {
  AgreementRecord,
  BoardRecord,
  CallbackEntryRecord,
  CommunicationTypeRecord,
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
  TimeEntryRecord,
  UserDefinedFieldRecord,
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
  communicationTypes: CommunicationTypeRecord[]
  userDefinedFields: UserDefinedFieldRecord[]
  timeEntries: TimeEntryRecord[]
  agreementTypes: NamedRecord[]
  agreements: AgreementRecord[]
}

/** A ticket or note write, and whether it let ConnectWise process notifications (board rules may mail). */
export interface NotificationEntry {
  resource: 'ticket' | 'ticketNote'
  id: number
  method: string
  processNotifications: boolean
}

/**
 * A write to a ticket, company, configuration or note. `by` is the member identifier who made it, when known
 * (a callback may suppress its own member's changes).
 */
export type ConnectWiseChange = {
  action: ChangeAction
  by?: string
} & (
  | { resource: 'ticket'; record: TicketRecord }
  | { resource: 'company'; record: CompanyRecord }
  | { resource: 'contact'; record: ContactRecord }
  | { resource: 'configuration'; record: ConfigurationRecord }
  | { resource: 'note'; record: NoteRecord }
  | { resource: 'timeEntry'; record: TimeEntryRecord }
)

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
  readonly communicationTypes: IdTable<CommunicationTypeRecord>
  /** Custom field definitions of every screen (`/system/userDefinedFields`). */
  readonly userDefinedFields: IdTable<UserDefinedFieldRecord>
  /** `/time/entries`, each charged to a service ticket. */
  readonly timeEntries: IdTable<TimeEntryRecord>
  readonly agreementTypes: IdTable<NamedRecord>
  /** `/finance/agreements`: read-only, for the passthrough to reach. */
  readonly agreements: IdTable<AgreementRecord>
  /** Each ticket and note write with its `processNotifications` (see inputs/notifications.ts), oldest first. */
  readonly notifications: NotificationEntry[] = []
  /** `/system/callbacks` registrations. */
  readonly callbacks = new IdTable<CallbackEntryRecord>([])
  /** Every write of the methods below, announced after it is done. */
  readonly changes = new ChangeFeed<ConnectWiseChange>()

  readonly #nextIds = new Map<Map<number, unknown>, number>()
  /** Communication item ids are unique across contacts, and never reused. */
  #lastItemId: number
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
    this.communicationTypes = idTable(data.communicationTypes)
    this.userDefinedFields = idTable(data.userDefinedFields)
    this.timeEntries = idTable(data.timeEntries)
    this.agreementTypes = idTable(data.agreementTypes)
    this.agreements = idTable(data.agreements)
    this.#lastItemId = Math.max(
      0,
      ...data.contacts.flatMap((contact) => contact.communicationItems.map((item) => item.id)),
    )
    for (const note of this.notes.values()) this.#fileNote(note)
  }

  insertCompany(fields: Insertable<CompanyRecord>): CompanyRecord {
    const record = this.insert(this.companies, fields)
    this.changes.announce({ resource: 'company', action: 'created', record, by: record.info.updatedBy })
    return record
  }

  updateCompany(record: CompanyRecord, changes: Partial<Insertable<CompanyRecord>>): CompanyRecord {
    Object.assign(record, changes)
    this.changes.announce({ resource: 'company', action: 'updated', record, by: record.info.updatedBy })
    return record
  }

  insertContact(fields: Insertable<ContactRecord>): ContactRecord {
    const record = this.insert(this.contacts, fields)
    this.changes.announce({ resource: 'contact', action: 'created', record, by: record.info.updatedBy })
    return record
  }

  updateContact(record: ContactRecord, changes: Partial<Insertable<ContactRecord>>): ContactRecord {
    Object.assign(record, changes)
    this.changes.announce({ resource: 'contact', action: 'updated', record, by: record.info.updatedBy })
    return record
  }

  nextCommunicationItemId(): number {
    this.#lastItemId += 1
    return this.#lastItemId
  }

  /** A screen's definitions in the order its records list them (sequence number, then id). */
  customFieldsOf(screenId: string): UserDefinedFieldRecord[] {
    return [...this.userDefinedFields.values()]
      .filter((definition) => definition.screenId === screenId)
      .sort((a, b) => a.sequenceNumber - b.sequenceNumber || a.id - b.id)
  }

  insertConfiguration(fields: Insertable<ConfigurationRecord>): ConfigurationRecord {
    const record = this.insert(this.configurations, fields)
    this.changes.announce({ resource: 'configuration', action: 'created', record, by: record.info.updatedBy })
    return record
  }

  updateConfiguration(
    record: ConfigurationRecord,
    changes: Partial<Insertable<ConfigurationRecord>>,
  ): ConfigurationRecord {
    Object.assign(record, changes)
    this.changes.announce({ resource: 'configuration', action: 'updated', record, by: record.info.updatedBy })
    return record
  }

  insertTicket(fields: Insertable<TicketRecord>): TicketRecord {
    const record = this.insert(this.tickets, fields)
    this.changes.announce({ resource: 'ticket', action: 'created', record, by: record.info.updatedBy })
    return record
  }

  updateTicket(record: TicketRecord, changes: Partial<Insertable<TicketRecord>>): TicketRecord {
    Object.assign(record, changes)
    this.changes.announce({ resource: 'ticket', action: 'updated', record, by: record.info.updatedBy })
    return record
  }

  insertNote(fields: Insertable<NoteRecord>): NoteRecord {
    const note = this.insert(this.notes, fields)
    this.#fileNote(note)
    this.changes.announce({ resource: 'note', action: 'created', record: note, by: note.createdBy })
    return note
  }

  insertTimeEntry(fields: Insertable<TimeEntryRecord>): TimeEntryRecord {
    const record = this.insert(this.timeEntries, fields)
    this.changes.announce({ resource: 'timeEntry', action: 'created', record, by: record.info.updatedBy })
    return record
  }

  updateTimeEntry(record: TimeEntryRecord, changes: Partial<Insertable<TimeEntryRecord>>): TimeEntryRecord {
    Object.assign(record, changes)
    this.changes.announce({ resource: 'timeEntry', action: 'updated', record, by: record.info.updatedBy })
    return record
  }

  /** `by`: the member identifier deleting it, when known. */
  deleteTimeEntry(record: TimeEntryRecord, by?: string): void {
    this.timeEntries.delete(record.id)
    this.changes.announce({ resource: 'timeEntry', action: 'deleted', record, by })
  }

  insertCallback(fields: Insertable<CallbackEntryRecord>): CallbackEntryRecord {
    return this.insert(this.callbacks, fields)
  }

  /** `by`: the member identifier deleting it, when known. */
  deleteTicket(id: number, by?: string): boolean {
    const record = this.tickets.get(id)
    if (!record) return false
    this.tickets.delete(id)
    for (const note of this.notesOf(id)) this.notes.delete(note.id)
    this.#notesByTicket.delete(id)
    // Our choice: the ticket's time goes with it (whether the vendor refuses the delete instead is not known).
    for (const entry of [...this.timeEntries.values()])
      if (entry.ticketId === id) this.timeEntries.delete(entry.id)
    this.changes.announce({ resource: 'ticket', action: 'deleted', record, by })
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
