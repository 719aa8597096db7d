/** A path id; NaN (finds nothing, so the route answers 404) when it is not a positive integer. */
export function recordId(text: string | undefined): number {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN
}
