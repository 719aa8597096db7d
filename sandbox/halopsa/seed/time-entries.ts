import { HOUR_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import type { ActionRecord } from '../records.js'

/**
 * The time on the seeded actions that took some (`timetaken` > 0): the work ends at the action's `datetime` and
 * starts `timetaken` hours before (`actionarrivaldate`, `actioncompletiondate`); most of it is billable, the rest
 * is all non-billable time (`nonbilltime`). Every action stays at the default charge rate (0).
 */
export function seedActionTimes(random: Random, actions: readonly ActionRecord[]): void {
  for (const action of actions) {
    if (action.timetaken <= 0) continue
    const endMs = Date.parse(action.datetime)
    const billable = random.chance(0.8)
    Object.assign(action, {
      actionarrivaldate: toTimestamp(endMs - action.timetaken * HOUR_MS),
      actioncompletiondate: action.datetime,
      actisbillable: billable,
      nonbilltime: billable ? 0 : action.timetaken,
    })
  }
}
