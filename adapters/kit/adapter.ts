import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import type { ConnectionHealthReport } from '../../src/vendor-http/health.js'
import type { Adapter, CallContext, ReferenceOperations, VendorCallbacks } from '../types.js'
import {
  nestedOperations,
  resourceOperations,
  type NestedDeclaration,
  type ResourceDeclaration,
  type VendorApi,
} from './resource.js'

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
  reference: ReferenceOperations
  callbacks: VendorCallbacks
  /** The reference data the connection's lists and writes look up, loaded when the gateway starts. */
  warmUp: ReadonlyArray<(ctx: CallContext) => Promise<unknown>>
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A connection's adapter from its vendor's API and one declaration per resource. */
export function adapterFrom<Q>(declaration: AdapterDeclaration<Q>): Adapter {
  const { api, tickets, comments, customers, assets } = declaration
  return {
    connectionId: declaration.connectionId,
    vendor: declaration.vendor,
    filters: {
      tickets: tickets.filters,
      comments: comments.filters,
      customers: customers.filters,
      assets: assets.filters,
    },
    health: declaration.health,
    tickets: resourceOperations(api, tickets),
    comments: nestedOperations(api, comments),
    customers: resourceOperations(api, customers),
    assets: resourceOperations(api, assets),
    reference: declaration.reference,
    callbacks: declaration.callbacks,
    warmUp: async (ctx) => {
      await Promise.all(declaration.warmUp.map((load) => load(ctx)))
    },
  }
}
