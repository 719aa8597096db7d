import { matchingById, slicePositions, type IdOrder } from '../shared/id-table.js'
import type { HaloReply } from './http-types.js'
import { invalidValue, queryBoolean, queryInteger, queryText } from './query-params.js'

const DEFAULT_PAGE_SIZE = 50
// The spec states this maximum for /Tickets; the emulator applies it to every paged list. A larger page_size
// is cut to it silently, so a client that assumes its own page size skips records: it must count to record_count.
const MAX_PAGE_SIZE = 100

export interface ListShape {
  /** The envelope's plural key: `tickets`, `clients`, `assets`, `actions`. */
  key: string
  /** The order without `order=`; `orderdesc` alone flips it. */
  defaultOrder: { field: string; descending: boolean }
  /** Whether `pageinate` applies (the spec gives /Actions only `count`). */
  pageable: boolean
}

type View = { id: unknown } & Record<string, unknown>

/** A list's records: all of them in id order, the filters' test (none: every record matches, untested), and the answer. */
export interface ListSource<R> {
  records: IdOrder<R>
  matches: ((record: R) => boolean) | undefined
  view: (record: R) => View
}

/**
 * `{"record_count": N, "<key>": [...]}`. Without `pageinate=true` the list holds every matching record, or the
 * first `count`; with it, `page_size` and `page_no` (1-based) pick a page and `count` is ignored. `record_count`
 * is always the number of matching records. `order` names any field of the answer; an unknown one is ignored,
 * as Halo ignores it. Values compare case-insensitively with nulls first (SQL Server's order); ties by id.
 * Ordered by id (either way), only the records answered are rendered; any other order renders every match.
 */
export function listReply<R>(source: ListSource<R>, query: URLSearchParams, shape: ListShape): HaloReply {
  const matching = matchingById(source.records, source.matches)
  const firstView = () => {
    const first = matching.at(0)
    return first === undefined ? undefined : source.view(first)
  }
  const { field, descending } = readOrder(query, shape, firstView)
  const { start, end } = readWindow(query, shape)
  const records =
    field === 'id'
      ? slicePositions(matching, start, end, descending).map(source.view)
      : slicePositions(matching, 0, Infinity)
          .map(source.view)
          .sort(comparator(field, descending))
          .slice(start, end)
  return { status: 200, body: { record_count: matching.length, [shape.key]: records } }
}

function readOrder(query: URLSearchParams, shape: ListShape, firstView: () => View | undefined) {
  const asked = queryText(query, 'order')?.trim().toLowerCase()
  const known = asked === undefined ? undefined : Object.keys(firstView() ?? {}).find((key) => key === asked)
  return {
    field: known ?? shape.defaultOrder.field,
    descending: queryBoolean(query, 'orderdesc') ?? (known ? false : shape.defaultOrder.descending),
  }
}

/** The positions answered, from `start` up to `end` (excluded). */
function readWindow(query: URLSearchParams, shape: ListShape): { start: number; end: number } {
  if (shape.pageable && queryBoolean(query, 'pageinate') === true) {
    const pageSize = Math.min(positive(query, 'page_size') ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    const pageNo = positive(query, 'page_no') ?? 1
    return { start: (pageNo - 1) * pageSize, end: pageNo * pageSize }
  }
  return { start: 0, end: positive(query, 'count') ?? Infinity }
}

function comparator(field: string, descending: boolean) {
  return (a: View, b: View) =>
    (descending ? -1 : 1) * compareValues(a[field], b[field]) || compareValues(a.id, b.id)
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  const left = String(a).toLowerCase()
  const right = String(b).toLowerCase()
  return left < right ? -1 : left > right ? 1 : 0
}

function positive(query: URLSearchParams, name: string): number | undefined {
  const value = queryInteger(query, name)
  if (value !== undefined && value < 1) throw invalidValue(name, String(value))
  return value
}
