import type { FieldError } from '../vendor-errors.js'

/** Adds `"<Label> ID 999 does not exist"` for a given id that names no record. */
export function checkReference(
  errors: FieldError[],
  field: string,
  label: string,
  id: number | null | undefined,
  exists: (id: number) => boolean,
): void {
  if (id !== null && id !== undefined && !exists(id))
    errors.push({ field, message: `${label} ID ${id} does not exist` })
}

/** Halo's "none" for an optional link is 0 or null. */
export function optionalLink(id: number | null | undefined): number | null | undefined {
  return id === 0 ? null : id
}

export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === ''
}
