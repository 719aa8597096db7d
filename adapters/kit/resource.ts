import type { FilterName, ListFilters } from '../../src/canonical/list-query.js'
import type { QueryValue } from '../../src/vendor-http/client.js'
import type { TimeEntry, TimeEntryCreate } from '../../src/canonical/time-entry.js'
import { GatewayError, notFound } from '../../src/errors.js'
import type {
  CallContext,
  ListRequest,
  ListResult,
  NestedOperations,
  ResourceOperations,
  TimeEntryOperations,
} from '../types.js'

/** Where a resource's records are, and the key one record comes under where the vendor wraps it. */
export interface Target {
  path: string
  key?: string
  /** Query parameters a read of one record sends (a HaloPSA ticket's `includedetails`). */
  query?: Record<string, QueryValue>
}

/**
 * How one vendor reads and writes records: its envelope, its paging style and its write verbs, declared once
 * per vendor (adapters/<vendor>/api.ts). `Q` is what the vendor's lists take (query parameters, conditions).
 */
export interface VendorApi<Q> {
  read<R>(target: Target, ctx: CallContext): Promise<R>
  list<R>(target: Target, query: Q, request: ListRequest, ctx: CallContext): Promise<ListResult<R>>
  create<R>(target: Target, body: Record<string, unknown>, write: WriteOptions, ctx: CallContext): Promise<R>
  update<R>(
    target: Target & { itemPath: string; id: string },
    body: Record<string, unknown>,
    write: WriteOptions,
    ctx: CallContext,
  ): Promise<R>
}

export interface WriteOptions {
  /** Vendor field name -> canonical field name, to translate the vendor's validation errors. */
  fieldNames: Record<string, string>
  /** The record the write names (a comment's ticket) where the vendor refuses it by a field when it is absent. */
  missing?: MissingRecord
}

/** A record a write names, by the canonical field the vendor's refusal names when it does not exist. */
export interface MissingRecord {
  field: string
  /** For the 404's detail: "ticket 42". */
  what: string
}

/**
 * The write's error as the caller should see it: a refusal naming the field of the record the write names is that
 * record being absent (404), not a bad value (HaloPSA refuses an action of a missing ticket so, Autotask a note).
 */
export function missingRecordOr(error: unknown, vendor: string, missing: MissingRecord | undefined): unknown {
  const refusesIt =
    missing !== undefined &&
    error instanceof GatewayError &&
    (error.status === 400 || error.status === 422) &&
    error.extras.errors?.some((each) => each.field === missing.field) === true
  return refusesIt ? notFound(`${vendor} has no ${missing.what}`, error.extras.vendor) : error
}

/**
 * One canonical resource at one vendor: where it lives, how a list is asked for, and the mapping both ways.
 * `R` is the vendor's record, `T` the canonical one, `C`/`U` the canonical create and update bodies.
 */
export interface ResourceDeclaration<Q, R, T, C = never, U = never> {
  /** The collection, under its parent's record for a nested resource (a ticket's comments). */
  path: Path
  /** Where a create is sent, where it is not the collection's path. */
  createPath?: Path
  /** One record's path. */
  itemPath: (id: string) => string
  /** Query parameters a read of one record sends, where the vendor needs them for the whole record. */
  itemQuery?: Record<string, QueryValue>
  /** The keys a record and a list come under, where the vendor wraps them (`ticket`, `tickets`). */
  envelope?: { one?: string; many?: string }
  /** The canonical filters the vendor applies itself; any other is refused before a call. */
  filters: readonly FilterName[]
  /** The vendor's list query for these filters; null when no record can match (no call is needed). */
  query: (filters: ListFilters, ctx: CallContext, parentId: string) => Q | null | Promise<Q | null>
  /** Vendor records to canonical ones (all of a page at once: reference data is read once per page). */
  toCanonical: (records: R[], ctx: CallContext) => T[] | Promise<T[]>
  /** The vendor's body for a create, and for an update of record `id`. */
  createBody?: (
    body: C,
    ctx: CallContext,
    parentId: string,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>
  updateBody?: (
    body: U,
    ctx: CallContext,
    id: string,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>
  fieldNames?: Record<string, string>
  /** Operations that take more than the declaration says (several calls, a read before a write) replace the generic ones. */
  custom?: Partial<ResourceOperations<T, C, U>>
}

type Path = string | ((parentId: string) => string)

const pathOf = (path: Path, parentId: string) => (typeof path === 'string' ? path : path(parentId))
const collectionOf = (declaration: { path: Path }, parentId: string) => pathOf(declaration.path, parentId)
const createPathOf = (declaration: { path: Path; createPath?: Path }, parentId: string) =>
  pathOf(declaration.createPath ?? declaration.path, parentId)

async function listOf<Q, R, T>(
  api: VendorApi<Q>,
  declaration: ResourceDeclaration<Q, R, T, unknown, unknown>,
  parentId: string,
  request: ListRequest,
  ctx: CallContext,
): Promise<ListResult<T>> {
  const query = await declaration.query(request.filters, ctx, parentId)
  if (query === null) return { data: [], nextPosition: null }
  const target = { path: collectionOf(declaration, parentId), key: declaration.envelope?.many }
  const page = await api.list<R>(target, query, request, ctx)
  return { data: await declaration.toCanonical(page.data, ctx), nextPosition: page.nextPosition }
}

const one = async <R, T>(
  declaration: { toCanonical: (records: R[], ctx: CallContext) => T[] | Promise<T[]> },
  record: R,
  ctx: CallContext,
): Promise<T> => (await declaration.toCanonical([record], ctx))[0]!

/**
 * What is read once a write is done: the record the write answered, as canonical (mapping it may read reference
 * data: the agents a time entry names), or the record read again where the vendor answers only its id. Should that
 * read fail, the write has happened all the same: the caller is told its outcome is unknown (kept for its
 * idempotency key, so a keyed repeat looks for the record instead of writing again), never a plain error that
 * invites a blind retry.
 */
export async function readAfterWrite<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!(error instanceof GatewayError) || error.extras.writeOutcomeUnknown) throw error
    throw new GatewayError(
      502,
      'vendor_unavailable',
      `the vendor took the write, but reading what its answer names failed (${error.detail}): check before writing again`,
      { vendor: error.extras.vendor, writeOutcomeUnknown: true },
    )
  }
}

const written = <R, T>(
  declaration: { toCanonical: (records: R[], ctx: CallContext) => T[] | Promise<T[]> },
  record: R,
  ctx: CallContext,
): Promise<T> => readAfterWrite(() => one(declaration, record, ctx))

/** list, get, create and update of a resource, from its declaration and the vendor's API. */
export function resourceOperations<Q, R, T, C, U>(
  api: VendorApi<Q>,
  declaration: ResourceDeclaration<Q, R, T, C, U>,
): ResourceOperations<T, C, U> {
  const { itemPath, itemQuery, envelope, createBody, updateBody, fieldNames = {}, custom = {} } = declaration
  const generic: ResourceOperations<T, C, U> = {
    list: (request, ctx) => listOf(api, declaration as never, '', request, ctx),
    get: async (id, ctx) =>
      one(
        declaration,
        await api.read<R>({ path: itemPath(id), key: envelope?.one, query: itemQuery }, ctx),
        ctx,
      ),
    create: createBody
      ? async (body, ctx) => {
          const target = { path: createPathOf(declaration, ''), key: envelope?.one }
          const vendorBody = await createBody(body, ctx, '')
          return written(declaration, await api.create<R>(target, vendorBody, { fieldNames }, ctx), ctx)
        }
      : undefined,
    update: updateBody
      ? async (id, body, ctx) => {
          const target = {
            path: collectionOf(declaration, ''),
            itemPath: itemPath(id),
            id,
            key: envelope?.one,
          }
          const vendorBody = await updateBody(body, ctx, id)
          return written(declaration, await api.update<R>(target, vendorBody, { fieldNames }, ctx), ctx)
        }
      : undefined,
  }
  return { ...generic, ...custom }
}

/** A resource under a parent record (a ticket's comments): listed and created there. */
export type NestedDeclaration<Q, R, T, C> = Omit<
  ResourceDeclaration<Q, R, T, C>,
  'itemPath' | 'updateBody' | 'custom'
> & {
  custom?: Partial<NestedOperations<T, C>>
  /** The parent a create names, where the vendor refuses a create under a missing parent by naming a field. */
  missingParent?: (parentId: string) => MissingRecord
}

/** list and create of a resource under a parent record. */
export function nestedOperations<Q, R, T, C>(
  api: VendorApi<Q>,
  declaration: NestedDeclaration<Q, R, T, C>,
): NestedOperations<T, C> {
  const { envelope, createBody, fieldNames = {}, custom = {}, missingParent } = declaration
  const generic: NestedOperations<T, C> = {
    list: (parentId, request, ctx) => listOf(api, declaration as never, parentId, request, ctx),
    create: createBody
      ? async (parentId, body, ctx) => {
          const target = { path: createPathOf(declaration, parentId), key: envelope?.one }
          const vendorBody = await createBody(body, ctx, parentId)
          const missing = missingParent?.(parentId)
          return written(
            declaration,
            await api.create<R>(target, vendorBody, { fieldNames, missing }, ctx),
            ctx,
          )
        }
      : undefined,
  }
  return { ...generic, ...custom }
}

/**
 * Time entries, declared once for a ticket's and every ticket's: `path` and `query` are given the ticket's id, or
 * '' for the list across tickets (which takes the same filters).
 */
export type TimeEntryDeclaration<Q, R> = NestedDeclaration<Q, R, TimeEntry, TimeEntryCreate>

export function timeEntryOperations<Q, R>(
  api: VendorApi<Q>,
  declaration: TimeEntryDeclaration<Q, R>,
): TimeEntryOperations {
  return {
    list: (request, ctx) => listOf(api, declaration as never, '', request, ctx),
    ofTicket: nestedOperations(api, declaration),
  }
}
