import { createHash, timingSafeEqual } from 'node:crypto'

export interface ApiClient {
  clientId: string
  clientSecret: string
  scopes: string[]
}

/**
 * The client a `client_id`/`client_secret` pair belongs to. Digests are compared in constant time, so timing
 * says nothing about how much of a secret matched.
 */
export function createClientCheck(clients: readonly ApiClient[]) {
  const known = clients.map((client) => ({
    client,
    id: digest(client.clientId),
    secret: digest(client.clientSecret),
  }))
  return (clientId: string, clientSecret: string): ApiClient | undefined => {
    const id = digest(clientId)
    const secret = digest(clientSecret)
    return known.find((entry) => timingSafeEqual(entry.id, id) && timingSafeEqual(entry.secret, secret))
      ?.client
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
