import { ReplyError } from '../../shared/reply.js'
import { compareText } from '../collation.js'
import {
  isValueType,
  resolveField,
  valueAt,
  type FieldSchema,
  type JsonObject,
  type ValueType,
} from '../field-schema.js'
import { invalidArgument } from '../vendor-errors.js'

export interface SortKey {
  path: string[]
  type: ValueType
  descending: boolean
}

const CLAUSE = /^(\S+)(?:\s+(asc|desc))?$/i

/** `orderBy=summary desc, id asc`: fields as `conditions` names them; direction defaults to ascending. */
export function parseOrderBy(text: string, schema: FieldSchema): SortKey[] {
  return text.split(',').map((clause) => {
    const match = CLAUSE.exec(clause.trim())
    if (!match)
      throw new ReplyError(invalidArgument(`orderBy clause '${clause.trim()}' is not 'field asc|desc'.`))
    const [, field = '', direction = 'asc'] = match
    const resolved = resolveField(schema, field.split('/'))
    if (!resolved || !isValueType(resolved.type))
      throw new ReplyError(invalidArgument(`Cannot order by unknown field '${field}'.`))
    return { path: resolved.path, type: resolved.type, descending: direction.toLowerCase() === 'desc' }
  })
}

/** Whether the keys order by id, which the id order answers as it is (later keys never decide): which way. */
export function idDirection(keys: readonly SortKey[]): 'ascending' | 'descending' | undefined {
  const first = keys[0]
  if (first === undefined) return 'ascending'
  if (first.path.length !== 1 || first.path[0] !== 'id') return undefined
  return first.descending ? 'descending' : 'ascending'
}

/**
 * Sorted copy. Absent values sort first ascending and last descending, as SQL Server sorts NULL; ties keep id
 * order, so every page boundary is stable (the default order is id ascending).
 */
export function sortRecords(records: readonly JsonObject[], keys: readonly SortKey[]): JsonObject[] {
  return [...records].sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(key.type, valueAt(a, key.path), valueAt(b, key.path))
      if (order !== 0) return key.descending ? -order : order
    }
    return Number(a.id) - Number(b.id)
  })
}

function compareValues(type: ValueType, a: unknown, b: unknown): number {
  const aAbsent = a === undefined || a === null
  const bAbsent = b === undefined || b === null
  if (aAbsent || bAbsent) return aAbsent === bAbsent ? 0 : aAbsent ? -1 : 1
  if (type === 'string') return compareText(String(a), String(b))
  if (type === 'datetime') return Date.parse(String(a)) - Date.parse(String(b))
  return Number(a) - Number(b)
}
