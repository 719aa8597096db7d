import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  fillPage,
  remainderShelf,
  type FilledPage,
  type PagePosition,
  type RemainderShelf,
  type VendorPage,
} from '../../adapters/kit/fill-page.js'
import { MemoryPageRemainders } from '../../src/state/page-remainders/page-remainders.js'

/** A vendor with fixed-size pages over `queries` disjoint result sets; counts its calls. */
function fixedPageVendor(queries: number[][], perPage: number) {
  const calls: Array<[number, number]> = []
  const fetchPage = async (query: number, page: number): Promise<VendorPage<number>> => {
    calls.push([query, page])
    const all = queries[query] ?? []
    const totalPages = Math.ceil(all.length / perPage)
    return { records: all.slice((page - 1) * perPage, page * perPage), isLast: page >= totalPages }
  }
  return { calls, fetchPage }
}

async function walk(queries: number[][], perPage: number, pageSize: number, shelf?: RemainderShelf) {
  const vendor = fixedPageVendor(queries, perPage)
  const seen: number[] = []
  let from: PagePosition | null = null
  let pages = 0
  do {
    const page: FilledPage<number> = await fillPage({
      pageSize,
      from,
      queryKeys: queries.map((_, index) => `query-${index}`),
      fetchPage: vendor.fetchPage,
      shelf,
    })
    seen.push(...page.records)
    from = page.next
    pages += 1
    expect(pages).toBeLessThan(1000)
  } while (from)
  return { seen, calls: vendor.calls, pages }
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i)

/** A property over up to 4 disjoint queries of 0 to 60 records, vendor pages of 1 to 30, pages of 1 to 70. */
const forAnyWalk = (check: (queries: number[][], perPage: number, pageSize: number) => Promise<void>) =>
  fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 70 }),
      async (querySizes, perPage, pageSize) => {
        let next = 0
        await check(
          querySizes.map((size) => range((next += size) - size, size)),
          perPage,
          pageSize,
        )
      },
    ),
    { numRuns: 200 },
  )

const newShelf = () => remainderShelf(new MemoryPageRemainders(), 'connection-1')

/** Vendor pages a walk must fetch at least: every page of every query, one for an empty query. */
const vendorPagesOf = (queries: number[][], perPage: number) =>
  queries.reduce((sum, records) => sum + Math.max(1, Math.ceil(records.length / perPage)), 0)

describe('fillPage', () => {
  it.each([
    [1, 25],
    [7, 25],
    [25, 25],
    [40, 25],
    [1000, 25],
    [10, 3],
  ])(
    'returns every record exactly once with pageSize %i over vendor pages of %i',
    async (pageSize, perPage) => {
      const records = range(1, 320)
      const { seen } = await walk([records], perPage, pageSize)
      expect(seen).toEqual(records)
    },
  )

  it('walks several queries one after the other', async () => {
    const queries = [range(1, 30), [], range(100, 7), range(200, 50)]
    const { seen } = await walk(queries, 25, 40)
    expect(seen).toEqual(queries.flat())
  })

  it('fills a page of 1000 with as few vendor calls as the vendor page size allows', async () => {
    const { calls } = await walk([range(1, 320)], 25, 1000)
    expect(calls).toHaveLength(Math.ceil(320 / 25))
  })

  it('fetches no page twice on a walk whose page size divides the vendor page size', async () => {
    const { calls } = await walk([range(1, 100)], 25, 25)
    expect(calls).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ])
  })

  it('remembers the offset inside a vendor page', async () => {
    const vendor = fixedPageVendor([range(1, 100)], 25)
    const first = await fillPage({ pageSize: 10, from: null, fetchPage: vendor.fetchPage })
    expect(first.records).toEqual(range(1, 10))
    expect(first.next).toEqual({ query: 0, page: 1, skip: 10 })
  })

  it('ends on an empty vendor page even when the vendor claims more', async () => {
    const page = await fillPage({
      pageSize: 50,
      from: null,
      fetchPage: async () => ({ records: [], isLast: false }),
    })
    expect(page).toEqual({ records: [], next: null })
  })

  it('returns every record exactly once for any sizes and any mix of queries (property)', async () => {
    await forAnyWalk(async (queries, perPage, pageSize) => {
      const { seen, calls, pages } = await walk(queries, perPage, pageSize)
      expect(seen).toEqual(queries.flat())
      // Each vendor page is fetched once, plus at most one re-fetch per canonical page that starts inside one.
      expect(calls.length).toBeLessThanOrEqual(vendorPagesOf(queries, perPage) + pages)
    })
  })

  it('refuses a position whose query is not the one it was taken on', async () => {
    const vendor = fixedPageVendor([range(1, 10), range(11, 10)], 5)
    const first = await fillPage({
      pageSize: 12,
      from: null,
      queryKeys: ['New', 'Scheduled'],
      fetchPage: vendor.fetchPage,
    })
    expect(first.next).toEqual({ query: 1, key: 'Scheduled', page: 1, skip: 2 })
    const resume = (queryKeys: string[]) =>
      fillPage({ pageSize: 5, from: first.next, queryKeys, fetchPage: vendor.fetchPage })
    await expect(resume(['New', 'Scheduled'])).resolves.toMatchObject({ records: range(13, 5) })
    await expect(resume(['New', 'Waiting', 'Scheduled'])).rejects.toMatchObject({ code: 'invalid_cursor' })
    await expect(resume(['New'])).rejects.toMatchObject({ code: 'invalid_cursor' })
  })
})

describe('fillPage with a shelf for the rest of a split vendor page', () => {
  it('fetches every vendor page once, whatever the page size (property)', async () => {
    await forAnyWalk(async (queries, perPage, pageSize) => {
      const { seen, calls } = await walk(queries, perPage, pageSize, newShelf())
      expect(seen).toEqual(queries.flat())
      expect(calls).toHaveLength(vendorPagesOf(queries, perPage))
    })
  })

  it('costs a walk at pageSize 40 over pages of 25 one call per vendor page (it took 1.5 as many)', async () => {
    const records = [range(1, 400)]
    expect((await walk(records, 25, 40)).calls).toHaveLength(24)
    expect((await walk(records, 25, 40, newShelf())).calls).toHaveLength(16)
  })

  it('fetches the vendor page again when the shelf no longer holds its rest', async () => {
    const forgetful: RemainderShelf = { put: async () => {}, get: async () => undefined }
    const records = [range(1, 100)]
    const { seen, calls } = await walk(records, 25, 40, forgetful)
    expect(seen).toEqual(records.flat())
    expect(calls).toEqual([
      [0, 1],
      [0, 2],
      [0, 2],
      [0, 3],
      [0, 4],
      [0, 4],
    ])
  })

  it("ignores a shelved rest that is not the one the position starts at (another page's token)", async () => {
    const vendor = fixedPageVendor([range(1, 100)], 25)
    const shelf = newShelf()
    const first = await fillPage({ pageSize: 10, from: null, fetchPage: vendor.fetchPage, shelf })
    const other = await fillPage({
      pageSize: 10,
      from: { query: 0, page: 3, skip: 0 },
      fetchPage: vendor.fetchPage,
      shelf,
    })
    const mixed = { ...first.next!, carry: other.next!.carry }
    const page = await fillPage({ pageSize: 10, from: mixed, fetchPage: vendor.fetchPage, shelf })
    expect(page.records).toEqual(range(11, 10))
  })

  it('tells the calls still needed after the shelved rest', async () => {
    const vendor = fixedPageVendor([range(1, 500)], 25)
    const shelf = newShelf()
    const first = await fillPage({ pageSize: 10, from: null, fetchPage: vendor.fetchPage, shelf })
    const expected: number[] = []
    await fillPage({
      pageSize: 100,
      from: first.next,
      fetchPage: vendor.fetchPage,
      vendorPageSize: 25,
      expectCalls: (calls) => expected.push(calls),
      shelf,
    })
    // 15 from the shelf, 85 from vendor pages 2 to 5.
    expect(expected).toEqual([4])
    expect(vendor.calls).toHaveLength(5)
  })
})

describe('fillPage tells how many vendor calls a page needs', () => {
  const records = [range(1, 500)]

  it('before the first call when the vendor page size is known, counting the offset inside a page', async () => {
    const vendor = fixedPageVendor(records, 25)
    const expected: number[] = []
    await fillPage({
      pageSize: 100,
      from: { query: 0, page: 2, skip: 10 },
      fetchPage: vendor.fetchPage,
      vendorPageSize: 25,
      expectCalls: (calls) => expected.push(calls),
    })
    expect(expected).toEqual([5])
    expect(vendor.calls).toHaveLength(5)
  })

  it('after the first page otherwise, for the calls still to come; nothing when one page is enough', async () => {
    for (const [pageSize, told] of [
      [100, [3]],
      [20, []],
    ] as const) {
      const vendor = fixedPageVendor(records, 25)
      const expected: number[] = []
      await fillPage({
        pageSize,
        from: null,
        fetchPage: vendor.fetchPage,
        expectCalls: (calls) => expected.push(calls),
      })
      expect(expected).toEqual(told)
      expect(vendor.calls).toHaveLength(1 + told.reduce((sum, calls) => sum + calls, 0))
    }
  })
})
