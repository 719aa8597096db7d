/** The scopes a Halo API application can hold (vendors.md). */
export const KNOWN_SCOPES = [
  'all',
  'read:tickets',
  'edit:tickets',
  'read:customers',
  'edit:customers',
  'read:assets',
  'edit:assets',
] as const

export type ScopeArea = 'tickets' | 'customers' | 'assets'

/**
 * `all` allows everything; otherwise GET needs `read:<area>` and writes need `edit:<area>`. Our choice: an edit
 * scope does not imply the read scope, so a client must ask for both to read back what it writes.
 */
export function scopeAllows(granted: readonly string[], area: ScopeArea, method: string): boolean {
  const needed = `${method === 'GET' ? 'read' : 'edit'}:${area}`
  return granted.includes('all') || granted.includes(needed)
}

/**
 * The scopes a token request gets: the space-separated `scope` asked for, or when none is asked for, `all` if
 * the client holds it and otherwise everything the client holds. Undefined when a scope is unknown or beyond
 * the client's grant (`invalid_scope`).
 */
export function grantScopes(
  requested: string | undefined,
  clientScopes: readonly string[],
): string[] | undefined {
  const asked = (requested ?? '').split(' ').filter((scope) => scope !== '')
  if (asked.length === 0) return clientScopes.includes('all') ? ['all'] : [...clientScopes]
  const unique = [...new Set(asked)]
  const permitted = (scope: string) =>
    (KNOWN_SCOPES as readonly string[]).includes(scope) &&
    (clientScopes.includes('all') || clientScopes.includes(scope))
  return unique.every(permitted) ? unique : undefined
}
