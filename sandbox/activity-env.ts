import type { ActivityOptions } from './shared/activity.js'

export const ACTIVITY_VARIABLE = 'SANDBOX_ACTIVITY_SECONDS'
/** Often enough that a developer sees events flow within a poll or two, rare enough to read them. */
const DEFAULT_SECONDS = 20
const MAX_SECONDS = 86_400

/**
 * How often each emulator changes a record on its own (`sandbox/shared/activity.ts`), for `npm run sandbox` and
 * the sandbox connections of `npm start`: `SANDBOX_ACTIVITY_SECONDS`, whole seconds, 20 when unset, 0 for never.
 * What cannot be read is told in `problems`.
 */
export function sandboxActivityFromEnv(
  env: NodeJS.ProcessEnv,
  problems: string[],
): ActivityOptions | undefined {
  const text = env[ACTIVITY_VARIABLE]?.trim()
  const seconds = text === undefined || text === '' ? DEFAULT_SECONDS : Number(text)
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
    problems.push(
      `${ACTIVITY_VARIABLE}: must be a whole number of seconds from 0 (no activity) to ${MAX_SECONDS}`,
    )
    return undefined
  }
  return seconds === 0 ? undefined : { everyMs: seconds * 1000 }
}
