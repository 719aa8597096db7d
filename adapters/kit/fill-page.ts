import { Type, type Static } from '@sinclair/typebox'
import { invalidCursor } from '../../src/errors.js'
import { readPosition } from '../../src/paging/cursor.js'

/**
 * Fills a canonical page from vendor pages whose size the vendor fixes (or caps below the request).
 * A list may be the union of several disjoint vendor queries (one per status, say); they are walked
 * one after another. The position remembers the query, the vendor page and how many of that page's
 * records were already returned, so consecutive pages return every record exactly once.
 */
export const PagePosition = Type.Object(
  {
    query: Type.Integer({ minimum: 0, maximum: 1_000 }),
    /** What the query was (a status name, say), so a cursor cannot silently resume another query. */
    key: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    skip: Type.Integer({ minimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false },
)
export type PagePosition = Static<typeof PagePosition>

/** The position a cursor carried (null on page one), checked to be a PagePosition. */
export const pagePositionOf = (position: unknown): PagePosition | null =>
  position === null ? null : readPosition(PagePosition, position)

export interface VendorPage<R> {
  records: R[]
  isLast: boolean
}

export interface FillPageOptions<R> {
  pageSize: number
  from: PagePosition | null
  /** One key per vendor query, in walking order; a single unnamed query when absent. */
  queryKeys?: readonly string[]
  fetchPage: (query: number, page: number) => Promise<VendorPage<R>>
  /** The vendor's page size when known before asking (a fixed size, or one seen earlier). */
  vendorPageSize?: number
  /**
   * Told how many vendor calls the page needs, so that the request can reserve their turns at the rate limit
   * together (src/vendor-http/admission.ts): before the first call when the vendor's page size is known, else
   * after the first page shows it.
   */
  expectCalls?: (calls: number) => void
}

export interface FilledPage<R> {
  records: R[]
  next: PagePosition | null
}

export async function fillPage<R>({
  pageSize,
  from,
  queryKeys,
  fetchPage,
  vendorPageSize,
  expectCalls,
}: FillPageOptions<R>): Promise<FilledPage<R>> {
  const queryCount = queryKeys?.length ?? 1
  const at = (query: number, page: number, skip: number): PagePosition =>
    queryKeys?.[query] === undefined ? { query, page, skip } : { query, key: queryKeys[query], page, skip }
  if (from && (from.query >= queryCount || from.key !== queryKeys?.[from.query])) {
    throw invalidCursor(
      'the list this cursor walks has changed at the vendor; start again from the first page',
    )
  }
  const records: R[] = []
  const start = from ?? at(0, 1, 0)
  let position: PagePosition = start
  if (expectCalls && vendorPageSize) expectCalls(Math.ceil((start.skip + pageSize) / vendorPageSize))
  while (position.query < queryCount) {
    const vendorPage = await fetchPage(position.query, position.page)
    const wanted = pageSize - records.length
    if (expectCalls && !vendorPageSize && position === start) {
      const stillWanted = wanted - (vendorPage.records.length - position.skip)
      if (stillWanted > 0 && vendorPage.records.length > 0 && !vendorPage.isLast)
        expectCalls(Math.ceil(stillWanted / vendorPage.records.length))
    }
    const taken = vendorPage.records.slice(position.skip, position.skip + wanted)
    records.push(...taken)
    const consumed = position.skip + taken.length
    if (consumed < vendorPage.records.length)
      return { records, next: at(position.query, position.page, consumed) }
    // An empty page is the end of that query whatever the vendor says, so a wrong total cannot loop forever.
    const queryDone = vendorPage.isLast || vendorPage.records.length === 0
    position = queryDone ? at(position.query + 1, 1, 0) : at(position.query, position.page + 1, 0)
    if (records.length >= pageSize) break
  }
  return { records, next: position.query < queryCount ? position : null }
}
