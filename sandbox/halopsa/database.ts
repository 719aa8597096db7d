import { ChangeFeed, type ChangeAction } from '../shared/changes.js'
import type { IdTable } from '../shared/id-table.js'
import { byId, idTable, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import {
  STATUS_TYPE,
  type ActionRecord,
  type AgentRecord,
  type AssetFieldRecord,
  type AssetRecord,
  type AssetStatusRecord,
  type AssetTypeRecord,
  type ClientRecord,
  type CustomFieldRecord,
  type CustomFieldUsage,
  type EndUserRecord,
  type InvoiceRecord,
  type PriorityRecord,
  type SiteRecord,
  type SlaRecord,
  type StatusRecord,
  type TeamRecord,
  type TicketRecord,
  type TicketTypeRecord,
  type TopLevelRecord,
  type WebhookRecord,
} from './records.js'

/** A ticket write (the only records Halo's webhooks are emulated for). */
export interface HaloChange {
  resource: 'ticket'
  action: ChangeAction
  record: TicketRecord
}

export interface HaloDataSet {
  customFields: CustomFieldRecord[]
  statuses: StatusRecord[]
  slas: SlaRecord[]
  priorities: PriorityRecord[]
  ticketTypes: TicketTypeRecord[]
  teams: TeamRecord[]
  agents: AgentRecord[]
  topLevels: TopLevelRecord[]
  clients: ClientRecord[]
  sites: SiteRecord[]
  users: EndUserRecord[]
  assetTypes: AssetTypeRecord[]
  assetStatuses: AssetStatusRecord[]
  assetFields: AssetFieldRecord[]
  assets: AssetRecord[]
  tickets: TicketRecord[]
  actions: ActionRecord[]
  invoices: InvoiceRecord[]
}

/**
 * The emulator's in-memory tenant: records by id (kept in id order too, as lists page by id), and the few operations
 * the routes need.
 */
export class HaloDatabase {
  /** Custom field definitions (`FieldInfo`), fixed reference data. */
  readonly customFields: IdTable<CustomFieldRecord>
  readonly statuses: IdTable<StatusRecord>
  readonly slas: IdTable<SlaRecord>
  /** By uuid; fixed reference data (tickets' priority names are looked up through an index of it). */
  readonly priorities: ReadonlyMap<string, PriorityRecord>
  readonly ticketTypes: IdTable<TicketTypeRecord>
  readonly teams: IdTable<TeamRecord>
  readonly agents: IdTable<AgentRecord>
  readonly topLevels: IdTable<TopLevelRecord>
  readonly clients: IdTable<ClientRecord>
  readonly sites: IdTable<SiteRecord>
  readonly users: IdTable<EndUserRecord>
  readonly assetTypes: IdTable<AssetTypeRecord>
  readonly assetStatuses: IdTable<AssetStatusRecord>
  readonly assetFields: IdTable<AssetFieldRecord>
  readonly assets: IdTable<AssetRecord>
  readonly tickets: IdTable<TicketRecord>
  readonly actions: IdTable<ActionRecord>
  /** Invoices (`InvoiceHeader`), read-only: the emulator has no invoice writes. */
  readonly invoices: IdTable<InvoiceRecord>
  /** Outbound webhooks by uuid (`/api/Webhook`). */
  readonly webhooks = new Map<string, WebhookRecord>()
  /** Every write of the ticket methods below, announced after it is done. */
  readonly changes = new ChangeFeed<HaloChange>()

  /** Each ticket's actions: a ticket's actions are read without walking every action of the tenant. */
  readonly #actionsByTicket = new Map<number, Set<ActionRecord>>()
  /** Priorities by SLA and `priorityid`: a ticket's priority is found without walking every priority. */
  readonly #priorityBySla = new Map<string, PriorityRecord>()

  private nextClientId: number
  private nextSiteId: number
  private nextUserId: number
  private nextAssetId: number
  private nextTicketId: number
  private nextActionId: number

  constructor(data: HaloDataSet) {
    this.customFields = idTable(data.customFields)
    this.statuses = idTable(data.statuses)
    this.slas = idTable(data.slas)
    this.priorities = byId(data.priorities)
    this.ticketTypes = idTable(data.ticketTypes)
    this.teams = idTable(data.teams)
    this.agents = idTable(data.agents)
    this.topLevels = idTable(data.topLevels)
    this.clients = idTable(data.clients)
    this.sites = idTable(data.sites)
    this.users = idTable(data.users)
    this.assetTypes = idTable(data.assetTypes)
    this.assetStatuses = idTable(data.assetStatuses)
    this.assetFields = idTable(data.assetFields)
    this.assets = idTable(data.assets)
    this.tickets = idTable(data.tickets)
    this.actions = idTable(data.actions)
    this.invoices = idTable(data.invoices)
    for (const action of this.actions.values()) this.#fileAction(action)
    for (const priority of this.priorities.values()) {
      const key = priorityKey(priority.slaid, priority.priorityid)
      if (!this.#priorityBySla.has(key)) this.#priorityBySla.set(key, priority)
    }
    this.nextClientId = nextIdAfter(this.clients.keys())
    this.nextSiteId = nextIdAfter(this.sites.keys())
    this.nextUserId = nextIdAfter(this.users.keys())
    this.nextAssetId = nextIdAfter(this.assets.keys())
    this.nextTicketId = nextIdAfter(this.tickets.keys())
    this.nextActionId = nextIdAfter(this.actions.keys())
  }

  insertClient(fields: Insertable<ClientRecord>): ClientRecord {
    return insertRecord(this.clients, fields, this.nextClientId++)
  }

  insertSite(fields: Insertable<SiteRecord>): SiteRecord {
    return insertRecord(this.sites, fields, this.nextSiteId++)
  }

  insertUser(fields: Insertable<EndUserRecord>): EndUserRecord {
    return insertRecord(this.users, fields, this.nextUserId++)
  }

  updateUser(record: EndUserRecord, changes: Partial<Insertable<EndUserRecord>>): EndUserRecord {
    Object.assign(record, changes)
    return record
  }

  /** The custom fields of one kind of record, in id order. */
  customFieldsOf(usage: CustomFieldUsage): CustomFieldRecord[] {
    return [...this.customFields.values()].filter((field) => field.usage === usage)
  }

  insertAsset(fields: Insertable<AssetRecord>): AssetRecord {
    return insertRecord(this.assets, fields, this.nextAssetId++)
  }

  insertTicket(fields: Insertable<TicketRecord>): TicketRecord {
    const record = insertRecord(this.tickets, fields, this.nextTicketId++)
    this.changes.announce({ resource: 'ticket', action: 'created', record })
    return record
  }

  updateTicket(record: TicketRecord, changes: Partial<Insertable<TicketRecord>>): TicketRecord {
    Object.assign(record, changes)
    this.changes.announce({ resource: 'ticket', action: 'updated', record })
    return record
  }

  updateClient(record: ClientRecord, changes: Partial<Insertable<ClientRecord>>): ClientRecord {
    Object.assign(record, changes)
    return record
  }

  updateAsset(record: AssetRecord, changes: Partial<Insertable<AssetRecord>>): AssetRecord {
    Object.assign(record, changes)
    return record
  }

  insertAction(fields: Insertable<ActionRecord>): ActionRecord {
    const action = insertRecord(this.actions, fields, this.nextActionId++)
    this.#fileAction(action)
    return action
  }

  /** Changes an action's fields; one moved to another ticket is filed under that ticket. */
  updateAction(action: ActionRecord, changes: Partial<Insertable<ActionRecord>>): void {
    this.#actionsByTicket.get(action.ticket_id)?.delete(action)
    Object.assign(action, changes)
    this.#fileAction(action)
  }

  deleteAction(id: number): boolean {
    const action = this.actions.get(id)
    if (!action) return false
    this.actions.delete(id)
    this.#actionsByTicket.get(action.ticket_id)?.delete(action)
    return true
  }

  deleteTicket(id: number): boolean {
    const record = this.tickets.get(id)
    if (!record) return false
    this.tickets.delete(id)
    for (const action of this.actionsOf(id)) this.actions.delete(action.id)
    this.#actionsByTicket.delete(id)
    this.changes.announce({ resource: 'ticket', action: 'deleted', record })
    return true
  }

  /** Oldest first. */
  actionsOf(ticketId: number): ActionRecord[] {
    return [...(this.#actionsByTicket.get(ticketId) ?? [])].sort(
      (a, b) => a.datetime.localeCompare(b.datetime) || a.id - b.id,
    )
  }

  /** The priority a ticket's `priority_id` names within its SLA. */
  priorityOf(slaId: number, priorityId: number): PriorityRecord | undefined {
    return this.#priorityBySla.get(priorityKey(slaId, priorityId))
  }

  isClosedStatus(statusId: number): boolean {
    return this.statuses.get(statusId)?.type === STATUS_TYPE.closed
  }

  #fileAction(action: ActionRecord): void {
    const actions = this.#actionsByTicket.get(action.ticket_id) ?? new Set()
    this.#actionsByTicket.set(action.ticket_id, actions.add(action))
  }

  /** The client an end-user belongs to, through their site. */
  clientIdOfUser(user: EndUserRecord): number | undefined {
    return this.sites.get(user.site_id)?.client_id
  }
}

const priorityKey = (slaId: number, priorityId: number) => `${slaId}/${priorityId}`
