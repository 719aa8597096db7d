/** Reading a callback body nobody vouches for: only plain fields of the expected types are taken. */

export const fieldOf = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined

/** A positive integer id, as a number or digits; undefined otherwise. */
export function recordIdOf(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  return /^[1-9]\d{0,15}$/.test(text) ? text : undefined
}
