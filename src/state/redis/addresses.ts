import type { RedisOptions } from 'ioredis'

export interface RedisAddress {
  host: string
  port: number
}

/** Host and port of a redis:// or rediss:// URL (an IPv6 host without its brackets). */
export function addressOf(url: URL): RedisAddress {
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379) }
}

export type RedisCredentials = Pick<RedisOptions, 'username' | 'password' | 'tls'>

/** The user, password and TLS a redis:// or rediss:// URL asks for. */
export function credentialsOf(url: URL): RedisCredentials {
  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  }
}

/** A Redis Cluster's seed nodes (host:port or URLs); the credentials and TLS of the first URL apply to every node. */
export function clusterSeeds(nodes: readonly string[]): {
  startupNodes: RedisAddress[]
  nodeOptions: RedisCredentials
} {
  const urls = nodes.map((node) => new URL(node.includes('://') ? node : `redis://${node}`))
  return { startupNodes: urls.map(addressOf), nodeOptions: urls[0] ? credentialsOf(urls[0]) : {} }
}
