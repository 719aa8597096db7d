import { ChangeFeed, type ChangeAction } from '../shared/changes.js'
import type { IdTable } from '../shared/id-table.js'
import { idTable, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import type { FieldDefinition, PicklistValue, Row } from './entities/entity.js'
import type {
  BillingCodeRecord,
  CompanyRecord,
  ConfigurationItemRecord,
  ContactRecord,
  ProductRecord,
  ResourceRecord,
  ResourceRoleRecord,
  RoleRecord,
  TicketNoteRecord,
  TicketRecord,
  TimeEntryRecord,
} from './records.js'

/** The record type of each table. */
export interface AutotaskTables {
  tickets: TicketRecord
  ticketNotes: TicketNoteRecord
  companies: CompanyRecord
  contacts: ContactRecord
  configurationItems: ConfigurationItemRecord
  resources: ResourceRecord
  timeEntries: TimeEntryRecord
  roles: RoleRecord
  resourceRoles: ResourceRoleRecord
  billingCodes: BillingCodeRecord
  products: ProductRecord
}
export type AutotaskTableName = keyof AutotaskTables

/** Picklists by entity name, then field name: `picklists.Tickets.status`. */
export type Picklists = Record<string, Record<string, PicklistValue[]>>

export type AutotaskDataSet = { [K in AutotaskTableName]: AutotaskTables[K][] } & {
  picklists: Picklists
  /** The user-defined fields each entity has (`/{Entity}/entityInformation/userDefinedFields`), by entity. */
  userDefinedFields: Record<string, FieldDefinition[]>
  /** The resource the sandbox's API user is (every API user is a resource of the `API Only` kind). */
  apiResourceID: number
}

/** A write, announced after it is done; `changed` names the fields an update gave a new value. */
export interface AutotaskChange {
  table: AutotaskTableName
  action: ChangeAction
  record: Row
  changed?: readonly string[]
}

/**
 * The emulator's in-memory Autotask database: records by id (kept in id order, as queries answer by id), its
 * picklists and user-defined field definitions, and the writes the entities make. Validation is the entities'
 * (entities/): this class stores what it is given.
 */
export class AutotaskDatabase {
  readonly tickets: IdTable<TicketRecord>
  readonly ticketNotes: IdTable<TicketNoteRecord>
  readonly companies: IdTable<CompanyRecord>
  readonly contacts: IdTable<ContactRecord>
  readonly configurationItems: IdTable<ConfigurationItemRecord>
  readonly resources: IdTable<ResourceRecord>
  readonly timeEntries: IdTable<TimeEntryRecord>
  readonly roles: IdTable<RoleRecord>
  readonly resourceRoles: IdTable<ResourceRoleRecord>
  readonly billingCodes: IdTable<BillingCodeRecord>
  readonly products: IdTable<ProductRecord>
  readonly picklists: Picklists
  readonly userDefinedFields: Record<string, FieldDefinition[]>
  readonly apiResourceID: number
  /** Every write of the methods below, announced after it is done. */
  readonly changes = new ChangeFeed<AutotaskChange>()
  readonly #nextIds = new Map<AutotaskTableName, number>()
  readonly #notesByTicket = new Map<number, TicketNoteRecord[]>()
  readonly #timeByTicket = new Map<number, TimeEntryRecord[]>()

  constructor(data: AutotaskDataSet) {
    this.tickets = idTable(data.tickets)
    this.ticketNotes = idTable(data.ticketNotes)
    this.companies = idTable(data.companies)
    this.contacts = idTable(data.contacts)
    this.configurationItems = idTable(data.configurationItems)
    this.resources = idTable(data.resources)
    this.timeEntries = idTable(data.timeEntries)
    this.roles = idTable(data.roles)
    this.resourceRoles = idTable(data.resourceRoles)
    this.billingCodes = idTable(data.billingCodes)
    this.products = idTable(data.products)
    this.picklists = structuredClone(data.picklists)
    this.userDefinedFields = structuredClone(data.userDefinedFields)
    this.apiResourceID = data.apiResourceID
    for (const note of this.ticketNotes.values()) fileUnder(this.#notesByTicket, note.ticketID, note)
    for (const entry of this.timeEntries.values())
      if (entry.ticketID !== null) fileUnder(this.#timeByTicket, entry.ticketID, entry)
  }

  table<K extends AutotaskTableName>(name: K): IdTable<AutotaskTables[K]> {
    return this[name] as unknown as IdTable<AutotaskTables[K]>
  }

  /** Stores a new record under the table's next id. */
  insert<K extends AutotaskTableName>(name: K, fields: Insertable<AutotaskTables[K]>): AutotaskTables[K] {
    const table = this.table(name)
    const id = this.#nextIds.get(name) ?? nextIdAfter(table.keys())
    this.#nextIds.set(name, id + 1)
    const record = insertRecord(table, fields, id)
    if (name === 'ticketNotes') {
      const note = record as TicketNoteRecord
      fileUnder(this.#notesByTicket, note.ticketID, note)
    }
    if (name === 'timeEntries') {
      const entry = record as TimeEntryRecord
      if (entry.ticketID !== null) fileUnder(this.#timeByTicket, entry.ticketID, entry)
    }
    this.changes.announce({ table: name, action: 'created', record: record as Row })
    return record
  }

  /** Assigns `changes` (the fields a note or a time entry is filed under never change: they are read only). */
  update<K extends AutotaskTableName>(
    name: K,
    record: AutotaskTables[K],
    changes: Partial<Insertable<AutotaskTables[K]>>,
  ): AutotaskTables[K] {
    const changed = Object.keys(changes).filter(
      (key) =>
        JSON.stringify(record[key as keyof AutotaskTables[K]]) !==
        JSON.stringify(changes[key as keyof typeof changes]),
    )
    Object.assign(record, changes)
    this.changes.announce({ table: name, action: 'updated', record: record as Row, changed })
    return record
  }

  remove<K extends AutotaskTableName>(name: K, record: AutotaskTables[K]): void {
    this.table(name).delete(record.id)
    if (name === 'timeEntries') {
      const entry = record as TimeEntryRecord
      if (entry.ticketID !== null) {
        const filed = this.#timeByTicket.get(entry.ticketID) ?? []
        this.#timeByTicket.set(
          entry.ticketID,
          filed.filter((other) => other !== entry),
        )
      }
    }
    this.changes.announce({ table: name, action: 'deleted', record: record as Row })
  }

  /** A ticket's notes, oldest first. */
  notesOf(ticketId: number): readonly TicketNoteRecord[] {
    return this.#notesByTicket.get(ticketId) ?? []
  }

  /** A ticket's time entries, id ascending. */
  timeEntriesOf(ticketId: number): readonly TimeEntryRecord[] {
    return this.#timeByTicket.get(ticketId) ?? []
  }

  /** A company's contacts, id ascending. */
  contactsOf(companyId: number): ContactRecord[] {
    return [...this.contacts.values()]
      .filter((contact) => contact.companyID === companyId)
      .sort((a, b) => a.id - b.id)
  }

  /** The roles the resource may work as (its active resource roles). */
  rolesOf(resourceId: number): RoleRecord[] {
    return [...this.resourceRoles.values()]
      .filter((link) => link.resourceID === resourceId && link.isActive)
      .map((link) => this.roles.get(link.roleID))
      .filter((role): role is RoleRecord => role !== undefined)
  }

  /** An entity field's picklist values, active or not (none when the field has no picklist). */
  picklist(entity: string, field: string): PicklistValue[] {
    return this.picklists[entity]?.[field] ?? []
  }
}

/** Files `record` under `key`, keeping each list in id order. */
function fileUnder<T extends { id: number }>(index: Map<number, T[]>, key: number, record: T): void {
  const records = index.get(key) ?? []
  records.push(record)
  records.sort((a, b) => a.id - b.id)
  index.set(key, records)
}
