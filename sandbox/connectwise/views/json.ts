import type { JsonObject } from '../field-schema.js'

/** The vendor leaves null fields out of its JSON altogether; so do nested objects. Arrays stay as they are. */
export function withoutNulls<T extends JsonObject>(record: T): JsonObject {
  const kept: JsonObject = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue
    const isObject = typeof value === 'object' && !Array.isArray(value)
    kept[key] = isObject ? withoutNulls(value as JsonObject) : value
  }
  return kept
}
