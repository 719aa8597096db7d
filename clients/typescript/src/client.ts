import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { paths } from './schema.js'

export interface GatewayClientOptions {
  /** The gateway's origin, e.g. `https://psa-gateway.internal` (the document's paths start at `/`). */
  baseUrl: string
  /** A gateway API key, sent as `Authorization: Bearer <key>`; leave it out for a gateway without keys. */
  apiKey?: string
  /** A fetch to use instead of the global one (a test double, a proxy agent). */
  fetch?: ClientOptions['fetch']
}

/** Every operation of the gateway, typed from its OpenAPI document: `client.GET('/v1/connections/{connection}/tickets', ...)`. */
export type GatewayClient = Client<paths>

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` },
  })
}
