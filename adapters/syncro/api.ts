import { fillPage, pagePositionOf, type RemainderShelf } from '../kit/fill-page.js'
import { bareRecord, recordIn, recordsIn } from '../../src/vendor-http/answer.js'
import type { VendorCall, VendorClient } from '../../src/vendor-http/client.js'
import { GatewayError, validationFailed } from '../../src/errors.js'
import type { CallContext } from '../types.js'
import type { Target, VendorApi } from '../kit/resource.js'
import type { SyncroQuery } from './query.js'
import type { SyncroMeta } from './types.js'

/**
 * What a Syncro list is asked with: one query, or several walked one after the other (a status category is one
 * query per status name); `perPage` where Syncro takes a page size (comments only).
 */
export interface SyncroListQuery {
  queries: SyncroQuery[]
  perPage?: number
}

/** Syncro wraps every list in a key: `{ "tickets": […], "meta": {…} }`. */
const keyOf = (target: Target) => {
  if (target.key === undefined)
    throw new Error(`syncro ${target.path}: the declaration names no envelope key`)
  return target.key
}

/**
 * Syncro wraps a record in a key (`{ "ticket": {…} }`), except a contact, which comes bare (syncro-openapi.json,
 * /contacts/{id} and the contact writes): a target without a key.
 */
const recordOf = <R>(body: unknown, target: Target): R =>
  target.key === undefined
    ? bareRecord<R>(body, 'syncro', target.path)
    : recordIn<R>(body, target.key, 'syncro')

/** Syncro's API: enveloped records, page-numbered lists of a size Syncro fixes, POST to create and PUT to update. */
export function syncroApi(client: VendorClient, shelf: RemainderShelf): VendorApi<SyncroListQuery> {
  const send = async (call: VendorCall, ctx: CallContext) => (await client.send(call, ctx)).body
  /** Syncro's page size per list, as its answers told it (never assumed: it varies by account and version). */
  const pageSizes = new Map<string, number>()

  return {
    read: async (target, ctx) => recordOf(await send({ method: 'GET', path: target.path }, ctx), target),

    async list(target, { queries, perPage }, request, ctx) {
      const key = keyOf(target)
      const { records, next } = await fillPage({
        pageSize: request.pageSize,
        from: pagePositionOf(request.position),
        vendorPageSize: pageSizes.get(key),
        expectCalls: (calls) => ctx.admission?.expect(calls),
        shelf,
        queryKeys: queries.map((query) => String(query.status ?? '')),
        fetchPage: async (query, page) => {
          const body = await send(
            { method: 'GET', path: target.path, query: { ...queries[query], page, per_page: perPage } },
            ctx,
          )
          const found = recordsIn<never>(body, key, 'syncro')
          const meta = (body as { meta?: SyncroMeta }).meta
          if (meta?.per_page) pageSizes.set(key, meta.per_page)
          const totalPages = meta?.total_pages
          return {
            records: found,
            isLast: totalPages === undefined ? found.length === 0 : page >= totalPages,
          }
        },
      })
      return { data: records, nextPosition: next }
    },

    create: async (target, body, { fieldNames }, ctx) => {
      try {
        return recordOf(await send({ method: 'POST', path: target.path, body, fieldNames }, ctx), target)
      } catch (error) {
        throw missingCustomerOf(error, body, fieldNames) ?? error
      }
    },

    update: async (target, body, { fieldNames }, ctx) =>
      recordOf(await send({ method: 'PUT', path: target.itemPath, body, fieldNames }, ctx), target),
  }
}

/**
 * A create answered 404 names a customer Syncro does not have (the spec's POST /contacts: 404 "Customer not found",
 * `{"message": "Not found"}`): a fault of the body's customer, not of the path.
 */
function missingCustomerOf(
  error: unknown,
  body: Record<string, unknown>,
  fieldNames: Record<string, string>,
): GatewayError | undefined {
  if (!(error instanceof GatewayError) || error.status !== 404 || body.customer_id === undefined)
    return undefined
  const field = fieldNames.customer_id ?? 'customer_id'
  return validationFailed(
    `syncro has no customer ${String(body.customer_id)}`,
    [{ field, message: 'no such customer' }],
    error.extras.vendor,
  )
}
