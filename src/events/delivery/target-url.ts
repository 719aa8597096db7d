import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { GatewayError } from '../../errors.js'

/**
 * Where a subscription may send events (docs/events.md, docs/events-sources.md section 6): https, no credentials
 * in the URL, and only public unicast addresses, checked when the subscription is created and again by every
 * delivery connection's own DNS lookup, so a name cannot be pointed at the gateway's network in between.
 */

export interface TargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_URLS: plain http and any address (the sandbox, tests, a trusted network). */
  allowPrivate: boolean
}

/** Every address a name resolves to (dns.lookup with `all`), injectable so tests need no network. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>

const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  )

/**
 * Loopback, private, link-local (cloud metadata), unique-local, and the IPv6 forms embedding an IPv4 address
 * (NAT64, 6to4, Teredo) all have a range name of their own; only what ipaddr.js calls `unicast` is public.
 * `process` turns an IPv4-mapped IPv6 address into the IPv4 address it carries first.
 */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast'
}

/** Invalid input: a 400, as every bad field (docs/behaviour.md keeps 422 for what a vendor refused). */
const refused = (message: string) =>
  new GatewayError(400, 'validation_failed', `url: ${message}`, { errors: [{ field: 'url', message }] })

/** The URL's host as an address or a name: WHATWG URL keeps IPv6 literals in brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

/** Throws a 400 naming the reason when `text` may not receive events; answers the parsed URL otherwise. */
export async function checkTargetUrl(
  text: string,
  policy: TargetPolicy,
  resolve: ResolveAll = resolveAll,
): Promise<URL> {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw refused('not a URL')
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:']
  if (!schemes.includes(url.protocol))
    throw refused(`the scheme must be ${schemes.map((scheme) => scheme.slice(0, -1)).join(' or ')}`)
  if (url.username || url.password) throw refused('credentials in the URL are not allowed')
  if (policy.allowPrivate) return url
  const host = hostOf(url)
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw refused('the address is not a public one')
    return url
  }
  let addresses: LookupAddress[]
  try {
    addresses = await resolve(host)
  } catch {
    throw refused(`the host name does not resolve`)
  }
  if (addresses.length === 0 || !addresses.every(({ address }) => isPublicAddress(address)))
    throw refused('the host name resolves to an address that is not a public one')
  return url
}

export class PrivateAddressError extends Error {
  override readonly name = 'PrivateAddressError'
  readonly code = 'ERR_PRIVATE_ADDRESS'

  constructor(hostname: string) {
    super(`${hostname} resolves to an address that is not a public one`)
  }
}

/**
 * A `lookup` for an undici Agent's `connect` option: the connection goes only to addresses that pass the check.
 * Node 20 asks with `all: true` (autoSelectFamily) and expects the list back; without it, one address.
 * IP literals never reach a lookup (net.connect skips it), so a delivery checks them itself (isPublicAddress).
 */
export function publicOnlyLookup(resolve: ResolveAll = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined
        const usable = addresses.filter((entry) => family === undefined || entry.family === family)
        if (usable.length === 0 || !addresses.every(({ address }) => isPublicAddress(address))) {
          callback(new PrivateAddressError(hostname), '', 0)
        } else if (options.all) {
          ;(callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable)
        } else {
          callback(null, usable[0]!.address, usable[0]!.family)
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    )
  }
}
