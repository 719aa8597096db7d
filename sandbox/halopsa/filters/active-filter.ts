import { queryBoolean } from '../query-params.js'

/** `includeactive` (default true) and `includeinactive` (default false), as /Client and /Asset take them. */
export function activeFilter(query: URLSearchParams): (record: { inactive: boolean }) => boolean {
  const active = queryBoolean(query, 'includeactive') ?? true
  const inactive = queryBoolean(query, 'includeinactive') ?? false
  return (record) => (record.inactive ? inactive : active)
}
