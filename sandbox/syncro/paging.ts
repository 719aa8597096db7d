import { slicePositions, type Positions } from '../shared/id-table.js'

export interface PageMeta {
  total_entries: number
  total_pages: number
  page: number
  per_page: number
}

/** A page past the end is empty but carries the same meta; `descending` counts from the last item. */
export function paginate<T>(
  items: Positions<T>,
  page: number,
  perPage: number,
  descending = false,
): { records: T[]; meta: PageMeta } {
  const start = (page - 1) * perPage
  return {
    records: slicePositions(items, start, start + perPage, descending),
    meta: {
      total_entries: items.length,
      total_pages: Math.ceil(items.length / perPage),
      page,
      per_page: perPage,
    },
  }
}
