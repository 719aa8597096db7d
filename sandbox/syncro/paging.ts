export interface PageMeta {
  total_entries: number
  total_pages: number
  page: number
  per_page: number
}

/** A page past the end is empty but carries the same meta. */
export function paginate<T>(
  items: readonly T[],
  page: number,
  perPage: number,
): { records: T[]; meta: PageMeta } {
  const start = (page - 1) * perPage
  return {
    records: items.slice(start, start + perPage),
    meta: {
      total_entries: items.length,
      total_pages: Math.ceil(items.length / perPage),
      page,
      per_page: perPage,
    },
  }
}
