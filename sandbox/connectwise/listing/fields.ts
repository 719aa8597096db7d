import { ReplyError } from '../../shared/reply.js'
import { resolveField, valueAt, type FieldSchema, type JsonObject } from '../field-schema.js'
import { invalidArgument } from '../vendor-errors.js'

/**
 * `fields=id,summary,board/name`: the resolved paths. Naming a field the resource does not have answers 400
 * (our choice; the vendor's documentation is silent), so a misspelt field cannot go unnoticed.
 */
export function parseFields(text: string, schema: FieldSchema): string[][] {
  return text
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '')
    .map((field) => {
      const resolved = resolveField(schema, field.split('/'))
      if (!resolved) throw new ReplyError(invalidArgument(`Unknown field '${field}' in fields.`))
      return resolved.path
    })
}

/** Only the named fields; a nested object keeps only its named sub-fields, or all of them if named whole. */
export function project(record: JsonObject, paths: readonly string[][]): JsonObject {
  const projected: JsonObject = {}
  for (const path of paths) {
    const value = valueAt(record, path)
    if (value === undefined) continue
    let target = projected
    for (const key of path.slice(0, -1)) {
      const next = target[key]
      if (typeof next !== 'object' || next === null) target[key] = {}
      target = target[key] as JsonObject
    }
    target[path[path.length - 1] as string] = structuredClone(value)
  }
  return projected
}
