import { Cluster, Redis, type RedisOptions } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'
import {
  ACQUIRE_SCRIPT,
  BLOCK_SCRIPT,
  DELETE_IF_EQUALS_SCRIPT,
  DELETE_TOKEN_IF_SCRIPT,
  EXPIRE_IF_EQUALS_SCRIPT,
  EVENTS_ADMIT_SCRIPT,
  EVENTS_APPEND_SCRIPT,
  EVENTS_READ_SCRIPT,
  IDEMPOTENCY_ABANDON_SCRIPT,
  IDEMPOTENCY_BEGIN_SCRIPT,
  IDEMPOTENCY_COMPLETE_SCRIPT,
  IDEMPOTENCY_MARK_SENDING_SCRIPT,
  IDEMPOTENCY_RENEW_SCRIPT,
  RELEASE_SCRIPT,
} from './scripts.js'
import { clusterSeeds } from './addresses.js'
import { StoreKeys } from './keys.js'

export interface RedisSettings {
  /** redis:// or rediss:// (TLS); user and password in the URL. */
  redisUrl?: string
  /** Redis Cluster seed nodes (host:port or URLs); credentials and TLS of the first URL apply to all. */
  clusterNodes?: string[]
  keyPrefix: string
}

/** The scripts, as commands ioredis defines once on the client (EVALSHA, with NOSCRIPT fallback). */
export interface ScriptCommands {
  psagwAcquire(
    key: string,
    freeTurnsKey: string,
    burst: number,
    rate: number,
    maxWaitMs: number,
    ttlMs: number,
    count: number,
  ): Promise<number[]>
  psagwRelease(key: string, freeTurnsKey: string, ttlMs: number, ...turnsAt: number[]): Promise<number>
  psagwBlock(
    key: string,
    freeTurnsKey: string,
    burst: number,
    rate: number,
    blockMs: number,
    ttlMs: number,
  ): Promise<number>
  psagwDeleteIfEquals(key: string, value: string): Promise<number>
  psagwExpireIfEquals(key: string, value: string, ms: number): Promise<number>
  psagwDeleteTokenIf(key: string, value: string): Promise<number>
  psagwIdempotencyBegin(
    key: string,
    fingerprint: string,
    owner: string,
    leaseMs: number,
    settleMs: number,
    ttlMs: number,
  ): Promise<string[]>
  psagwIdempotencyRenew(key: string, owner: string, leaseMs: number): Promise<number>
  psagwIdempotencyMarkSending(key: string, owner: string, leaseMs: number): Promise<number>
  psagwIdempotencyComplete(key: string, owner: string, record: string, ttlMs: number): Promise<number>
  psagwIdempotencyAbandon(key: string, owner: string, mayHaveWritten: '1' | '0'): Promise<number>
  /** Its keys are counted first: the stream, its trimmed mark and one de-duplication key per change. */
  psagwEventsAppend(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<string[]>
  /** ARGV: each change's id, version ms and kind. */
  psagwEventsAdmit(admitted: string, ...idMsKind: (string | number)[]): Promise<string[]>
  psagwEventsRead(
    stream: string,
    trimmedMark: string,
    after: string,
    limit: number,
    maxScanned: number,
    ...types: string[]
  ): Promise<string[]>
}

export type RedisClient = (Redis | Cluster) & ScriptCommands

/**
 * Scripts on a bucket read and write its free turns too, scripts on an event stream its trimmed mark, an event
 * append one key per change besides (its caller counts them); every other script touches one key.
 */
const KEY_COUNTS: Partial<Record<keyof ScriptCommands, number | undefined>> = {
  psagwAcquire: 2,
  psagwRelease: 2,
  psagwBlock: 2,
  psagwEventsAppend: undefined,
  psagwEventsRead: 2,
}

const SCRIPTS: Record<keyof ScriptCommands, string> = {
  psagwAcquire: ACQUIRE_SCRIPT,
  psagwRelease: RELEASE_SCRIPT,
  psagwBlock: BLOCK_SCRIPT,
  psagwDeleteIfEquals: DELETE_IF_EQUALS_SCRIPT,
  psagwExpireIfEquals: EXPIRE_IF_EQUALS_SCRIPT,
  psagwDeleteTokenIf: DELETE_TOKEN_IF_SCRIPT,
  psagwIdempotencyBegin: IDEMPOTENCY_BEGIN_SCRIPT,
  psagwIdempotencyRenew: IDEMPOTENCY_RENEW_SCRIPT,
  psagwIdempotencyMarkSending: IDEMPOTENCY_MARK_SENDING_SCRIPT,
  psagwIdempotencyComplete: IDEMPOTENCY_COMPLETE_SCRIPT,
  psagwIdempotencyAbandon: IDEMPOTENCY_ABANDON_SCRIPT,
  psagwEventsAppend: EVENTS_APPEND_SCRIPT,
  psagwEventsAdmit: EVENTS_ADMIT_SCRIPT,
  psagwEventsRead: EVENTS_READ_SCRIPT,
}

/** Per-command timeout: a Redis that hangs must not hold a request. */
const COMMAND_TIMEOUT_MS = 1_000
/** Longest pause between reconnection attempts. */
const RECONNECT_MAX_DELAY_MS = 2_000
/** How far apart replicas may notice the same outage or the same return of Redis. */
export const STORE_SWITCH_SKEW_MS = COMMAND_TIMEOUT_MS + RECONNECT_MAX_DELAY_MS

const commonOptions: RedisOptions = {
  connectionName: 'psa-gateway',
  // Commands fail at once while disconnected instead of queueing: the insurance path answers meanwhile.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: COMMAND_TIMEOUT_MS,
  // Commands issued in the same tick (the limiter's turns for concurrent requests) go out in one write.
  enableAutoPipelining: true,
  retryStrategy: (attempt) => Math.min(attempt * 200, RECONNECT_MAX_DELAY_MS),
}

/** One connection (or cluster client) for everything the gateway keeps in Redis. */
export class RedisConnection {
  readonly client: RedisClient
  readonly keys: StoreKeys
  #up = false
  #generation = 0

  constructor(settings: RedisSettings, log: FastifyBaseLogger) {
    this.keys = new StoreKeys(settings.keyPrefix)
    let client: Redis | Cluster
    if (settings.clusterNodes?.length) {
      const { startupNodes, nodeOptions } = clusterSeeds(settings.clusterNodes)
      client = new Cluster(startupNodes, {
        enableOfflineQueue: false,
        redisOptions: { ...commonOptions, ...nodeOptions },
      })
    } else {
      client = new Redis(settings.redisUrl ?? 'redis://127.0.0.1:6379', commonOptions)
    }
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      const numberOfKeys = name in KEY_COUNTS ? KEY_COUNTS[name as keyof ScriptCommands] : 1
      client.defineCommand(name, { numberOfKeys, lua })
    }
    client.on('ready', () => {
      if (!this.#up) log.info('redis: connected, shared state in use')
      this.#up = true
      this.#generation += 1
    })
    client.on('end', () => (this.#up = false))
    client.on('close', () => {
      if (this.#up) log.warn('redis: connection lost, using in-process state until it returns')
      this.#up = false
    })
    // Without a listener ioredis would crash the process on connection errors; they are reported above.
    client.on('error', () => {})
    this.client = client as RedisClient
  }

  /** How many times the connection became ready: a change tells that Redis was gone and is back. */
  get generation(): number {
    return this.#generation
  }

  /** Whether commands can be sent now (connected and ready). */
  get available(): boolean {
    return this.#up
  }

  /** Resolves once connected, or after `timeoutMs` (the gateway then starts on its in-process twins). */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.#up) return true
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer)
        this.client.off('ready', onReady)
        resolve(ready)
      }
      const onReady = () => done(true)
      const timer = setTimeout(() => done(false), timeoutMs)
      this.client.once('ready', onReady)
    })
  }

  async ping(): Promise<boolean> {
    if (!this.#up) return false
    try {
      return (await this.client.ping()) === 'PONG'
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    this.#up = false
    try {
      await this.client.quit()
    } catch {
      this.client.disconnect()
    }
  }
}
