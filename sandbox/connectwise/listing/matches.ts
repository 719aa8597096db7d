import { slicePositions, type IdOrder, type Positions } from '../../shared/id-table.js'
import type { JsonObject } from '../field-schema.js'
import type { ListFilter } from './filters.js'
import { idDirection, sortRecords, type SortKey } from './order-by.js'

/** Where a list's records come from: a table (or a ticket's notes) in id order, and each record's answer JSON. */
export interface ListSource<R> {
  records: IdOrder<R>
  view: (record: R) => JsonObject
}

/** The records a list answers, in its order, each rendered only when something asks for it. */
export interface Matches {
  count(): number
  /** The answers from position `start` up to `end` (excluded). */
  slice(start: number, end: number): JsonObject[]
}

/**
 * The records in the filter's id range that pass its test, in `order`. In id order (either way) the range is read
 * from the source's id order: without a test it counts without rendering and a page renders its own records only;
 * with one, records are rendered and tested in order until the page is full (every one for a count). Any other
 * order renders and tests the whole range, then sorts it.
 */
export function findMatches<R>(
  { records, view }: ListSource<R>,
  { range, test }: ListFilter,
  order: readonly SortKey[],
): Matches {
  const first = records.rankOf(range.min)
  const size = Math.max(0, records.rankOf(range.max + 1) - first)
  const direction = idDirection(order)
  const descending = direction === 'descending'
  const inRange: Positions<R> = { length: size, at: (index) => records.atRank(first + index) }
  if (direction !== undefined && !test) {
    return {
      count: () => size,
      slice: (start, end) => slicePositions(inRange, start, end, descending).map(view),
    }
  }
  function* passing(): Generator<JsonObject> {
    for (let index = 0; index < size; index++) {
      const answer = view(inRange.at(descending ? size - 1 - index : index) as R)
      if (!test || test(answer)) yield answer
    }
  }
  if (direction === undefined) {
    const sorted = sortRecords([...passing()], order)
    return { count: () => sorted.length, slice: (start, end) => sorted.slice(start, end) }
  }
  return lazily(passing())
}

/** Matches drawn from `answers` only as far as a slice or the count needs. */
function lazily(answers: Iterator<JsonObject>): Matches {
  const found: JsonObject[] = []
  let exhausted = false
  const fill = (wanted: number) => {
    while (!exhausted && found.length < wanted) {
      const next = answers.next()
      if (next.done) exhausted = true
      else found.push(next.value)
    }
  }
  return {
    count: () => {
      fill(Infinity)
      return found.length
    },
    slice: (start, end) => {
      fill(end)
      return found.slice(start, end)
    },
  }
}
