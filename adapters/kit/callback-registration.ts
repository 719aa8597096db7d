/** What every vendor that takes callback registrations by API shares. */

/** Names the registrations the gateway makes, so that it removes its own stale ones and nobody else's. */
export const GATEWAY_CALLBACK_NAME = 'psa-gateway change events'

/**
 * Whether a registered URL is the connection's callback URL under another token (a rotated secret), which makes it
 * the gateway's own and stale; another gateway's (another address) is not.
 */
export function isAnotherTokenOf(gatewayUrl: string, registeredUrl: string): boolean {
  const connectionPath = gatewayUrl.slice(0, gatewayUrl.lastIndexOf('/') + 1)
  return registeredUrl.startsWith(connectionPath) && !registeredUrl.startsWith(gatewayUrl)
}
