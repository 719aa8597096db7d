import { Type, type Static } from '@sinclair/typebox'

/**
 * Fills a canonical page from vendor pages whose size the vendor fixes (or caps below the request).
 * A list may be the union of several disjoint vendor queries (one per status, say); they are walked
 * one after another. The position remembers the query, the vendor page and how many of that page's
 * records were already returned, so consecutive pages return every record exactly once.
 */
export const PagePosition = Type.Object(
  {
    query: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    skip: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)
export type PagePosition = Static<typeof PagePosition>

export interface VendorPage<R> {
  records: R[]
  isLast: boolean
}

export interface FillPageOptions<R> {
  pageSize: number
  from: PagePosition | null
  queryCount?: number
  fetchPage: (query: number, page: number) => Promise<VendorPage<R>>
}

export interface FilledPage<R> {
  records: R[]
  next: PagePosition | null
}

export async function fillPage<R>({
  pageSize,
  from,
  queryCount = 1,
  fetchPage,
}: FillPageOptions<R>): Promise<FilledPage<R>> {
  const records: R[] = []
  let position: PagePosition = from ?? { query: 0, page: 1, skip: 0 }
  while (position.query < queryCount) {
    const vendorPage = await fetchPage(position.query, position.page)
    const wanted = pageSize - records.length
    const taken = vendorPage.records.slice(position.skip, position.skip + wanted)
    records.push(...taken)
    const consumed = position.skip + taken.length
    const pageDone = consumed >= vendorPage.records.length
    if (!pageDone) return { records, next: { ...position, skip: consumed } }
    // An empty page is the end of that query whatever the vendor says, so a wrong total cannot loop forever.
    const queryDone = vendorPage.isLast || vendorPage.records.length === 0
    position = queryDone
      ? { query: position.query + 1, page: 1, skip: 0 }
      : { ...position, page: position.page + 1, skip: 0 }
    if (records.length >= pageSize) break
  }
  return { records, next: position.query < queryCount ? position : null }
}
