import { createServer } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { createCredentialCheck } from '../../../sandbox/autotask/auth.js'
import { resolveAutotaskOptions } from '../../../sandbox/autotask/options.js'
import { autotaskRoutes } from '../../../sandbox/autotask/routes/index.js'
import { createRequestListener } from '../../../sandbox/autotask/server.js'
import { ThreadLimit } from '../../../sandbox/autotask/thread-limit.js'
import type { DatabaseThreshold } from '../../../sandbox/autotask/threshold.js'
import { FaultInjector } from '../../../sandbox/shared/faults.js'
import { listen } from '../../../sandbox/shared/lifecycle.js'
import { createStats } from '../../../sandbox/shared/stats.js'
import { callJson } from '../http.js'

const first = { userName: 'one@example.com', secret: 's1', integrationCode: 'CODE-ONE' }
const second = { userName: 'two@example.com', secret: 's2', integrationCode: 'CODE-TWO' }

// Every admitted request waits in the threshold's latency until the test lets it go, so requests are held in
// flight without a clock.
const waiting: (() => void)[] = []
const server = createServer()
server.on(
  'request',
  createRequestListener({
    paths: { discovery: '/atservicesrest/v1.0', zone: '/z/atservicesrest/v1.0' },
    origin: '',
    routes: autotaskRoutes([]),
    context: { db: undefined as never, entities: new Map(), now: () => new Date() },
    zoneInformation: () => ({ status: 200, body: {} }),
    authenticate: createCredentialCheck([first, second]),
    threshold: {
      admit: () => ({ accepted: true, state: { limit: 10, windowMs: 60_000, used: 1 }, latencyMs: 1 }),
    } as unknown as DatabaseThreshold,
    threads: new ThreadLimit(3),
    faults: new FaultInjector(),
    stats: createStats(),
    sleep: () => new Promise<void>((resolve) => waiting.push(resolve)),
  }),
)
const origin = listen(server, '127.0.0.1', 0)
afterAll(() => new Promise((resolve) => server.close(resolve)))

function call(user: typeof first, path = '/ThresholdInformation') {
  const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
  return origin.then((at) => callJson(`${at}/z/atservicesrest/v1.0${path}`, { headers }))
}

async function untilWaiting(count: number) {
  while (waiting.length < count) await new Promise((resolve) => setImmediate(resolve))
}

describe('the thread limit', () => {
  it('defaults to the vendor’s 3', () => {
    expect(resolveAutotaskOptions().threadLimit).toBe(3)
    expect(() => resolveAutotaskOptions({ threadLimit: 0 })).toThrow(RangeError)
  })

  it('refuses a 4th call in flight for one integration code and endpoint with a 500 Itgenatr005', async () => {
    const held = [call(first), call(first), call(first)]
    await untilWaiting(3)
    expect(await call(first)).toMatchObject({
      status: 500,
      json: {
        errors: [
          'Thread Threshold Exceeded — The Autotask API thread threshold of 3 threads has been exceeded. (Itgenatr005)',
        ],
      },
    })
    // Another integration code has threads of its own; zone lookups take none.
    const other = call(second)
    await untilWaiting(4)
    const zone = await origin.then((at) => callJson(`${at}/atservicesrest/v1.0/zoneInformation?user=x`))
    expect(zone.status).toBe(200)
    for (const release of waiting.splice(0)) release()
    for (const answer of await Promise.all([...held, other])) expect(answer.status).toBe(200)
    // Answered, the threads are free again.
    const again = call(first)
    await untilWaiting(1)
    waiting.splice(0).forEach((release) => release())
    expect((await again).status).toBe(200)
  })
})
