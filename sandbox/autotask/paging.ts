import { EntityError, type Row } from './entities/entity.js'
import { MAX_RECORDS } from './query/query-model.js'

/**
 * Where a page starts, as `nextPageUrl`'s `paging` parameter carries it:
 * `{"pageSize":500,"previousIds":[…],"nextIds":[…]}` (PSMOD Get-AutotaskAPIResource.ps1's comment on the next
 * page's URL). The cursor is keyed on ids, so it never goes stale (facts §3): `nextIds[0]` is the last id before
 * the page, `previousIds` where the earlier pages started, the latest 50 only (N8N "Supports tracking up to 50
 * pages"; unverified, facts §3).
 */
export interface PagingToken {
  pageSize: number
  previousIds: number[]
  nextIds: number[]
}

const TRACKED_PAGES = 50

/** Before every id: -1, since Autotask's ids start at 0 (the account's own company is company 0). */
const BEFORE_ALL = -1

export function firstPageToken(pageSize: number): PagingToken {
  return { pageSize, previousIds: [], nextIds: [BEFORE_ALL] }
}

/**
 * A token from a URL; one we did not make is refused (unsourced text and status: chosen), and so is a page larger
 * than a query may ask for (MaxRecords 1..500, HELP REST_Advanced_Query_Features.htm; facts §3).
 */
export function readPagingToken(text: string | null): PagingToken {
  const refuse = () => new EntityError(500, ['The paging parameter is not valid.'])
  if (text === null) throw refuse()
  let token: unknown
  try {
    token = JSON.parse(text)
  } catch {
    throw refuse()
  }
  const { pageSize, previousIds, nextIds } = (token ?? {}) as Partial<PagingToken>
  const ids = (list: unknown): list is number[] =>
    Array.isArray(list) && list.every((id) => Number.isInteger(id) && id >= BEFORE_ALL)
  if (
    !Number.isInteger(pageSize) ||
    (pageSize as number) < 1 ||
    (pageSize as number) > MAX_RECORDS ||
    !ids(previousIds) ||
    !ids(nextIds) ||
    nextIds.length !== 1
  )
    throw refuse()
  return { pageSize: pageSize as number, previousIds, nextIds }
}

export interface Page {
  rows: Row[]
  next: PagingToken | null
  previous: PagingToken | null
}

/** The page of `matching` (ascending by id, facts §2 "Count and ordering") that the token points at. */
export function pageAt(matching: readonly Row[], token: PagingToken): Page {
  const after = token.nextIds[0] as number
  const start = matching.findIndex((row) => row.id > after)
  const rows = start < 0 ? [] : matching.slice(start, start + token.pageSize)
  const last = rows.at(-1)
  const hasMore = start >= 0 && start + token.pageSize < matching.length
  const earlier = token.previousIds.at(-1)
  return {
    rows,
    next:
      hasMore && last
        ? {
            pageSize: token.pageSize,
            previousIds: [...token.previousIds, after].slice(-TRACKED_PAGES),
            nextIds: [last.id],
          }
        : null,
    previous:
      earlier === undefined
        ? null
        : { pageSize: token.pageSize, previousIds: token.previousIds.slice(0, -1), nextIds: [earlier] },
  }
}

/**
 * `pageDetails` exactly as Autotask answers it (APIGRATE README live sample; URLs null, not absent). The URLs are
 * absolute on the zone host and carry `paging` and `search` (PSMOD's comment on the next page's URL, facts §3).
 * After a POST they name `query/next`, followed by POST (WYRE-AI/autotask-mcp PR #170); after a `GET ?search=`
 * they are followed by GET (PSMOD does), so they name `query` itself (unsourced: chosen because `query/next`
 * refuses a GET, PR #170, and IIS's 404 for an overlong GET URL, KelvinTegelaar/AutotaskAPI#66, shows the GET
 * reaching a route).
 */
export function pageDetails(page: Page, requestCount: number, nextUrl: (token: PagingToken) => string) {
  return {
    count: page.rows.length,
    requestCount,
    prevPageUrl: page.previous ? nextUrl(page.previous) : null,
    nextPageUrl: page.next ? nextUrl(page.next) : null,
  }
}

/** Where a page is read: `query/next` for a POST query's pages, `query` for a GET query's (see pageDetails). */
export type PageRoute = 'query' | 'query/next'

/** The absolute URL of the page `token` names, of the query `search` on `entityName`. */
export function pageUrl(
  baseUrl: string,
  entityName: string,
  route: PageRoute,
  search: string,
): (token: PagingToken) => string {
  return (token) =>
    `${baseUrl}/${entityName}/${route}?paging=${encodeURIComponent(JSON.stringify(token))}` +
    `&search=${encodeURIComponent(search)}`
}
