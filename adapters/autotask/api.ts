import { bareRecord, isRecord, recordsIn } from '../../src/vendor-http/answer.js'
import type { VendorCall, VendorClient } from '../../src/vendor-http/client.js'
import { GatewayError, notFound, vendorUnavailable } from '../../src/errors.js'
import { keysetPage } from '../kit/paging.js'
import { missingRecordOr, readAfterWrite, type Target, type VendorApi } from '../kit/resource.js'
import type { CallContext, ListRequest } from '../types.js'
import { afterId, EVERY_RECORD, type AutotaskCondition, type AutotaskListQuery } from './query.js'

/** One field of an entity, as `/{Entity}/entityInformation/fields` (and `…/userDefinedFields`) describe it. */
export interface AutotaskFieldInfo {
  name: string
  dataType: string
  isRequired?: boolean
  isPickList?: boolean
  picklistValues?: AutotaskPicklistValue[] | null
}

export interface AutotaskPicklistValue {
  value: string
  label: string
  isActive?: boolean
  isDefaultValue?: boolean
  sortOrder?: number
}

/**
 * Autotask's API as the resources use it. Targets:
 * - `path` is an entity's collection (`/Tickets`), or a child collection under its parent (`/Tickets/7/Notes`,
 *   where Autotask takes a child's writes); a list's path is where `/query` is appended: the root entity's, as child
 *   collections take no filter (the facts, §4) — a ticket's notes are `/TicketNotes` with `ticketID eq 7`;
 * - `key`, on a create, names the collection the created record is read back from (`/TicketNotes`) where it is not
 *   the create's path; every record and list comes under Autotask's own keys (`item`, `items`), so Target.key has
 *   no envelope to name.
 */
export interface AutotaskApi extends VendorApi<AutotaskListQuery> {
  /** Every record of a list that matches `query` (reference data, agents): up to `limit` (a 502 beyond). */
  all<R>(path: string, query: AutotaskListQuery, ctx: CallContext, limit?: number): Promise<R[]>
  /** An entity's fields, picklists with their values (`/{Entity}/entityInformation/fields`). */
  fields(entity: string, ctx: CallContext): Promise<AutotaskFieldInfo[]>
  /** An entity's user-defined fields (`/{Entity}/entityInformation/userDefinedFields`). */
  userDefinedFields(entity: string, ctx: CallContext): Promise<AutotaskFieldInfo[]>
}

/** Autotask answers at most 500 records a call (`MaxRecords` 1..500; the facts, §3). */
export const MAX_RECORDS = 500
/** Beyond this many records, `all` is not reading reference data any more: a 502 rather than an endless walk. */
const ALL_LIMIT = 10_000

const unexpected = (what: string) =>
  vendorUnavailable(502, `autotask answered without the ${what} it documents`)

/** `{"item": {…}}`; `{"item": null}` is how Autotask answers an id it does not have (the facts, §4). */
function itemIn<R>(body: unknown, path: string): R {
  if (!isRecord(body) || !('item' in body)) throw unexpected(`'item' of ${path}`)
  if (body.item === null) throw notFound('autotask has no such record')
  return bareRecord<R>(body.item, 'autotask', path)
}

/** `{"itemId": N}`: what a create and an update answer (the facts, §4). */
export function itemIdIn(body: unknown, path: string): number {
  const id = isRecord(body) ? body.itemId : undefined
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw unexpected(`'itemId' of ${path}`)
  return id
}

/** `{"fields": […]}`, the answer of `entityInformation/fields` and `…/userDefinedFields`. */
function fieldsIn(body: unknown, path: string): AutotaskFieldInfo[] {
  const fields = recordsIn<AutotaskFieldInfo>(body, 'fields', 'autotask')
  if (!fields.every((field) => typeof field.name === 'string')) throw unexpected(`field names of ${path}`)
  return fields
}

/**
 * Autotask's API: `{item}` records, lists by `POST {path}/query`, creates by POST and updates by PATCH (`id` in the
 * body), both answering `{itemId}`, after which the record is read again.
 *
 * Paging (a design choice): keyset by id, between canonical pages and within one. Each call asks for the records
 * after the last id seen (`id gt N` added to the query's conditions), at most as many as the page still needs, up to
 * 500; Autotask answers them by id ascending, and its help recommends this very walk over following
 * `pageDetails.nextPageUrl` (the facts, §3, "Paginating results"). `nextPageUrl` only says whether more follow: no
 * cursor of Autotask's is kept, so a gateway cursor never goes stale and a page costs one call per 500 records.
 * A list always carries a condition: Autotask answers an empty filter with no records (the facts, §2).
 */
export function autotaskApi(client: VendorClient): AutotaskApi {
  const send = async (call: VendorCall, ctx: CallContext) => (await client.send(call, ctx)).body
  const item = async <R>(path: string, ctx: CallContext) =>
    itemIn<R>(await send({ method: 'GET', path }, ctx), path)
  const fieldsAt = async (path: string, ctx: CallContext) =>
    fieldsIn(await send({ method: 'GET', path }, ctx), path)

  /** Up to `wanted` (at most 500) records after id `after`, by id; whether more follow. */
  async function batch<R>(
    path: string,
    { filter, includeFields }: AutotaskListQuery,
    after: number | undefined,
    wanted: number,
    ctx: CallContext,
  ) {
    const conditions: AutotaskCondition[] =
      after === undefined ? (filter.length > 0 ? filter : [EVERY_RECORD]) : [...filter, afterId(after)]
    const asked = Math.min(wanted, MAX_RECORDS)
    const body = await send(
      {
        method: 'POST',
        path: `${path}/query`,
        // A query is a read: repeating it is safe, and it writes nothing (no idempotency hooks).
        idempotent: true,
        read: true,
        body: {
          filter: conditions,
          MaxRecords: asked,
          // Paging by id needs the id (and Autotask's help says so past 500 records: the facts, §2).
          ...(includeFields
            ? { IncludeFields: includeFields.includes('id') ? includeFields : ['id', ...includeFields] }
            : {}),
        },
      },
      ctx,
    )
    const records = recordsIn<R & { id: number }>(body, 'items', 'autotask')
    const details = isRecord(body) && isRecord(body.pageDetails) ? body.pageDetails : undefined
    const more = details ? typeof details.nextPageUrl === 'string' : records.length === asked
    return { records, more }
  }

  async function all<R>(path: string, query: AutotaskListQuery, ctx: CallContext, limit = ALL_LIMIT) {
    const records: R[] = []
    let after: number | undefined
    for (;;) {
      const found = await batch<R>(path, query, after, MAX_RECORDS, ctx)
      records.push(...found.records)
      if (records.length > limit)
        throw vendorUnavailable(502, `autotask answered more than ${limit} records for ${path}`)
      if (!found.more || found.records.length === 0) return records
      after = found.records.at(-1)!.id
    }
  }

  return {
    read: (target, ctx) => item(target.path, ctx),

    async list<R>(target: Target, query: AutotaskListQuery, request: ListRequest, ctx: CallContext) {
      const { records, next } = await keysetPage<R & { id: number }>({
        pageSize: request.pageSize,
        position: request.position,
        fetch: (after, wanted) => batch<R>(target.path, query, after, wanted, ctx),
      })
      return { data: records, nextPosition: next }
    },

    async create(target, body, { fieldNames, missing }, ctx) {
      // A create leaves out what it does not set: explicit nulls made Autotask answer 500 (KelvinTegelaar/AutotaskAPI#26).
      const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null))
      const answer = await send({ method: 'POST', path: target.path, body: sent, fieldNames }, ctx).catch(
        (error: unknown) => {
          throw missingRecordOr(error, 'autotask', missing)
        },
      )
      return readAfterWrite(() => item(`${target.key ?? target.path}/${itemIdIn(answer, target.path)}`, ctx))
    },

    /** An update that changes nothing reads the record instead; one that does reads it after (Autotask answers its id). */
    async update(target, body, { fieldNames }, ctx) {
      if (Object.values(body).every((value) => value === undefined)) return item(target.itemPath, ctx)
      const sent = { ...body, id: Number(target.id) }
      await send({ method: 'PATCH', path: target.path, body: sent, fieldNames }, ctx).catch(
        async (error: unknown) => {
          // No source says how Autotask refuses an update of an id it lacks: a refusal is checked by a read, whose
          // `item: null` is the 404.
          if (error instanceof GatewayError && (error.status === 400 || error.status === 422))
            await item(target.itemPath, ctx)
          throw error
        },
      )
      return readAfterWrite(() => item(target.itemPath, ctx))
    },

    all,

    fields: (entity, ctx) => fieldsAt(`/${entity}/entityInformation/fields`, ctx),
    userDefinedFields: (entity, ctx) => fieldsAt(`/${entity}/entityInformation/userDefinedFields`, ctx),
  }
}
