import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSyncroEmulator, type SyncroEmulator } from '../../sandbox/syncro/index.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { call, startReplicas, type Answer, type Replicas } from '../helpers/replicas.js'

/**
 * An Idempotency-Key create is exactly-once whatever happens to the replica that runs it or to Redis: real
 * gateway processes, real Redis, the Syncro emulator in this process holding what the vendor holds.
 */

let redis: TestRedis
let emulator: SyncroEmulator | undefined
let replicas: Replicas | undefined

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})
afterEach(async () => {
  await redis.resume()
  await replicas?.stop()
  await emulator?.close()
  replicas = undefined
  emulator = undefined
  const cleaner = new Redis(redis.url)
  await cleaner.flushall()
  cleaner.disconnect()
})

/** A claim lives 1 s without its heartbeat; a write sent may land at the vendor within 2 s (its call timeout). */
async function twoReplicas() {
  emulator = await startSyncroEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
  replicas = await startReplicas(2, {
    redisUrl: redis.url,
    env: { IDEMPOTENCY_LEASE_MS: '1000' },
    config: {
      connections: [
        { id: 'syncro', vendor: 'syncro', apiKey: emulator.apiKeys[0], baseUrl: emulator.baseUrl },
      ],
      vendorHttp: { requestTimeoutMs: 2_000 },
    },
  })
  return { emulator, replicas }
}

const createTicket = (url: string, key: string, body: Record<string, unknown>) =>
  call(`${url}/v1/connections/syncro/tickets`, { method: 'POST', body, headers: { 'idempotency-key': key } })

/** Repeats the request as a well-behaved client does: after each 409, it waits what Retry-After says. */
async function untilNotInFlight(
  send: () => Promise<Answer>,
): Promise<{ answer: Answer; conflicts: Answer[] }> {
  const conflicts: Answer[] = []
  for (;;) {
    const answer = await send()
    if (answer.status !== 409) return { answer, conflicts }
    conflicts.push(answer)
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after']) * 1000))
  }
}

const waitFor = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('a replica killed mid-create', { timeout: 60_000 }, () => {
  it('after its write reached the vendor: the repeat on another replica answers that ticket, and makes none', async () => {
    const { emulator, replicas } = await twoReplicas()
    const customerId = String([...emulator.db.customers.keys()][0])
    const body = { subject: 'Created by a replica that then died', customerId }
    const before = emulator.db.tickets.size
    // The vendor makes the ticket at once and answers late: the replica that sent it dies before it hears.
    emulator.faults.delayAnswer({ ms: 5_000, method: 'POST', pathPrefix: '/tickets' })
    const firstAttempt = createTicket(replicas.urls[0]!, 'crash-after-send', body).catch(() => undefined)
    await waitFor(() => emulator.db.tickets.size === before + 1)
    replicas.processes[0]!.child.kill('SIGKILL')
    await firstAttempt

    const { answer, conflicts } = await untilNotInFlight(() =>
      createTicket(replicas.urls[1]!, 'crash-after-send', body),
    )

    expect(conflicts.every((conflict) => Number(conflict.headers['retry-after']) >= 1)).toBe(true)
    expect(answer.status).toBe(201)
    expect(answer.headers['idempotent-replayed']).toBe('true')
    expect(emulator.db.tickets.size).toBe(before + 1)
    const made = [...emulator.db.tickets.values()].filter((ticket) => ticket.subject === body.subject)
    expect(made.map((ticket) => String(ticket.id))).toEqual([answer.body.id])
    // Later repeats replay that answer.
    const again = await createTicket(replicas.urls[1]!, 'crash-after-send', body)
    expect([again.status, again.body.id]).toEqual([201, answer.body.id])
  })

  it('before its write was sent: the repeat on another replica creates the ticket, once', async () => {
    const { emulator, replicas } = await twoReplicas()
    const customerId = String([...emulator.db.customers.keys()][0])
    const body = { subject: 'Never sent by the replica that died', customerId, status: 'open' }
    const before = emulator.db.tickets.size
    // The create first reads the statuses; the replica dies while that read hangs.
    emulator.faults.delay({ ms: 3_000, method: 'GET', pathPrefix: '/tickets/settings' })
    const firstAttempt = createTicket(replicas.urls[0]!, 'crash-before-send', body).catch(() => undefined)
    await waitFor(() => (emulator.stats.byRoute['GET /tickets/settings'] ?? 0) >= 1)
    replicas.processes[0]!.child.kill('SIGKILL')
    await firstAttempt

    const { answer } = await untilNotInFlight(() =>
      createTicket(replicas.urls[1]!, 'crash-before-send', body),
    )

    expect(answer.status).toBe(201)
    expect(answer.headers['idempotent-replayed']).toBeUndefined()
    expect(emulator.stats.byRoute['POST /tickets']).toBe(1)
    expect(emulator.db.tickets.size).toBe(before + 1)
  })
})

describe('keyed writes while Redis is away', { timeout: 60_000 }, () => {
  it('Redis killed: the same key on two replicas creates nothing and answers 503 with Retry-After', async () => {
    const { emulator, replicas } = await twoReplicas()
    const customerId = String([...emulator.db.customers.keys()][0])
    const before = emulator.db.tickets.size
    await redis.kill()
    try {
      const answers = await Promise.all(
        replicas.urls.map((url) => createTicket(url, 'during-outage', { subject: 'Outage', customerId })),
      )
      for (const answer of answers) {
        expect([answer.status, answer.body.code]).toEqual([503, 'store_unavailable'])
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0)
      }
      expect(emulator.db.tickets.size).toBe(before)
    } finally {
      await redis.restart()
    }
  })

  it('Redis stalled: the claim sent meanwhile cannot block the key once Redis runs again, and one ticket is made', async () => {
    const { emulator, replicas } = await twoReplicas()
    const customerId = String([...emulator.db.customers.keys()][0])
    const body = { subject: 'Sent while Redis was stalled', customerId }
    const before = emulator.db.tickets.size
    await redis.pause()
    // Its claim command times out (503, no write); Redis runs it when it wakes.
    const stalled = await createTicket(replicas.urls[0]!, 'during-stall', body)
    expect([stalled.status, stalled.body.code]).toEqual([503, 'store_unavailable'])
    await redis.resume()

    const { answer } = await untilNotInFlight(() => createTicket(replicas.urls[1]!, 'during-stall', body))
    expect(answer.status).toBe(201)
    expect(emulator.db.tickets.size).toBe(before + 1)
  })
})
