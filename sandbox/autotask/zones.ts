import type { EmulatorReply } from '../shared/reply.js'
import type { ApiUser } from './auth.js'
import { refused } from './vendor-errors.js'

export interface ZoneInformation {
  zoneName: string
  /** The API root without its version, with a trailing slash: `https://webservices5.autotask.net/ATServicesRest/`. */
  url: string
  webUrl: string
  /** The customer database's id. */
  ci: number
}

/**
 * `GET …/zoneInformation?user=`: the zone of a known API user, with no credentials asked (PSMOD
 * Add-AutotaskAPIAuth calls it without headers; facts §1 "Zone lookup"); the answer's fields are camelCase
 * (KASEYA-OAS ZoneInformationResultModel). An unknown user gets "Zone information could not be determined"
 * (KelvinTegelaar/AutotaskAPI#17) as a 500 (unsourced status: chosen because the same API answers an unknown
 * user name with a 500 elsewhere, apigrate/autotask-restapi#19).
 */
export function zoneInformationReply(
  users: readonly ApiUser[],
  query: URLSearchParams,
  zone: ZoneInformation,
): EmulatorReply {
  const name = query.get('user')?.trim().toLowerCase() ?? ''
  const known = users.some((user) => user.userName.toLowerCase() === name)
  return known ? { status: 200, body: zone } : refused('Zone information could not be determined')
}
