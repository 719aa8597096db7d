import { dataOrThrow, type GatewayResult } from './problem.js'

/** A page of a gateway list: its records, and the cursor of the next page (null on the last). */
export interface Page<Item> {
  data: Item[]
  nextCursor: string | null
}

/**
 * Every record of a list, page after page by `nextCursor` until the last; a failed page throws a
 * GatewayRequestError. `page` fetches the page at a cursor (none for the first), with the filters and page size
 * the caller wants:
 *
 *   for await (const ticket of listAll((cursor) =>
 *     client.GET('/v1/connections/{connection}/tickets', { params: { path: { connection }, query: { cursor } } }),
 *   )) ...
 */
export async function* listAll<Item>(
  page: (cursor: string | undefined) => Promise<GatewayResult<Page<Item>>>,
): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined
  do {
    const { data, nextCursor } = dataOrThrow(await page(cursor))
    yield* data
    cursor = nextCursor ?? undefined
  } while (cursor !== undefined)
}
