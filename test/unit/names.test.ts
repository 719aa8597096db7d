import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { categoryFromName, isoOrNull, levelFromName } from '../../src/mapping/names.js'

describe('categoryFromName', () => {
  it.each([
    ['New', 'new'],
    ['In Progress', 'open'],
    ['Waiting on Customer', 'pending'],
    ['Waiting for Parts', 'pending'],
    ['On Hold', 'pending'],
    ['Resolved', 'resolved'],
    ['Closed', 'closed'],
    ['Cancelled', 'closed'],
    ['Something else', 'open'],
  ])('%s -> %s', (name, category) => expect(categoryFromName(name)).toBe(category))
})

describe('levelFromName', () => {
  it.each([
    ['Urgent', 'critical'],
    ['Emergency', 'critical'],
    ['1', 'critical'],
    ['High', 'high'],
    ['1 High', 'high'],
    ['Normal', 'medium'],
    ['Medium', 'medium'],
    ['Low', 'low'],
    ['3 Low', 'low'],
    ['4', 'low'],
    ['Whenever', 'medium'],
  ])('%s -> %s', (name, level) => expect(levelFromName(name)).toBe(level))
})

describe('isoOrNull', () => {
  it('normalises vendor timestamps to UTC', () => {
    expect(isoOrNull('2025-03-14T09:26:53.000-05:00')).toBe('2025-03-14T14:26:53.000Z')
    expect(isoOrNull(null)).toBeNull()
    expect(isoOrNull('not a date')).toBeNull()
  })

  it('writes any UTC timestamp, valid or not, as the Date round trip does (property)', () => {
    const roundTrip = (value: string) => {
      const time = Date.parse(value)
      return Number.isNaN(time) ? null : new Date(time).toISOString()
    }
    const digits = (max: number, width: number) =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, '0'))
    const timestamp = fc
      .tuple(
        digits(9999, 4),
        digits(13, 2),
        digits(32, 2),
        digits(24, 2),
        digits(60, 2),
        digits(60, 2),
        fc.option(fc.stringMatching(/^[0-9]{1,4}$/)),
      )
      .map(
        ([y, mo, d, h, mi, s, fraction]) =>
          `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction}` : ''}Z`,
      )
    fc.assert(
      fc.property(timestamp, (value) => {
        expect(isoOrNull(value)).toBe(roundTrip(value))
      }),
      { numRuns: 5_000 },
    )
    expect(isoOrNull('2024-02-29T23:59:59Z')).toBe('2024-02-29T23:59:59.000Z')
    expect(isoOrNull('2025-03-14T09:26:53.5Z')).toBe('2025-03-14T09:26:53.500Z')
  })
})
