import { vendorUnavailable } from '../../src/errors.js'
import { fillPage, pagePositionOf } from '../../src/paging/fill-page.js'
import type { CallContext, ListRequest, ListResult } from '../types.js'

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
}: NumberedPagesOptions<R>): Promise<ListResult<R>> {
  const { records, next } = await fillPage<R>({
    pageSize: request.pageSize,
    from: pagePositionOf(request.position),
    vendorPageSize: size,
    expectCalls: (calls) => ctx.admission?.expect(calls),
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
