import { parseConditions, type ConditionNode } from '../../sandbox/connectwise/index.js'
import type { FaultControls } from '../../sandbox/shared/faults.js'
import type { AcceptedRequest, EmulatorStats } from '../../sandbox/shared/stats.js'
import type { App } from '../../app/build-app.js'
import type { Config } from '../../app/config.js'
import type { Tracing } from '../../app/tracing.js'
import type { ConnectionConfig } from '../../adapters/registry.js'
import {
  startAutotaskGateway,
  startConnectWiseGateway,
  startHaloGateway,
  startSyncroGateway,
} from './gateway.js'

/**
 * One vendor's emulator with a gateway in front of it, seen the same way whatever the vendor: the shared
 * connection suite (test/integration/connections/) runs against each of these.
 */
export interface VendorUnderTest {
  readonly vendor: string
  readonly app: App
  /** `/v1/connections/<id>` */
  readonly base: string
  readonly logs: string[]
  readonly faults: FaultControls
  readonly stats: EmulatorStats
  resetStats(): void
  /** Path prefixes at the emulator (after its API prefix), for faults. */
  readonly paths: { tickets: string; customers: string; assets: string; contacts: string }
  /** The emulator's stats key of GET one ticket. */
  readonly ticketGetRoute: string
  /** The statuses the vendor answers a write it refuses by a business rule with (Autotask's are 500s). */
  readonly refusalStatuses: readonly number[]
  /** Two asset models this vendor stores: free text, or (Autotask) the models of two of its products. */
  readonly assetModels: readonly [string, string]
  /** Customer fields besides the name that this vendor stores: what a create sends, and an update. */
  readonly customerFields: { create: Record<string, unknown>; update: Record<string, unknown> }
  /** The connection under test, as configured. */
  readonly connection: ConnectionConfig
  /** The vendor credentials in it: none may ever appear in a log line, a response or a metric. */
  readonly secrets: string[]
  /** Fields that make the connection's credentials wrong (the vendor refuses them). */
  readonly wrongCredentials: Record<string, string>
  /** The emulator's stats key of a ticket list call (`GET /tickets`, `POST /Tickets/query`). */
  readonly ticketListRoute: string
  /** The search texts a ticket list call carried to the vendor, read from its query string (or body). */
  searchesIn(call: AcceptedRequest): string[]
  /** Records the vendor holds, for tests to name. */
  sample(): {
    ticketId: string
    customerId: string
    assetTypeId: string
    ticketWithComments: string
    /** A contact (of any customer). */
    contactId: string
    /** An active agent. */
    agentId: string
    /** A ticket with two time entries or more. */
    ticketWithTimeEntries: string
  }
  /** Record counts at the vendor. */
  counts(): {
    tickets: number
    customers: number
    assets: number
    contacts: number
    agents: number
    comments(ticketId: string): number
    /** A ticket's time entries, or every ticket's. */
    timeEntries(ticketId?: string): number
  }
  /** Every vendor record, serialised: a bad write must leave it unchanged. */
  snapshot(): string
  close(): Promise<void>
}

export interface FixtureOptions {
  /** The emulator's rate limit (the gateway's bucket is told the same). */
  rateLimit?: { limit: number; windowMs: number }
  config?: Partial<Config>
  tracing?: Tracing
}

export interface VendorFixture {
  vendor: string
  /** The vendor's ids start at 0, not 1 (Autotask: company 0 is the account's own). */
  idsFromZero?: boolean
  start(options?: FixtureOptions): Promise<VendorUnderTest>
}

/** What a fixture's gateway gives every vendor alike. */
interface FixtureGateway {
  app: App
  logs: string[]
  connection: { id: string; vendor: string }
  emulator: { faults: FaultControls; stats: EmulatorStats; resetStats(): void }
  close(): Promise<void>
}

type VendorParts = Omit<
  VendorUnderTest,
  'vendor' | 'app' | 'base' | 'logs' | 'faults' | 'stats' | 'resetStats' | 'close'
>

const underTest = (gateway: FixtureGateway, parts: VendorParts): VendorUnderTest => ({
  ...parts,
  vendor: gateway.connection.vendor,
  app: gateway.app,
  base: `/v1/connections/${gateway.connection.id}`,
  logs: gateway.logs,
  faults: gateway.emulator.faults,
  stats: gateway.emulator.stats,
  resetStats: () => gateway.emulator.resetStats(),
  close: () => gateway.close(),
})

const emulatorOptions = (options: FixtureOptions) =>
  options.rateLimit ? { rateLimit: options.rateLimit } : undefined

/** The comparisons of a ConnectWise `conditions` tree, and the text of a `contains` among them. */
const comparisonsOf = (node: ConditionNode): ConditionNode[] =>
  node.kind === 'and' || node.kind === 'or' ? node.operands.flatMap(comparisonsOf) : [node]
const searchValue = (node: ConditionNode): string[] =>
  node.kind === 'comparison' && node.operator === 'contains' && node.value.type === 'string'
    ? [node.value.value]
    : []

const ids = (map: Map<number, unknown>) => [...map.keys()].map(String)

const FREE_TEXT_MODELS = ['EliteDesk 800', 'EliteDesk 805'] as const

export const syncroFixture: VendorFixture = {
  vendor: 'syncro',
  async start(options = {}) {
    const gateway = await startSyncroGateway({
      emulator: emulatorOptions(options),
      config: options.config,
      tracing: options.tracing,
    })
    const { db } = gateway.emulator
    const timersOf = (ticketId: number) =>
      [...db.ticketTimers.values()].filter((timer) => timer.ticket_id === ticketId)
    return underTest(gateway, {
      connection: gateway.connection,
      secrets: [gateway.connection.apiKey],
      wrongCredentials: { apiKey: 'revoked-syncro-key-0123456789' },
      ticketListRoute: 'GET /tickets',
      searchesIn: (call) => new URLSearchParams(call.query ?? '').getAll('query'),
      paths: {
        tickets: '/tickets',
        customers: '/customers',
        assets: '/customer_assets',
        contacts: '/contacts',
      },
      ticketGetRoute: 'GET /tickets/:id',
      assetModels: FREE_TEXT_MODELS,
      refusalStatuses: [400, 422],
      customerFields: {
        create: { phone: '+1 555 0100', address: { line1: '1 Pier Road', city: 'Portland' } },
        update: { phone: '+1 555 0199' },
      },
      sample: () => ({
        ticketId: ids(db.tickets)[0]!,
        customerId: String([...db.customers.values()].find((customer) => !customer.disabled)!.id),
        assetTypeId: [...db.assetTypes.values()][0]!.name,
        ticketWithComments: String([...db.tickets.keys()].find((id) => db.commentsOf(id).length >= 3)),
        contactId: ids(db.contacts)[0]!,
        agentId: ids(db.users)[0]!,
        ticketWithTimeEntries: String([...db.tickets.keys()].find((id) => timersOf(id).length >= 2)),
      }),
      counts: () => ({
        tickets: db.tickets.size,
        customers: db.customers.size,
        assets: db.assets.size,
        contacts: db.contacts.size,
        agents: db.users.size,
        comments: (ticketId) => db.commentsOf(Number(ticketId)).length,
        timeEntries: (ticketId) =>
          ticketId === undefined ? db.ticketTimers.size : timersOf(Number(ticketId)).length,
      }),
      snapshot: () =>
        JSON.stringify([
          [...db.tickets.values()],
          [...db.comments.values()],
          [...db.customers.values()],
          [...db.assets.values()],
          [...db.contacts.values()],
          [...db.ticketTimers.values()],
        ]),
    })
  },
}

export const connectWiseFixture: VendorFixture = {
  vendor: 'connectwise',
  async start(options = {}) {
    const gateway = await startConnectWiseGateway({
      emulator: emulatorOptions(options),
      config: options.config,
      tracing: options.tracing,
    })
    const { db } = gateway.emulator
    const entriesOf = (ticketId: number) =>
      [...db.timeEntries.values()].filter((entry) => entry.ticketId === ticketId)
    return underTest(gateway, {
      connection: gateway.connection,
      secrets: [gateway.connection.privateKey, gateway.connection.clientId],
      wrongCredentials: { privateKey: 'revoked-private-key-0123456789' },
      ticketListRoute: 'GET /service/tickets',
      searchesIn: (call) => {
        const conditions = new URLSearchParams(call.query ?? '').get('conditions')
        return conditions === null ? [] : comparisonsOf(parseConditions(conditions)).flatMap(searchValue)
      },
      paths: {
        tickets: '/service/tickets',
        customers: '/company/companies',
        assets: '/company/configurations',
        contacts: '/company/contacts',
      },
      ticketGetRoute: 'GET /service/tickets/:id',
      assetModels: FREE_TEXT_MODELS,
      refusalStatuses: [400, 422],
      customerFields: {
        create: { phone: '+1 555 0100', address: { line1: '1 Pier Road', city: 'Portland' } },
        update: { phone: '+1 555 0199' },
      },
      sample: () => ({
        // A ticket whose status takes time entries (ConnectWise refuses time in a `timeEntryNotAllowed` status).
        ticketId: String(
          [...db.tickets.values()].find((ticket) => !db.statuses.get(ticket.statusId)?.timeEntryNotAllowed)!
            .id,
        ),
        customerId: String(
          [...db.companies.values()].find(
            (company) => !company.deletedFlag && db.companyStatuses.get(company.statusId)?.name === 'Active',
          )!.id,
        ),
        assetTypeId: ids(db.configurationTypes)[0]!,
        ticketWithComments: String([...db.tickets.keys()].find((id) => db.notesOf(id).length >= 3)),
        contactId: ids(db.contacts)[0]!,
        agentId: String([...db.members.values()].find((member) => !member.inactiveFlag)!.id),
        ticketWithTimeEntries: String([...db.tickets.keys()].find((id) => entriesOf(id).length >= 2)),
      }),
      counts: () => ({
        tickets: db.tickets.size,
        customers: db.companies.size,
        assets: db.configurations.size,
        contacts: db.contacts.size,
        agents: db.members.size,
        comments: (ticketId) => db.notesOf(Number(ticketId)).length,
        timeEntries: (ticketId) =>
          ticketId === undefined ? db.timeEntries.size : entriesOf(Number(ticketId)).length,
      }),
      snapshot: () =>
        JSON.stringify([
          [...db.tickets.values()],
          [...db.notes.values()],
          [...db.companies.values()],
          [...db.configurations.values()],
          [...db.contacts.values()],
          [...db.timeEntries.values()],
        ]),
    })
  },
}

export const haloFixture: VendorFixture = {
  vendor: 'halopsa',
  async start(options = {}) {
    const gateway = await startHaloGateway({
      emulator: emulatorOptions(options),
      config: options.config,
      tracing: options.tracing,
    })
    const { db } = gateway.emulator
    const timedActionsOf = (ticketId: number) =>
      db.actionsOf(ticketId).filter((action) => action.timetaken > 0)
    return underTest(gateway, {
      connection: gateway.connection,
      secrets: [gateway.connection.clientSecret],
      wrongCredentials: { clientSecret: 'revoked-client-secret-0123456789' },
      ticketListRoute: 'GET /api/Tickets',
      searchesIn: (call) => new URLSearchParams(call.query ?? '').getAll('search'),
      paths: {
        tickets: '/api/Tickets',
        customers: '/api/Client',
        assets: '/api/Asset',
        contacts: '/api/Users',
      },
      ticketGetRoute: 'GET /api/Tickets/:id',
      assetModels: FREE_TEXT_MODELS,
      refusalStatuses: [400, 422],
      customerFields: {
        create: { website: 'https://harbor.example' },
        update: { website: 'https://harbor-dental.example' },
      },
      sample: () => ({
        ticketId: ids(db.tickets)[0]!,
        customerId: String([...db.clients.values()].find((client) => !client.inactive)!.id),
        assetTypeId: ids(db.assetTypes)[0]!,
        ticketWithComments: String([...db.tickets.keys()].find((id) => db.actionsOf(id).length >= 3)),
        contactId: ids(db.users)[0]!,
        agentId: String([...db.agents.values()].find((agent) => !agent.isdisabled)!.id),
        ticketWithTimeEntries: String([...db.tickets.keys()].find((id) => timedActionsOf(id).length >= 2)),
      }),
      counts: () => ({
        tickets: db.tickets.size,
        customers: db.clients.size,
        assets: db.assets.size,
        contacts: db.users.size,
        agents: db.agents.size,
        comments: (ticketId) => db.actionsOf(Number(ticketId)).length,
        timeEntries: (ticketId) =>
          ticketId === undefined
            ? [...db.actions.values()].filter((action) => action.timetaken > 0).length
            : timedActionsOf(Number(ticketId)).length,
      }),
      snapshot: () =>
        JSON.stringify([
          [...db.tickets.values()],
          [...db.actions.values()],
          [...db.clients.values()],
          [...db.assets.values()],
          [...db.users.values()],
        ]),
    })
  },
}

/**
 * The distinct texts of the `contains` conditions in an Autotask query body, at any depth of its groups (one text
 * searched in several fields is one search).
 */
const autotaskSearches = (body: string | undefined): string[] => {
  interface Condition {
    op: string
    value?: unknown
    items?: Condition[]
  }
  const walk = (conditions: Condition[]): string[] =>
    conditions.flatMap((condition) =>
      condition.items
        ? walk(condition.items)
        : condition.op === 'contains' && typeof condition.value === 'string'
          ? [condition.value]
          : [],
    )
  return body ? [...new Set(walk((JSON.parse(body) as { filter?: Condition[] }).filter ?? []))] : []
}

const modelsOf = (products: Array<{ manufacturerProductName: string | null }>) => {
  const [first, second] = products.flatMap((product) => product.manufacturerProductName ?? [])
  return [first!, second!] as const
}

export const autotaskFixture: VendorFixture = {
  vendor: 'autotask',
  idsFromZero: true,
  async start(options = {}) {
    const gateway = await startAutotaskGateway({
      emulator: emulatorOptions(options),
      config: options.config,
      tracing: options.tracing,
    })
    const { db } = gateway.emulator
    return underTest(gateway, {
      connection: gateway.connection,
      secrets: [gateway.connection.secret, gateway.connection.integrationCode],
      wrongCredentials: { secret: 'revoked-autotask-secret-0123456789' },
      ticketListRoute: 'POST /Tickets/query',
      searchesIn: (call) => autotaskSearches(call.body),
      paths: {
        tickets: '/Tickets',
        customers: '/Companies',
        assets: '/ConfigurationItems',
        contacts: '/Contacts',
      },
      ticketGetRoute: 'GET /Tickets/:id',
      // Business rules are refused with 500 and Autotask's `errors` (facts §4).
      refusalStatuses: [500],
      // An Autotask asset's model is its product's.
      assetModels: modelsOf([...db.products.values()]),
      customerFields: {
        create: { phone: '+1 555 0100', address: { line1: '1 Pier Road', city: 'Portland' } },
        update: { phone: '+1 555 0199' },
      },
      sample: () => ({
        ticketId: ids(db.tickets)[0]!,
        // A customer, not the account's own company 0.
        customerId: String(
          [...db.companies.values()].find((company) => company.isActive && company.id > 0)!.id,
        ),
        assetTypeId: String([...db.configurationItems.values()][0]!.configurationItemType),
        ticketWithComments: String([...db.tickets.keys()].find((id) => db.notesOf(id).length >= 3)),
        contactId: ids(db.contacts)[0]!,
        agentId: String([...db.resources.values()].find((resource) => resource.isActive)!.id),
        ticketWithTimeEntries: String([...db.tickets.keys()].find((id) => db.timeEntriesOf(id).length >= 2)),
      }),
      counts: () => ({
        tickets: db.tickets.size,
        customers: db.companies.size,
        assets: db.configurationItems.size,
        contacts: db.contacts.size,
        agents: db.resources.size,
        comments: (ticketId) => db.notesOf(Number(ticketId)).length,
        timeEntries: (ticketId) =>
          ticketId === undefined ? db.timeEntries.size : db.timeEntriesOf(Number(ticketId)).length,
      }),
      snapshot: () =>
        JSON.stringify([
          [...db.tickets.values()],
          [...db.ticketNotes.values()],
          [...db.companies.values()],
          [...db.configurationItems.values()],
          [...db.contacts.values()],
          [...db.timeEntries.values()],
        ]),
    })
  },
}

export const VENDOR_FIXTURES: VendorFixture[] = [
  connectWiseFixture,
  haloFixture,
  syncroFixture,
  autotaskFixture,
]
