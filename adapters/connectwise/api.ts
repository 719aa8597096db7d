import type { IncomingHttpHeaders } from 'node:http'
import { bareRecord, bareRecords } from '../../src/vendor-http/answer.js'
import type { QueryValue, VendorCall, VendorClient } from '../../src/vendor-http/client.js'
import { hasLinkRel } from '../../src/vendor-http/link-header.js'
import { keysetPage } from '../kit/paging.js'
import type { Target, VendorApi, WriteOptions } from '../kit/resource.js'
import type { CallContext, ListRequest } from '../types.js'
import { patchOf } from './map.js'
import { afterId } from './query.js'

/**
 * What a ConnectWise list is asked with: its `conditions` and `customFieldConditions` (CommonParameters of every
 * list), each undefined when it filters nothing.
 */
export interface ConnectWiseQuery {
  conditions?: string
  customFieldConditions?: string
}

export interface ConnectWiseWriteOptions extends WriteOptions {
  /** Write options such as processNotifications, sent only with a change. */
  options?: Record<string, unknown>
}

/** ConnectWise's API, and the reads beside the resources' (reference lists, a ticket's description note). */
export interface ConnectWiseApi extends VendorApi<ConnectWiseQuery> {
  update<R>(
    target: Target & { itemPath: string; id: string },
    body: Record<string, unknown>,
    write: ConnectWiseWriteOptions,
    ctx: CallContext,
  ): Promise<R>
  /** Every record of a small list (reference data), following ConnectWise's pages of 1000. */
  all<R>(path: string, ctx: CallContext, fields?: string): Promise<R[]>
  /** The first record by id that meets `conditions`, in one call; `what` names the list in a 502. */
  first<R>(path: string, conditions: string, ctx: CallContext, what?: string): Promise<R | undefined>
}

/** ConnectWise's page size maximum: reference lists are read in one call each. */
const VENDOR_MAX_PAGE_SIZE = 1000

/** Whether more records follow a batch: the Link header tells; without one, a full batch may be followed. */
const moreAfter = (headers: IncomingHttpHeaders, count: number, asked: number) => {
  const link = headers.link
  return link === undefined ? count === asked : hasLinkRel(link, 'next')
}

/**
 * ConnectWise's API: bare records and lists, keyset paging (`id > last` ordered by id, as many records per call
 * as the page still needs; ConnectWise allows up to 1000), POST to create and JSON Patch to update.
 */
export function connectWiseApi(client: VendorClient): ConnectWiseApi {
  const send = async (call: VendorCall, ctx: CallContext) => client.send(call, ctx)
  const record = async <R>(call: VendorCall, ctx: CallContext) =>
    bareRecord<R>((await send(call, ctx)).body, 'connectwise', call.path)

  return {
    read: (target, ctx) => record({ method: 'GET', path: target.path }, ctx),

    async list<R>(target: Target, filter: ConnectWiseQuery, request: ListRequest, ctx: CallContext) {
      const { records, next } = await keysetPage<R & { id: number }>({
        pageSize: request.pageSize,
        position: request.position,
        fetch: async (last, wanted) => {
          const query: Record<string, QueryValue> = {
            conditions: afterId(filter.conditions, last),
            customFieldConditions: filter.customFieldConditions,
            orderBy: 'id asc',
            page: 1,
            pageSize: wanted,
          }
          const response = await send({ method: 'GET', path: target.path, query }, ctx)
          const batch = bareRecords<R & { id: number }>(response.body, 'connectwise', target.path)
          return { records: batch, more: moreAfter(response.headers, batch.length, wanted) }
        },
      })
      return { data: records, nextPosition: next }
    },

    create: (target, body, { fieldNames }, ctx) =>
      record({ method: 'POST', path: target.path, body, fieldNames }, ctx),

    /** An update that changes nothing ConnectWise stores reads the record instead. */
    async update(target, fields, { fieldNames, options = {} }, ctx) {
      const operations = patchOf(fields)
      if (operations.length === 0) return record({ method: 'GET', path: target.itemPath }, ctx)
      const body = [...operations, ...patchOf(options)]
      return record({ method: 'PATCH', path: target.itemPath, body, fieldNames }, ctx)
    },

    async all<R>(path: string, ctx: CallContext, fields?: string) {
      const records: R[] = []
      for (let page = 1; ; page++) {
        const query = { pageSize: VENDOR_MAX_PAGE_SIZE, page, fields }
        const response = await send({ method: 'GET', path, query }, ctx)
        const batch = bareRecords<R>(response.body, 'connectwise', path)
        records.push(...batch)
        if (batch.length === 0 || !moreAfter(response.headers, batch.length, VENDOR_MAX_PAGE_SIZE))
          return records
      }
    },

    async first<R>(path: string, conditions: string, ctx: CallContext, what = path) {
      const query = { conditions, orderBy: 'id asc', pageSize: 1 }
      const response = await send({ method: 'GET', path, query }, ctx)
      return bareRecords<R>(response.body, 'connectwise', what)[0]
    },
  }
}
