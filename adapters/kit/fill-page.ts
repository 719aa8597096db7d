import { randomUUID } from 'node:crypto'
import { Type, type Static } from '@sinclair/typebox'
import { invalidCursor } from '../../src/errors.js'
import { readPosition } from '../../src/paging/cursor.js'
import type { PageRemainders } from '../../src/state/page-remainders/page-remainders.js'

/**
 * Fills a canonical page from vendor pages whose size the vendor fixes (or caps below the request).
 * A list may be the union of several disjoint vendor queries (one per status, say); they are walked
 * one after another. The position remembers the query, the vendor page and how many of that page's
 * records were already returned, so consecutive pages return every record exactly once. When a page ends inside
 * a vendor page, the records it did not return wait on a shelf under a token the position carries, so the next
 * page starts from them instead of fetching that vendor page again; a walk then costs one call per vendor page.
 */
export const PagePosition = Type.Object(
  {
    query: Type.Integer({ minimum: 0, maximum: 1_000 }),
    /** What the query was (a status name, say), so a cursor cannot silently resume another query. */
    key: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    skip: Type.Integer({ minimum: 0, maximum: 100_000 }),
    /** The shelf token of the vendor page's records from `skip` on. */
    carry: Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$' })),
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

/** Where a split vendor page's unreturned records wait for the next page: one connection's PageRemainders. */
export interface RemainderShelf {
  put(token: string, remainder: string): Promise<void>
  get(token: string): Promise<string | undefined>
}

export const remainderShelf = (remainders: PageRemainders, connection: string): RemainderShelf => ({
  put: (token, remainder) => remainders.put(connection, token, remainder),
  get: (token) => remainders.get(connection, token),
})

/** A vendor page's records from index `first` on, as fetched (or as the shelf kept them). */
interface PagePart<R> extends VendorPage<R> {
  first: number
}

interface ShelvedPart<R> extends PagePart<R> {
  query: number
  page: number
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
  /** Without one, a page that ends inside a vendor page has the next page fetch that vendor page again. */
  shelf?: RemainderShelf
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
  shelf,
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
  const start = from ? at(from.query, from.page, from.skip) : at(0, 1, 0)
  let shelved = from?.carry && shelf ? await takeShelved<R>(shelf, from.carry, start) : undefined
  if (expectCalls && vendorPageSize) {
    const fromVendor = shelved ? pageSize - shelved.records.length : start.skip + pageSize
    if (fromVendor > 0) expectCalls(Math.ceil(fromVendor / vendorPageSize))
  }
  let position: PagePosition = start
  while (position.query < queryCount) {
    const part: PagePart<R> = shelved ?? { ...(await fetchPage(position.query, position.page)), first: 0 }
    shelved = undefined
    const wanted = pageSize - records.length
    if (expectCalls && !vendorPageSize && position === start && part.first === 0) {
      const stillWanted = wanted - (part.records.length - position.skip)
      if (stillWanted > 0 && part.records.length > 0 && !part.isLast)
        expectCalls(Math.ceil(stillWanted / part.records.length))
    }
    const offset = position.skip - part.first
    const taken = part.records.slice(offset, offset + wanted)
    records.push(...taken)
    const consumed = position.skip + taken.length
    if (consumed < part.first + part.records.length) {
      const next = at(position.query, position.page, consumed)
      const rest = part.records.slice(consumed - part.first)
      const carry = shelf
        ? await shelve(shelf, { ...next, first: consumed, isLast: part.isLast, records: rest })
        : undefined
      return { records, next: carry ? { ...next, carry } : next }
    }
    // An empty page is the end of that query whatever the vendor says, so a wrong total cannot loop forever.
    const queryDone = part.isLast || part.first + part.records.length === 0
    position = queryDone ? at(position.query + 1, 1, 0) : at(position.query, position.page + 1, 0)
    if (records.length >= pageSize) break
  }
  return { records, next: position.query < queryCount ? position : null }
}

async function shelve<R>(shelf: RemainderShelf, part: ShelvedPart<R>): Promise<string> {
  const token = randomUUID()
  await shelf.put(
    token,
    JSON.stringify({
      query: part.query,
      page: part.page,
      first: part.first,
      isLast: part.isLast,
      records: part.records,
    }),
  )
  return token
}

/** The shelved part a position names, if it is still there and is the part that position starts at. */
async function takeShelved<R>(
  shelf: RemainderShelf,
  token: string,
  position: PagePosition,
): Promise<PagePart<R> | undefined> {
  const text = await shelf.get(token)
  if (text === undefined) return undefined
  const part = JSON.parse(text) as ShelvedPart<R>
  const same = part.query === position.query && part.page === position.page && part.first === position.skip
  return same && part.records.length > 0
    ? { records: part.records, isLast: part.isLast, first: part.first }
    : undefined
}
