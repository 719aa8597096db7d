import { byId, insertRecord, nextIdAfter, type Insertable } from '../shared/tables.js'
import {
  STATUS_TYPE,
  type ActionRecord,
  type AgentRecord,
  type AssetFieldRecord,
  type AssetRecord,
  type AssetStatusRecord,
  type AssetTypeRecord,
  type ClientRecord,
  type EndUserRecord,
  type PriorityRecord,
  type SiteRecord,
  type SlaRecord,
  type StatusRecord,
  type TeamRecord,
  type TicketRecord,
  type TicketTypeRecord,
  type TopLevelRecord,
} from './records.js'

export interface HaloDataSet {
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
}

/** The emulator's in-memory tenant: records by id, and the few operations the routes need. */
export class HaloDatabase {
  readonly statuses: Map<number, StatusRecord>
  readonly slas: Map<number, SlaRecord>
  /** By uuid. */
  readonly priorities: Map<string, PriorityRecord>
  readonly ticketTypes: Map<number, TicketTypeRecord>
  readonly teams: Map<number, TeamRecord>
  readonly agents: Map<number, AgentRecord>
  readonly topLevels: Map<number, TopLevelRecord>
  readonly clients: Map<number, ClientRecord>
  readonly sites: Map<number, SiteRecord>
  readonly users: Map<number, EndUserRecord>
  readonly assetTypes: Map<number, AssetTypeRecord>
  readonly assetStatuses: Map<number, AssetStatusRecord>
  readonly assetFields: Map<number, AssetFieldRecord>
  readonly assets: Map<number, AssetRecord>
  readonly tickets: Map<number, TicketRecord>
  readonly actions: Map<number, ActionRecord>

  private nextClientId: number
  private nextSiteId: number
  private nextAssetId: number
  private nextTicketId: number
  private nextActionId: number

  constructor(data: HaloDataSet) {
    this.statuses = byId(data.statuses)
    this.slas = byId(data.slas)
    this.priorities = byId(data.priorities)
    this.ticketTypes = byId(data.ticketTypes)
    this.teams = byId(data.teams)
    this.agents = byId(data.agents)
    this.topLevels = byId(data.topLevels)
    this.clients = byId(data.clients)
    this.sites = byId(data.sites)
    this.users = byId(data.users)
    this.assetTypes = byId(data.assetTypes)
    this.assetStatuses = byId(data.assetStatuses)
    this.assetFields = byId(data.assetFields)
    this.assets = byId(data.assets)
    this.tickets = byId(data.tickets)
    this.actions = byId(data.actions)
    this.nextClientId = nextIdAfter(this.clients.keys())
    this.nextSiteId = nextIdAfter(this.sites.keys())
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

  insertAsset(fields: Insertable<AssetRecord>): AssetRecord {
    return insertRecord(this.assets, fields, this.nextAssetId++)
  }

  insertTicket(fields: Insertable<TicketRecord>): TicketRecord {
    return insertRecord(this.tickets, fields, this.nextTicketId++)
  }

  insertAction(fields: Insertable<ActionRecord>): ActionRecord {
    return insertRecord(this.actions, fields, this.nextActionId++)
  }

  deleteTicket(id: number): boolean {
    if (!this.tickets.delete(id)) return false
    for (const action of this.actionsOf(id)) this.actions.delete(action.id)
    return true
  }

  /** Oldest first. */
  actionsOf(ticketId: number): ActionRecord[] {
    return [...this.actions.values()]
      .filter((action) => action.ticket_id === ticketId)
      .sort((a, b) => a.datetime.localeCompare(b.datetime) || a.id - b.id)
  }

  /** The priority a ticket's `priority_id` names within its SLA. */
  priorityOf(slaId: number, priorityId: number): PriorityRecord | undefined {
    return [...this.priorities.values()].find(
      (priority) => priority.slaid === slaId && priority.priorityid === priorityId,
    )
  }

  isClosedStatus(statusId: number): boolean {
    return this.statuses.get(statusId)?.type === STATUS_TYPE.closed
  }

  /** The client an end-user belongs to, through their site. */
  clientIdOfUser(user: EndUserRecord): number | undefined {
    return this.sites.get(user.site_id)?.client_id
  }
}
