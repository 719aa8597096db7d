import type { LogPosition } from './types.js'

/**
 * A log position is a Redis Stream entry id, `<ms>-<seq>`, in both logs: the millisecond of the append (never
 * below the previous entry's) and a sequence within it. Both logs order, trim and check cursors alike.
 */
export const LOG_POSITION_PATTERN = '^(\\d{1,15})-(\\d{1,15})$'
const POSITION = new RegExp(LOG_POSITION_PATTERN)

function parts(position: LogPosition): [number, number] {
  const match = POSITION.exec(position)
  if (!match) throw new Error(`not a log position: ${position}`)
  return [Number(match[1]), Number(match[2])]
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  const [msA, seqA] = parts(a)
  const [msB, seqB] = parts(b)
  return msA - msB || seqA - seqB
}

/** The position after `last` (null: none yet) for an append at `ms`: ids never go back, even if clocks do. */
export function nextPosition(last: LogPosition | null, ms: number): LogPosition {
  if (last === null) return `${ms}-0`
  const [lastMs, lastSeq] = parts(last)
  return ms > lastMs ? `${ms}-0` : `${lastMs}-${lastSeq + 1}`
}

export const positionMs = (position: LogPosition): number => parts(position)[0]
