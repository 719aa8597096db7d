// Lists that page by id (or start after one) read their records from an id order kept as records come and go,
// so a call costs what its page costs, not a sort or a walk of the whole table.

/** Records in ascending id order, reachable by rank (0 for the lowest id). */
export interface IdOrder<T> {
  readonly size: number
  /** How many records have an id below `id`: the rank of the first record whose id is at least `id`. */
  rankOf(id: number): number
  atRank(rank: number): T | undefined
}

/** Records by id (a Map, iterated in insertion order like any) that also keeps their ids sorted. */
export class IdTable<T extends { id: number }> extends Map<number, T> implements IdOrder<T> {
  readonly #ids: number[] = []

  constructor(records: Iterable<T> = []) {
    super()
    for (const record of records) this.set(record.id, record)
  }

  override set(id: number, record: T): this {
    if (!this.has(id)) {
      const highest = this.#ids[this.#ids.length - 1]
      if (highest === undefined || id > highest) this.#ids.push(id)
      else this.#ids.splice(this.rankOf(id), 0, id)
    }
    return super.set(id, record)
  }

  override delete(id: number): boolean {
    if (!super.delete(id)) return false
    this.#ids.splice(this.rankOf(id), 1)
    return true
  }

  override clear(): void {
    super.clear()
    this.#ids.length = 0
  }

  rankOf(id: number): number {
    let low = 0
    let high = this.#ids.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((this.#ids[middle] as number) < id) low = middle + 1
      else high = middle
    }
    return low
  }

  atRank(rank: number): T | undefined {
    const id = this.#ids[rank]
    return id === undefined ? undefined : this.get(id)
  }
}

/** A list's records by position: an array, or the matches of a table in id order. */
export interface Positions<T> {
  readonly length: number
  at(index: number): T | undefined
}

/** The records that pass `matches` (every record, untested, when undefined) in id order. */
export function matchingById<T>(
  records: IdOrder<T>,
  matches: ((record: T) => boolean) | undefined,
): Positions<T> {
  if (matches === undefined) return { length: records.size, at: (index) => records.atRank(index) }
  const found: T[] = []
  for (let rank = 0; rank < records.size; rank++) {
    const record = records.atRank(rank) as T
    if (matches(record)) found.push(record)
  }
  return found
}

/** The records from position `start` up to `end` (excluded), counted from the last one when `descending`. */
export function slicePositions<T>(
  records: Positions<T>,
  start: number,
  end: number,
  descending = false,
): T[] {
  const slice: T[] = []
  for (let index = Math.max(0, start); index < Math.min(end, records.length); index++) {
    const record = records.at(descending ? records.length - 1 - index : index)
    if (record !== undefined) slice.push(record)
  }
  return slice
}
