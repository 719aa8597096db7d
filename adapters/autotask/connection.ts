import { staticAuth } from '../../src/vendor-http/auth.js'
import { vendorClientOn, type VendorClient } from '../../src/vendor-http/client.js'
import type { AdapterDeps } from '../types.js'
import { autotaskAuth } from './auth.js'
import { autotaskBucket, DEFAULT_ZONE_INFORMATION_URL, type AutotaskConnectionConfig } from './config.js'
import { describeAutotaskError } from './errors.js'
import { thresholdWatch } from './rate-limit.js'
import { autotaskThreads } from './threads.js'
import { apiBaseOfZone, zoneBaseUrl, zoneEndpointOf } from './zone.js'

/**
 * The connection's client: below the configured base URL, or the one its user's zone names (looked up before the
 * first call, kept in the reference cache for every replica); its calls carry the three credential headers, draw
 * from the database's bucket, go no more than 3 at once to an entity (threads.ts), and watch Autotask's threshold
 * when answers slow down.
 */
export function autotaskClient(config: AutotaskConnectionConfig, deps: AdapterDeps): VendorClient {
  const bucket = autotaskBucket(config)
  const common = { connectionId: config.id, vendor: 'autotask', bucket, describeError: describeAutotaskError }
  // A configured base may be the zone's root (`…/ATServicesRest/`) or its API base (`…/V1.0`).
  const baseUrl = config.baseUrl ? apiBaseOfZone(config.baseUrl) : zoneLookupOf(config, deps, common)
  const client: VendorClient = vendorClientOn(deps, {
    ...common,
    baseUrl,
    auth: autotaskAuth(config),
    concurrency: autotaskThreads,
    rateLimitHint: thresholdWatch({
      read: async (ctx) => (await client.send({ method: 'GET', path: '/ThresholdInformation' }, ctx)).body,
      hold: (untilMs) => deps.limiter.block(bucket, untilMs),
      now: Date.now,
    }),
  })
  return client
}

/**
 * zoneInformation takes no credentials (the facts, §1) and no part of the thread limit (the help's ThreadLimiting
 * page, the facts, §6); its call draws from the database's bucket all the same.
 */
function zoneLookupOf(
  config: AutotaskConnectionConfig,
  deps: AdapterDeps,
  common: Pick<Parameters<typeof vendorClientOn>[1], 'connectionId' | 'vendor' | 'bucket' | 'describeError'>,
) {
  const lookupUrl = config.zoneInformationUrl ?? DEFAULT_ZONE_INFORMATION_URL
  const endpoint = zoneEndpointOf(lookupUrl)
  const client = vendorClientOn(deps, { ...common, baseUrl: endpoint.baseUrl, auth: staticAuth({}, []) })
  return zoneBaseUrl({
    client,
    path: endpoint.path,
    userName: config.userName,
    cached: (name, load) => deps.referenceCache.get(config.id, name, load),
    secure: lookupUrl.startsWith('https://'),
  })
}
