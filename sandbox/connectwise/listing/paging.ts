import { ReplyError } from '../../shared/reply.js'
import type { JsonObject } from '../field-schema.js'
import type { ConnectWiseRequest, PageSizes } from '../http-types.js'
import { invalidArgument } from '../vendor-errors.js'
import { linkHeader, type Link } from './links.js'
import type { Matches } from './matches.js'
import { integerParam, otherParams } from './query-params.js'

export type Paging =
  | { mode: 'pages'; page: number; pageSize: number }
  /** Keyset paging: records with an id above `afterId`, in id order. */
  | { mode: 'forward-only'; afterId: number; pageSize: number }

export interface Page {
  records: JsonObject[]
  link?: string
}

/**
 * `page` (1-based) and `pageSize` (capped at the maximum); 0, negative or non-integer values answer 400 rather
 * than being guessed at. The `pagination-type: forward-only` header switches to keyset paging by `pageId`,
 * which ignores `page`; together with `orderBy` it answers 400 (our choice: keyset pages only follow id order).
 */
export function readPaging(request: ConnectWiseRequest, pageSizes: PageSizes, ordered: boolean): Paging {
  const requested = integerParam(request.query, 'pageSize', 1) ?? pageSizes.default
  const pageSize = Math.min(requested, pageSizes.max)
  if (request.headers['pagination-type']?.toString().trim().toLowerCase() !== 'forward-only')
    return { mode: 'pages', page: integerParam(request.query, 'page', 1) ?? 1, pageSize }
  if (ordered) throw new ReplyError(invalidArgument('orderBy cannot be used with forward-only pagination.'))
  return { mode: 'forward-only', afterId: integerParam(request.query, 'pageId', 0) ?? 0, pageSize }
}

/**
 * One page of the matches, with its `Link` header. Under forward-only paging the matches are those above `pageId`,
 * in id order.
 */
export function takePage(request: ConnectWiseRequest, matches: Matches, paging: Paging): Page {
  return paging.mode === 'pages'
    ? numberedPage(request, matches, paging)
    : forwardPage(request, matches, paging)
}

function numberedPage(
  request: ConnectWiseRequest,
  matches: Matches,
  { page, pageSize }: { page: number; pageSize: number },
): Page {
  const lastPage = Math.max(1, Math.ceil(matches.count() / pageSize))
  const links: Link[] = []
  if (page > 1)
    links.push(
      { rel: 'first', params: { page: 1 } },
      { rel: 'prev', params: { page: Math.min(page - 1, lastPage) } },
    )
  if (page < lastPage) links.push({ rel: 'next', params: { page: page + 1 } })
  links.push({ rel: 'last', params: { page: lastPage } })
  const start = (page - 1) * pageSize
  return {
    records: matches.slice(start, start + pageSize),
    link: linkHeader(request.url, otherParams(request.query, ['page']), links),
  }
}

/** A `next` link only while records beyond this page exist (records inserted meanwhile included). */
function forwardPage(
  request: ConnectWiseRequest,
  matches: Matches,
  { pageSize }: { pageSize: number },
): Page {
  const following = matches.slice(0, pageSize + 1)
  const page = following.slice(0, pageSize)
  const last = page[page.length - 1]
  if (!last || following.length <= pageSize) return { records: page }
  const kept = otherParams(request.query, ['page', 'pageId', 'pageSize'])
  return {
    records: page,
    link: linkHeader(request.url, kept, [{ rel: 'next', params: { pageId: Number(last.id), pageSize } }]),
  }
}
