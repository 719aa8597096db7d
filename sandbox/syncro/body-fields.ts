import { parseVendorDate } from './dates.js'

// Body values cast the way Rails casts JSON params into model attributes.

export function hasField(body: Record<string, unknown>, name: string): boolean {
  return Object.hasOwn(body, name)
}

/** Strings as sent; numbers and booleans as text; null, objects and arrays as null. */
export function castText(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

// Close to what the vendor's email validation accepts: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim())
}

export function isBlank(value: string | null): boolean {
  return value === null || value.trim() === ''
}

/** An id from a JSON integer or digit string; null when null or blank; NaN (matches no record) otherwise. */
export function castId(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value)
  return Number.NaN
}

/** A date or date-time; like Rails, a value that does not parse is stored as null. */
export function castTimestamp(value: unknown): string | null {
  const text = castText(value)
  const ms = text === null ? undefined : parseVendorDate(text)
  return ms === undefined ? null : new Date(ms).toISOString()
}

export function castObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

export function castStringList(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.map(castText).filter((item): item is string => item !== null && item.trim() !== '')
}

// ActiveModel::Type::Boolean: these are false, blank is nil, anything else is true.
const FALSE_VALUES = new Set<unknown>([false, 0, '0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF'])

export function castBoolean(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return null
  return !FALSE_VALUES.has(value)
}
