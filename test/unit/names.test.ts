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
})
