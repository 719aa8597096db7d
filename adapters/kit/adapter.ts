import type { Agent } from '../../src/canonical/agent.js'
import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import {
  CUSTOM_FIELD_RESOURCES,
  type CustomFieldDefinition,
  type CustomFieldResource,
} from '../../src/canonical/custom-field.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Board } from '../../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import type { ConnectionHealthReport } from '../../src/vendor-http/health.js'
import type { ConnectionPassthrough } from '../../src/passthrough/connection-passthrough.js'
import type {
  Adapter,
  CallContext,
  NestedOperations,
  ReferenceOperations,
  VendorCallbacks,
  WritableResource,
  WriteRules,
} from '../types.js'
import {
  nestedOperations,
  resourceOperations,
  timeEntryOperations,
  type NestedDeclaration,
  type ResourceDeclaration,
  type TimeEntryDeclaration,
  type VendorApi,
} from './resource.js'
import { WHOLE_LIST_FILTERS, wholeListOperations } from './whole-list.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- each declaration is checked where it is written, against its own vendor record type */
export interface AdapterDeclaration<Q> {
  connectionId: string
  vendor: string
  api: VendorApi<Q>
  health: () => ConnectionHealthReport
  tickets: ResourceDeclaration<Q, any, Ticket, TicketCreate, TicketUpdate>
  comments: NestedDeclaration<Q, any, Comment, CommentCreate>
  customers: ResourceDeclaration<Q, any, Customer, CustomerCreate, CustomerUpdate>
  assets: ResourceDeclaration<Q, any, Asset, AssetCreate, AssetUpdate>
  contacts?: ResourceDeclaration<Q, any, Contact, ContactCreate, ContactUpdate>
  timeEntries?: TimeEntryDeclaration<Q, any>
  /** Every agent, read through the reference cache: the gateway pages and searches the list itself. */
  agents?: (ctx: CallContext) => Promise<Agent[]>
  /** The boards, through the reference cache; absent where the vendor has none. */
  boards?: (ctx: CallContext) => Promise<Board[]>
  /** The custom fields the vendor defines on a resource, through the reference cache; absent where it has none. */
  customFields?: (resource: CustomFieldResource, ctx: CallContext) => Promise<CustomFieldDefinition[]>
  /** The canonical write fields the vendor cannot store, and those it requires (checked before any call). */
  writeRules?: Partial<Record<WritableResource, WriteRules>>
  /** `writableStatuses` where a vendor lists statuses a ticket cannot be set to; else the listed ones. */
  reference: Pick<ReferenceOperations, 'statuses' | 'priorities' | 'ticketTypes'> &
    Partial<Pick<ReferenceOperations, 'writableStatuses'>>
  callbacks: VendorCallbacks
  /** The vendor's own API through the connection's client (`passthroughOf`). */
  passthrough: ConnectionPassthrough
  /**
   * The reference data the connection's lists and writes look up, loaded when the gateway starts (the custom
   * field definitions, which every create is checked against, are loaded besides).
   */
  warmUp: ReadonlyArray<(ctx: CallContext) => Promise<unknown>>
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const none = async () => []

/**
 * A ticket's comments or time entries, where a first page that comes back empty reads the ticket (one call, and only
 * then): some vendors list the records of a ticket they lack as none at all, and a missing ticket is a 404 whatever
 * the vendor.
 */
function ofExistingTicket<T, C>(
  operations: NestedOperations<T, C>,
  readTicket: (id: string, ctx: CallContext) => Promise<unknown>,
): NestedOperations<T, C> {
  return {
    ...operations,
    list: async (ticketId, request, ctx) => {
      const page = await operations.list(ticketId, request, ctx)
      if (page.data.length === 0 && request.position === null) await readTicket(ticketId, ctx)
      return page
    },
  }
}

/** A connection's adapter from its vendor's API and one declaration per resource. */
export function adapterFrom<Q>(declaration: AdapterDeclaration<Q>): Adapter {
  const { api, tickets, comments, customers, assets, contacts, agents, timeEntries, boards } = declaration
  const readTicket = (id: string, ctx: CallContext) =>
    api.read({ path: tickets.itemPath(id), key: tickets.envelope?.one }, ctx)
  const ticketTimeEntries = timeEntries && timeEntryOperations(api, timeEntries)
  return {
    connectionId: declaration.connectionId,
    vendor: declaration.vendor,
    filters: {
      tickets: tickets.filters,
      comments: comments.filters,
      customers: customers.filters,
      assets: assets.filters,
      contacts: contacts?.filters ?? [],
      agents: agents ? WHOLE_LIST_FILTERS : [],
      'time-entries': timeEntries?.filters ?? [],
    },
    health: declaration.health,
    tickets: resourceOperations(api, tickets),
    comments: ofExistingTicket(nestedOperations(api, comments), readTicket),
    customers: resourceOperations(api, customers),
    assets: resourceOperations(api, assets),
    contacts: contacts && resourceOperations(api, contacts),
    agents: agents && wholeListOperations('agent', agents),
    timeEntries: ticketTimeEntries && {
      ...ticketTimeEntries,
      ofTicket: ofExistingTicket(ticketTimeEntries.ofTicket, readTicket),
    },
    hasBoards: boards !== undefined,
    writeRules: declaration.writeRules ?? {},
    reference: {
      // Bound here: an adapter hands its reference object (a class instance) as it is.
      statuses: (ctx) => declaration.reference.statuses(ctx),
      writableStatuses: (ctx) =>
        declaration.reference.writableStatuses?.(ctx) ?? declaration.reference.statuses(ctx),
      priorities: (ctx) => declaration.reference.priorities(ctx),
      ticketTypes: (ctx) => declaration.reference.ticketTypes(ctx),
      boards: boards ?? none,
      customFields: declaration.customFields ?? none,
    },
    callbacks: declaration.callbacks,
    passthrough: declaration.passthrough,
    warmUp: async (ctx) => {
      const customFields = declaration.customFields
      const definitions = customFields
        ? CUSTOM_FIELD_RESOURCES.map((resource) => (ctx: CallContext) => customFields(resource, ctx))
        : []
      await Promise.all([...declaration.warmUp, ...definitions].map((load) => load(ctx)))
    },
  }
}
