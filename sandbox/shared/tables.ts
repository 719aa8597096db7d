import { IdTable } from './id-table.js'

// Id bookkeeping for the emulators' in-memory tables (Maps of records by id). How the next id is chosen (a
// counter set at start-up, or never below the table's current highest id) is each vendor's own rule.

/** A record's fields before the database gives it its id. */
export type Insertable<T> = Omit<T, 'id'>

/** Records by id, each a deep copy, so nothing the emulator changes reaches the data it was built from. */
export function byId<T extends { id: unknown }>(records: readonly T[]): Map<T['id'], T> {
  return new Map(records.map((record) => [record.id, structuredClone(record)]))
}

/** As `byId`, the ids also kept in order: for the tables lists page through by id. */
export function idTable<T extends { id: number }>(records: readonly T[]): IdTable<T> {
  return new IdTable(records.map((record) => structuredClone(record)))
}

/** One past the highest id (1 when there is none). */
export function nextIdAfter(ids: Iterable<number>): number {
  let max = 0
  for (const id of ids) max = Math.max(max, id)
  return max + 1
}

/** Stores the record under `id` (the fields first, then the id) and returns it. */
export function insertRecord<T extends { id: number }>(
  table: Map<number, T>,
  fields: Insertable<T>,
  id: number,
): T {
  const record = { ...fields, id } as T
  table.set(id, record)
  return record
}
