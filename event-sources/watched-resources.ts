import type { Adapter, CallContext, ListableResource, ListRequest, ListResult } from '../adapters/types.js'
import type { ChangeEvent, EventResource } from '../src/canonical/event.js'

/** A canonical record as an event carries it, with the vendor times the sources compare. */
export type WatchedRecord = NonNullable<ChangeEvent['data']> & {
  id: string
  createdAt: string
  updatedAt: string
}

export type TopLevelResource = Exclude<EventResource, 'comment'>

/** The reads of a resource the sources use. */
export interface WatchedReads {
  list(request: ListRequest, ctx: CallContext): Promise<ListResult<WatchedRecord>>
  get(id: string, ctx: CallContext): Promise<WatchedRecord>
}

export interface WatchedResource {
  resource: TopLevelResource
  listable: ListableResource
  reads(adapter: Adapter): WatchedReads
}

/** The resources watched at each connection; comments are read under the tickets that changed. */
export const WATCHED_RESOURCES: readonly WatchedResource[] = [
  { resource: 'ticket', listable: 'tickets', reads: (adapter) => adapter.tickets },
  { resource: 'customer', listable: 'customers', reads: (adapter) => adapter.customers },
  { resource: 'asset', listable: 'assets', reads: (adapter) => adapter.assets },
]
