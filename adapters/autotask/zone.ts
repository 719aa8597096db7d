import { isRecord } from '../../src/vendor-http/answer.js'
import type { VendorClient } from '../../src/vendor-http/client.js'
import { GatewayError, vendorUnavailable } from '../../src/errors.js'
import type { CallContext } from '../types.js'

/**
 * Autotask's REST API lives in the zone of the user's database, found with `GET zoneInformation?user={userName}`,
 * which needs no credentials and answers `{zoneName, url, webUrl, ci}` (the facts, §1). `url` is the zone's root
 * without the version (`https://webservices5.autotask.net/ATServicesRest/`); some write it without the slash or
 * lower-case: the API base is that root joined to `V1.0` with one slash, or `url` itself where it already ends in
 * the version.
 */
export function apiBaseOfZone(url: string): string {
  const root = url.replace(/\/+$/, '')
  return /\/v1\.0$/i.test(root) ? root : `${root}/V1.0`
}

/** `zoneInformationUrl` as the client for it takes it: its base, and the path below it. */
export function zoneEndpointOf(zoneInformationUrl: string): { baseUrl: string; path: string } {
  const url = new URL(zoneInformationUrl)
  const cut = url.pathname.replace(/\/+$/, '').lastIndexOf('/')
  return {
    baseUrl: `${url.origin}${url.pathname.slice(0, cut)}`,
    path: url.pathname.slice(cut).replace(/\/+$/, ''),
  }
}

export interface ZoneLookup {
  /** A client for the zone endpoint (no credentials). */
  client: Pick<VendorClient, 'send'>
  /** The endpoint's path below that client's base (`/zoneInformation`). */
  path: string
  userName: string
  /** Keeps the answer for every replica (the connection's reference cache). */
  cached: (name: string, load: () => Promise<string>) => Promise<string>
  /** Whether the lookup went over https: then the API base it names must too (the credentials go there). */
  secure: boolean
}

/**
 * The connection's API base, looked up once for every replica (and again when the reference cache refreshes it).
 * An unknown user is answered `{"errors":["Zone information could not be determined"]}` (the facts, §1): the
 * connection's configuration is wrong, said as such.
 */
export const zoneBaseUrl =
  ({ client, path, userName, cached, secure }: ZoneLookup) =>
  (ctx: CallContext): Promise<string> =>
    cached('zone-api-base', async () => {
      let body: unknown
      try {
        body = (await client.send({ method: 'GET', path, query: { user: userName } }, ctx)).body
      } catch (error) {
        if (error instanceof GatewayError && error.status < 500)
          throw vendorUnavailable(
            502,
            `autotask found no zone for the connection's userName (${error.detail})`,
          )
        throw error
      }
      const url = isRecord(body) ? body.url : undefined
      if (typeof url !== 'string' || !/^https?:\/\//.test(url))
        throw vendorUnavailable(502, 'autotask answered zoneInformation without the url it documents')
      if (secure && !url.startsWith('https://'))
        throw vendorUnavailable(
          502,
          'autotask named a zone not served over https: no credentials are sent there',
        )
      return apiBaseOfZone(url)
    })
