import { Type, type Static } from '@sinclair/typebox'
import { readPosition } from '../../src/paging/cursor.js'
import { vendorUnavailable } from '../../src/errors.js'
import { fillPage, pagePositionOf, type RemainderShelf } from './fill-page.js'
import type { CallContext, ListRequest, ListResult } from '../types.js'

/** Paging styles shared by the vendors' APIs; vendor pages filled to the page asked: fill-page.ts. */

/** Where the next page of a keyset walk starts: after this id (stable under inserts and deletes). */
export const KeysetPosition = Type.Object(
  { afterId: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
)
export type KeysetPosition = Static<typeof KeysetPosition>

export interface KeysetBatch<R> {
  records: R[]
  /** Whether the vendor says more records follow this batch. */
  more: boolean
}

export interface KeysetPageOptions<R> {
  pageSize: number
  /** The position the cursor carried (null on page one), checked to be a KeysetPosition. */
  position: unknown
  /**
   * One vendor call: at most `wanted` records with an id above `afterId` (from the first when undefined), in id
   * order. The vendor's query is the caller's to build.
   */
  fetch: (afterId: number | undefined, wanted: number) => Promise<KeysetBatch<R>>
}

export interface KeysetPage<R> {
  records: R[]
  next: KeysetPosition | null
}

/**
 * Keyset paging: records after the last id seen, ordered by id, as many per call as the page still needs, until
 * the page is full or the vendor says no more follow (an empty batch ends the walk whatever it says), so the last
 * page costs no extra call when the vendor tells.
 */
export async function keysetPage<R extends { id: number }>({
  pageSize,
  position,
  fetch,
}: KeysetPageOptions<R>): Promise<KeysetPage<R>> {
  let last = position === null ? undefined : readPosition(KeysetPosition, position).afterId
  const records: R[] = []
  let more = true
  while (more && records.length < pageSize) {
    const batch = await fetch(last, pageSize - records.length)
    records.push(...batch.records)
    last = batch.records.at(-1)?.id ?? last
    more = batch.records.length > 0 && batch.more
  }
  return { records, next: more && last !== undefined ? { afterId: last } : null }
}

/** One numbered page as the vendor answered it, and how many records match in all where it says. */
export interface NumberedPage<R> {
  records: R[]
  total?: number
}

export interface NumberedPagesOptions<R> {
  /** For messages: the vendor's name. */
  vendor: string
  /** The page size asked of every page; undefined for a list that does not page (one answer holds it all). */
  size: number | undefined
  request: ListRequest
  ctx: CallContext
  /** Page `page` (from 1) of the list. */
  fetch: (page: number) => Promise<NumberedPage<R>>
  shelf?: RemainderShelf
}

/**
 * Page-number paging at a page size the adapter always asks for, so positions stay aligned between calls: the
 * last page is the one reaching the vendor's total, or (without a total) the first short one. A page cut shorter
 * than asked before the end would shift every later page: it is a 502, never a silent gap.
 */
export async function numberedPages<R>({
  vendor,
  size,
  request,
  ctx,
  fetch,
  shelf,
}: NumberedPagesOptions<R>): Promise<ListResult<R>> {
  const { records, next } = await fillPage<R>({
    pageSize: request.pageSize,
    from: pagePositionOf(request.position),
    vendorPageSize: size,
    expectCalls: (calls) => ctx.admission?.expect(calls),
    shelf,
    fetchPage: async (_query, page) => {
      const { records: found, total } = await fetch(page)
      if (size === undefined) return { records: found, isLast: true }
      const isLast = total === undefined ? found.length < size : page * size >= total
      if (!isLast && found.length < size)
        throw vendorUnavailable(502, `${vendor} answered ${found.length} records where ${size} were asked`)
      return { records: found, isLast }
    },
  })
  return { data: records, nextPosition: next }
}
