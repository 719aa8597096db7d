/** Reading a callback body nobody vouches for: only plain fields of the expected types are taken. */

export const fieldOf = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined

/**
 * A record id, as a number or digits, at least `lowest` (1, or 0 where a vendor's ids start at 0); undefined
 * otherwise.
 */
export function recordIdOf(value: unknown, lowest: 0 | 1 = 1): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  const id = lowest === 0 ? /^(0|[1-9]\d{0,15})$/ : /^[1-9]\d{0,15}$/
  return id.test(text) ? text : undefined
}
