import { integerPathId } from '../../src/mapping/ids.js'
import { bareRecord, isRecord, recordsIn } from '../../src/vendor-http/answer.js'
import type { VendorCall, VendorClient } from '../../src/vendor-http/client.js'
import { numberedPages } from '../kit/paging.js'
import type { RemainderShelf } from '../kit/fill-page.js'
import { missingRecordOr, type Target, type VendorApi, type WriteOptions } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { HaloQuery } from './query.js'

/** What a HaloPSA list is asked with: its query parameters, and whether it pages (/Actions does not). */
export interface HaloListQuery {
  params: HaloQuery
  pages: boolean
  /**
   * The records of a list Halo answers whole (`pages: false`) that the list keeps: filters Halo lacks, applied to
   * the whole answer before it is paged, so a page is never short of matches that exist.
   */
  keep?: (record: never) => boolean
}

export interface HaloApi extends VendorApi<HaloListQuery> {
  /** POSTs one item to the collection: without an id it creates, with one it updates. */
  write<R>(path: string, item: Record<string, unknown>, options: WriteOptions, ctx: CallContext): Promise<R>
}

/** The largest `page_size` HaloPSA's spec states; the adapter always asks for it, so positions stay aligned. */
const HALO_PAGE_SIZE = 100

/** What the record at a path is, for the 502 of an answer without it: `/Tickets/5` is a ticket. */
const RECORD_NAMES: Record<string, string> = {
  Tickets: 'ticket',
  Client: 'client',
  Asset: 'asset',
  AssetType: 'asset type',
}
const recordNameOf = (target: Target) => RECORD_NAMES[target.path.split('/')[1] ?? ''] ?? target.path

/**
 * HaloPSA's API: bare single records, lists under a key (`tickets`, `clients`, `assets`, `actions`) paged by page
 * number, and writes as an array POSTed to the collection.
 */
export function haloApi(client: VendorClient, shelf: RemainderShelf): HaloApi {
  const send = async (call: VendorCall, ctx: CallContext) => (await client.send(call, ctx)).body

  /**
   * Halo writes by POSTing an array to the collection: an item without id creates, one with an id updates it.
   * An id Halo does not have is refused as a validation error on `id`: that is a 404 here.
   */
  async function write<R>(
    path: string,
    item: Record<string, unknown>,
    { fieldNames, missing }: WriteOptions,
    ctx: CallContext,
  ): Promise<R> {
    try {
      const body = await send(
        { method: 'POST', path, body: [item], fieldNames: { ...fieldNames, id: 'id' } },
        ctx,
      )
      return bareRecord<R>(Array.isArray(body) ? body[0] : body, 'halopsa', path)
    } catch (error) {
      // Halo refusing the record's own id (an update of a record it lacks) or the record the write names.
      throw missingRecordOr(error, 'halopsa', missing ?? { field: 'id', what: 'such record' })
    }
  }

  return {
    read: async (target, ctx) =>
      bareRecord(
        await send({ method: 'GET', path: target.path, query: target.query }, ctx),
        'halopsa',
        recordNameOf(target),
      ),

    /**
     * Halo pages only when asked (`pageinate=true`), by page number, and its `record_count` says how many match.
     * Ordered by id, records created meanwhile land at the end, so a walk's pages do not shift under it.
     */
    list(target, { params, pages, keep }, request, ctx) {
      const key = target.key
      if (key === undefined) throw new Error(`halopsa ${target.path}: the declaration names no list key`)
      if (keep && pages)
        throw new Error(`halopsa ${target.path}: a paged list cannot be filtered by the adapter`)
      return numberedPages({
        vendor: 'halopsa',
        size: pages ? HALO_PAGE_SIZE : undefined,
        request,
        ctx,
        shelf,
        fetch: async (page) => {
          const paging = pages
            ? { pageinate: true, page_size: HALO_PAGE_SIZE, page_no: page, order: 'id', orderdesc: false }
            : {}
          const body = await send({ method: 'GET', path: target.path, query: { ...params, ...paging } }, ctx)
          const records = recordsIn<never>(body, key, 'halopsa')
          if (keep) return { records: records.filter(keep) }
          const total =
            isRecord(body) && typeof body.record_count === 'number' ? body.record_count : undefined
          return { records, total }
        },
      })
    },

    create: (target, body, options, ctx) => write(target.path, body, options, ctx),

    update: (target, body, options, ctx) =>
      write(target.path, { id: integerPathId('halopsa', target.id), ...body }, options, ctx),

    write,
  }
}
