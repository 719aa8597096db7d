/**
 * When a failed delivery is tried again: the Standard Webhooks specification's schedule, about three days in all.
 * Each wait is jittered (±10 %) so the deliveries that failed together (a receiver down) do not return together.
 */
export const RETRY_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
] as const

/** The schedule with its first wait replaced: tests retry at once instead of after 5 s. */
export const scheduleStartingAt = (firstMs: number): readonly number[] => [
  firstMs,
  ...RETRY_SCHEDULE_MS.slice(1),
]

/** The wait before retry `retry` (1: the first), or undefined once the schedule is spent. */
export function retryDelay(
  schedule: readonly number[],
  retry: number,
  random: () => number = Math.random,
): number | undefined {
  const base = schedule[retry - 1]
  return base === undefined ? undefined : Math.round(base * (0.9 + 0.2 * random()))
}
