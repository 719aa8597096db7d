import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_TIME_ENTRY_MINUTES } from '../../src/canonical/time-entry.js'
import { GatewayError } from '../../src/errors.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'

const start = '2027-01-10T08:00:00.000Z'

describe('timeSpanOf', () => {
  it('ends a span of minutes that many minutes after its start', () => {
    expect(timeSpanOf({ startedAt: start, minutes: 90 })).toEqual({
      startedAt: start,
      endedAt: '2027-01-10T09:30:00.000Z',
      minutes: 90,
    })
  })

  it('counts the minutes of a span given by its end, in any offset', () => {
    expect(timeSpanOf({ startedAt: '2027-01-10T09:00:00+01:00', endedAt: '2027-01-10T08:45:00Z' })).toEqual({
      startedAt: start,
      endedAt: '2027-01-10T08:45:00.000Z',
      minutes: 45,
    })
  })

  it('agrees with itself: minutes and the end they make are one span', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_TIME_ENTRY_MINUTES }), (minutes) => {
        const span = timeSpanOf({ startedAt: start, minutes })
        expect(timeSpanOf({ startedAt: start, endedAt: span.endedAt, minutes })).toEqual(span)
      }),
    )
  })

  it.each([
    ['neither end nor minutes', { startedAt: start }, 'minutes'],
    ['an end before the start', { startedAt: start, endedAt: '2027-01-10T07:00:00.000Z' }, 'endedAt'],
    ['an end at the start', { startedAt: start, endedAt: start }, 'endedAt'],
    ['an end over a day later', { startedAt: start, endedAt: '2027-01-11T08:01:00.000Z' }, 'endedAt'],
    ['a part of a minute', { startedAt: start, endedAt: '2027-01-10T08:00:30.000Z' }, 'endedAt'],
    [
      'minutes that disagree',
      { startedAt: start, endedAt: '2027-01-10T09:00:00.000Z', minutes: 30 },
      'minutes',
    ],
  ])('refuses %s, naming the field', (_case, body, field) => {
    let thrown: unknown
    try {
      timeSpanOf(body)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(GatewayError)
    expect(thrown).toMatchObject({ status: 400, code: 'validation_failed', extras: { errors: [{ field }] } })
  })
})
