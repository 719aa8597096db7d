import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween } from '../../shared/seed.js'
import { CUSTOM_FIELD_USAGE, type CustomFieldRecord, type EndUserRecord } from '../records.js'
import { JOB_TITLES } from './catalog.js'
import { seedCustomFieldValues } from './custom-fields.js'
import { REFERENCE_MS } from './time.js'

/**
 * Phone numbers, job titles, custom field values and dates for the end-users seedClients made (which start on
 * their client's creation date); about one in twelve has left (inactive).
 */
export function seedUserDetails(
  random: Random,
  users: EndUserRecord[],
  customFields: readonly CustomFieldRecord[],
): void {
  for (const user of users) {
    const createdMs = instantBetween(random, Date.parse(user.datecreated), REFERENCE_MS - 30 * DAY_MS)
    Object.assign(user, {
      phonenumber: random.chance(0.7) ? `01632 ${String(random.int(0, 999_999)).padStart(6, '0')}` : null,
      mobilenumber: random.chance(0.5) ? `07700 ${String(random.int(900_000, 900_999))}` : null,
      title: random.chance(0.6) ? random.pick(JOB_TITLES) : null,
      inactive: random.chance(1 / 12),
      customfields: seedCustomFieldValues(random, customFields, CUSTOM_FIELD_USAGE.user),
      datecreated: toTimestamp(createdMs),
      ulastupdate: toTimestamp(instantBetween(random, createdMs, REFERENCE_MS)),
    })
  }
}
