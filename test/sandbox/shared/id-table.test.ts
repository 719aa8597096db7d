import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdTable, matchingById, slicePositions } from '../../../sandbox/shared/id-table.js'

// The emulators' tables keep their ids sorted beside the Map, whatever order records come and go in.

describe('IdTable', () => {
  it('keeps ids in order through sets and deletes in any order, and stays a Map', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 60 })), { maxLength: 80 }),
        (operations) => {
          const table = new IdTable<{ id: number; n: number }>()
          const model = new Map<number, { id: number; n: number }>()
          operations.forEach(([remove, id], n) => {
            if (remove) expect(table.delete(id)).toBe(model.delete(id))
            else {
              table.set(id, { id, n })
              model.set(id, { id, n })
            }
          })
          const sorted = [...model.keys()].sort((a, b) => a - b)
          expect([...table.entries()]).toEqual([...model.entries()])
          expect(table.size).toBe(sorted.length)
          expect(sorted.map((_, rank) => table.atRank(rank))).toEqual(sorted.map((id) => model.get(id)))
          expect(table.atRank(sorted.length)).toBeUndefined()
          for (let id = 0; id <= 61; id++) expect(table.rankOf(id)).toBe(sorted.filter((x) => x < id).length)
        },
      ),
    )
  })

  it('takes its first records in any order, and forgets them all on clear', () => {
    const table = new IdTable([{ id: 5 }, { id: 2 }, { id: 9 }])
    expect([0, 1, 2].map((rank) => table.atRank(rank)?.id)).toEqual([2, 5, 9])
    expect([...table.keys()]).toEqual([5, 2, 9])
    expect(table.rankOf(-Infinity)).toBe(0)
    expect(table.rankOf(Infinity)).toBe(3)
    table.clear()
    expect(table.size).toBe(0)
    expect(table.atRank(0)).toBeUndefined()
    table.set(1, { id: 1 })
    expect(table.atRank(0)).toEqual({ id: 1 })
  })
})

describe('matchingById and slicePositions', () => {
  const table = new IdTable([{ id: 7 }, { id: 3 }, { id: 5 }, { id: 1 }])

  it('tests nothing when every record matches, and the rest in id order', () => {
    const all = matchingById(table, undefined)
    expect(all.length).toBe(4)
    expect(slicePositions(all, 0, Infinity).map((record) => record.id)).toEqual([1, 3, 5, 7])
    const tested: number[] = []
    const odd = matchingById(table, (record) => {
      tested.push(record.id)
      return record.id > 2
    })
    expect(tested).toEqual([1, 3, 5, 7])
    expect(slicePositions(odd, 0, 2).map((record) => record.id)).toEqual([3, 5])
  })

  it('slices from either end and clips to the records there are', () => {
    const ids = (start: number, end: number, descending?: boolean) =>
      slicePositions([10, 20, 30, 40, 50], start, end, descending)
    expect(ids(1, 3)).toEqual([20, 30])
    expect(ids(1, 3, true)).toEqual([40, 30])
    expect(ids(3, 99, true)).toEqual([20, 10])
    expect(ids(5, 9)).toEqual([])
  })
})
