import { afterEach, describe, expect, it, vi } from 'vitest'
import { changed, createActivity, type ActivityMoves } from '../../../sandbox/shared/activity.js'
import { createRandom } from '../../../sandbox/shared/random.js'

/** Moves that record which one ran; `empty` ones find nothing to change. */
function recordingMoves(empty: (keyof ActivityMoves)[] = []) {
  const made: string[] = []
  const move = (name: keyof ActivityMoves) => () => {
    if (empty.includes(name)) return undefined
    made.push(name)
    return changed('updated', 'ticket', made.length)
  }
  const names: (keyof ActivityMoves)[] = [
    'editTicket',
    'commentOnTicket',
    'createTicket',
    'updateCustomer',
    'updateAsset',
    'deleteTicket',
  ]
  const moves = Object.fromEntries(names.map((name) => [name, move(name)])) as unknown as ActivityMoves
  return { made, moves }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('sandbox activity', () => {
  it('mostly edits tickets and rarely deletes one, the same way for the same seed', () => {
    const run = () => {
      const { made, moves } = recordingMoves()
      const activity = createActivity(createRandom(7), moves)
      for (let i = 0; i < 1000; i++) activity.step()
      return made
    }
    const made = run()
    const count = (name: string) => made.filter((move) => move === name).length
    expect(count('editTicket')).toBeGreaterThan(500)
    expect(count('deleteTicket')).toBeGreaterThan(0)
    expect(count('deleteTicket')).toBeLessThan(count('createTicket'))
    expect(run()).toEqual(made)
  })

  it('makes another move when the one chosen finds nothing to change, and fails when none can', () => {
    const { made, moves } = recordingMoves(['editTicket', 'commentOnTicket', 'updateAsset', 'deleteTicket'])
    const activity = createActivity(createRandom(1), moves)
    for (let i = 0; i < 50; i++) activity.step()
    expect(made).toHaveLength(50)
    expect(made.filter((move) => move !== 'createTicket' && move !== 'updateCustomer')).toEqual([])

    const idle = createActivity(createRandom(1), recordingMoves(Object.keys(moves) as never).moves)
    expect(() => idle.step()).toThrow('no record to change')
  })

  it('steps on a timer until stopped, and reports a failed step as a warning', () => {
    vi.useFakeTimers()
    const { made, moves } = recordingMoves()
    const activity = createActivity(createRandom(1), moves)
    activity.start(1000)
    expect(activity.running).toBe(true)
    vi.advanceTimersByTime(3500)
    expect(made).toHaveLength(3)
    activity.stop()
    expect(activity.running).toBe(false)
    vi.advanceTimersByTime(5000)
    expect(made).toHaveLength(3)

    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const failing = createActivity(createRandom(1), recordingMoves(Object.keys(moves) as never).moves)
    failing.start(1000)
    vi.advanceTimersByTime(1000)
    failing.stop()
    expect(warning).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('no record') }),
    )
  })

  it('refuses an interval that is not a positive whole number of milliseconds', () => {
    const activity = createActivity(createRandom(1), recordingMoves().moves)
    for (const everyMs of [0, -5, 1.5, Number.NaN]) expect(() => activity.start(everyMs)).toThrow(RangeError)
    expect(activity.running).toBe(false)
  })
})
