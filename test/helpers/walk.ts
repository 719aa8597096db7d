import type { App } from '../../app/build-app.js'
import { json } from './gateway.js'

export interface Page<T> {
  data: T[]
  nextCursor: string | null
}

/** Follows nextCursor from the first page to the last; returns every record and the number of pages. */
export async function walkList<T = { id: string }>(
  app: App,
  path: string,
  query: Record<string, string> = {},
) {
  const records: T[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })
    const response = await app.inject({ method: 'GET', url: `${path}?${params}` })
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body}`)
    const page: Page<T> = json<Page<T>>(response)
    records.push(...page.data)
    cursor = page.nextCursor
    pages += 1
    if (pages > 10_000) throw new Error('the walk does not end')
  } while (cursor)
  return { records, pages }
}
