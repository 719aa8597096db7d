import type { Tracer } from '@opentelemetry/api'
import type { Agent } from '../src/canonical/agent.js'
import type { Asset, AssetCreate, AssetUpdate } from '../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../src/canonical/comment.js'
import type { Contact, ContactCreate, ContactUpdate } from '../src/canonical/contact.js'
import type { CustomFieldDefinition, CustomFieldResource } from '../src/canonical/custom-field.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../src/canonical/customer.js'
import type { FilterName, ListFilters } from '../src/canonical/list-query.js'
import type { Board, Priority, Status, TicketType } from '../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../src/canonical/ticket.js'
import type { TimeEntry, TimeEntryCreate } from '../src/canonical/time-entry.js'
import type { ReferenceCache } from '../src/state/reference-data/reference-cache.js'
import type { TokenCache } from '../src/state/tokens/token-cache.js'
import type { PageRemainders } from '../src/state/page-remainders/page-remainders.js'
import type { RateLimiter } from '../src/state/limiter/types.js'
import type { VendorCallContext } from '../src/vendor-http/client.js'
import type { ConnectionHealthReport } from '../src/vendor-http/health.js'
import type { PoolRegistry } from '../src/vendor-http/pools.js'
import type { VendorHttpSettings } from '../src/vendor-http/settings.js'
import type { GatewayMetrics } from '../src/metrics.js'
import type { ConnectionPassthrough } from '../src/passthrough/connection-passthrough.js'

/** The one interface the core knows a vendor by. */

/** The caller's logger and abort signal, passed down to every vendor call. */
export type CallContext = VendorCallContext

export interface ListRequest {
  pageSize: number
  /** The vendor position carried by the cursor (already checked to belong to this list), null on page one. */
  position: unknown
  filters: ListFilters
}

export interface ListResult<T> {
  data: T[]
  /** Where the next page starts, in the adapter's own terms; null when this was the last page. */
  nextPosition: unknown
}

export interface ResourceOperations<T, TCreate, TUpdate> {
  list(request: ListRequest, ctx: CallContext): Promise<ListResult<T>>
  get(id: string, ctx: CallContext): Promise<T>
  create?(body: TCreate, ctx: CallContext): Promise<T>
  update?(id: string, body: TUpdate, ctx: CallContext): Promise<T>
}

/** A resource under a parent record (a ticket's comments): listed and created there. */
export interface NestedOperations<T, TCreate> {
  list(parentId: string, request: ListRequest, ctx: CallContext): Promise<ListResult<T>>
  create?(parentId: string, body: TCreate, ctx: CallContext): Promise<T>
}

/** Time entries: a ticket's, listed and created there, and every ticket's, listed with the same filters. */
export interface TimeEntryOperations {
  /** The time entries of every ticket. */
  list(request: ListRequest, ctx: CallContext): Promise<ListResult<TimeEntry>>
  ofTicket: NestedOperations<TimeEntry, TimeEntryCreate>
}

/** A resource that is only read (agents). */
export type ReadOperations<T> = Pick<ResourceOperations<T, never, never>, 'list' | 'get'>

export interface ReferenceOperations {
  statuses(ctx: CallContext): Promise<Status[]>
  /** The statuses a ticket can be set to, what `/meta/tickets` offers: the listed ones but those a write refuses. */
  writableStatuses(ctx: CallContext): Promise<Status[]>
  priorities(ctx: CallContext): Promise<Priority[]>
  ticketTypes(ctx: CallContext): Promise<TicketType[]>
  /** The connection's boards; empty where the vendor has none (then `hasBoards` is false). */
  boards(ctx: CallContext): Promise<Board[]>
  /** The custom fields the vendor defines on a resource; empty where it defines none. */
  customFields(resource: CustomFieldResource, ctx: CallContext): Promise<CustomFieldDefinition[]>
}

export type ListableResource =
  'tickets' | 'comments' | 'customers' | 'assets' | 'contacts' | 'agents' | 'time-entries'

/** The lists a vendor answers itself (the gateway pages agents from their whole list). */
export type VendorListedResource = Exclude<ListableResource, 'agents'>

/** The resources callers write. */
export type WritableResource = 'tickets' | 'comments' | 'customers' | 'assets' | 'contacts' | 'time-entries'

/** What a vendor makes of the canonical write fields, beyond the canonical schema (GET .../meta/{resource}). */
export interface WriteRules {
  /** Fields it has no place for, each with why: a value sent (not null) is a 400 before any call. */
  unwritable?: Readonly<Record<string, string>>
  /** Fields a create takes and an update cannot change, each with why: refused like the unwritable ones. */
  unwritableOnUpdate?: Readonly<Record<string, string>>
  /**
   * Fields optional in the canonical create that it requires, so it keeps them: absent or null on a create, or null
   * on an update, is a 400 before any call (`/meta` says required on a create, and never clearable).
   */
  requiredOnCreate?: readonly string[]
}

/** A record a vendor's callback names: only this is taken from it, and the record is read again. */
export interface CallbackHint {
  resource: 'ticket' | 'customer' | 'asset'
  id: string
}

/** Where a connection's vendor calls back (the URL carries its token), and the key it signs with if it signs. */
export interface CallbackEndpoint {
  url: string
  signingKey: string
}

/** A callback as it arrived: the exact bytes a vendor's signature covers, and the headers. */
export interface CallbackDelivery {
  rawBody: Buffer
  headers: Readonly<Record<string, string | string[] | undefined>>
}

/** How a vendor calls back on changes (docs/events.md). */
export interface VendorCallbacks {
  /** The records a callback's body names; none when the body is not one the vendor sends. */
  hintsOf(body: unknown): CallbackHint[]
  /**
   * Registers the endpoint for the vendor's callbacks on tickets, customers and assets, and removes the gateway's
   * registrations of other URLs; absent where an administrator sets webhooks up in the vendor's own UI.
   */
  register?(endpoint: CallbackEndpoint, ctx: CallContext): Promise<void>
  /**
   * Whether a callback carries the signature the vendor makes with the endpoint's `signingKey`; absent where the
   * vendor signs with nothing the gateway gave it (the URL's token alone authenticates).
   */
  isSigned?(delivery: CallbackDelivery, signingKey: string): boolean
}

export interface Adapter {
  readonly connectionId: string
  readonly vendor: string
  /** The canonical filters the vendor honours natively, per list. */
  readonly filters: Readonly<Record<ListableResource, readonly FilterName[]>>
  readonly tickets: ResourceOperations<Ticket, TicketCreate, TicketUpdate>
  readonly comments: NestedOperations<Comment, CommentCreate>
  readonly customers: ResourceOperations<Customer, CustomerCreate, CustomerUpdate>
  readonly assets: ResourceOperations<Asset, AssetCreate, AssetUpdate>
  /** Absent where the adapter has no contacts: its routes answer 501. */
  readonly contacts?: ResourceOperations<Contact, ContactCreate, ContactUpdate>
  /** Absent where the adapter has no agents: its routes answer 501. */
  readonly agents?: ReadOperations<Agent>
  /** Absent where the adapter has no time entries: their routes answer 501. */
  readonly timeEntries?: TimeEntryOperations
  /** Whether the vendor has boards (ConnectWise service boards, HaloPSA teams). */
  readonly hasBoards: boolean
  readonly writeRules: Readonly<Partial<Record<WritableResource, WriteRules>>>
  readonly reference: ReferenceOperations
  readonly callbacks: VendorCallbacks
  /** The vendor's own API, as it is, within the connection's allow-list (routes/passthrough.ts). */
  readonly passthrough: ConnectionPassthrough
  health(): ConnectionHealthReport
  /** Loads the reference data the connection's lists and writes look up, so its first call waits for none. */
  warmUp(ctx: CallContext): Promise<void>
}

/** Shared state and transport an adapter is built with. */
export interface AdapterDeps {
  limiter: RateLimiter
  tokenCache: TokenCache
  referenceCache: ReferenceCache
  /** Where a list page's unreturned vendor records wait for the next page (adapters/kit/fill-page.ts). */
  pageRemainders: PageRemainders
  pools: PoolRegistry
  vendorHttp: VendorHttpSettings
  /** Where vendor calls are counted. */
  metrics?: GatewayMetrics
  /** Where vendor calls' spans start, when tracing is on. */
  tracer?: Tracer
  /**
   * The gateway's own secrets of the connection (its callback token and signing key): a vendor may hand them back
   * (ConnectWise lists its callbacks' URLs, Autotask its webhooks' secretKey), and no vendor answer passed on may
   * carry them.
   */
  gatewaySecrets?: readonly string[]
}
