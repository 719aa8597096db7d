import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { AdapterDeps } from '../../adapters/types.js'
import { autotaskClient } from '../../adapters/autotask/connection.js'
import { endpointOf } from '../../adapters/autotask/threads.js'
import type { RateLimiter } from '../../src/state/limiter/types.js'
import { MemoryReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import { PoolRegistry } from '../../src/vendor-http/pools.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'

const ctx = { log: pino({ level: 'silent' }) }
const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})

const THREADS = 3

/**
 * Autotask's thread limit in small (General/ThreadLimiting.htm; the refusal as n8n-nodes-autotask PR #107 saw it):
 * a 4th request to an endpoint while 3 are unanswered is refused. It answers an endpoint's requests only once 3 are
 * in flight there (or all it expects have come), and then a few milliseconds later: a client that sends more at
 * once meets the refusal.
 */
async function threadLimitedAutotask(expected: Record<string, number>) {
  const held = new Map<string, Array<() => void>>()
  const arrived = new Map<string, number>()
  const most = new Map<string, number>()
  const refused: string[] = []
  const server = createServer((request, response) => {
    const endpoint = request.url!.split('/')[3]!.split('?')[0]!.toLowerCase()
    const waiting = held.get(endpoint) ?? []
    held.set(endpoint, waiting)
    if (waiting.length >= THREADS) {
      refused.push(request.url!)
      return json(response, 500, {
        errors: [
          'Thread Threshold Exceeded — The Autotask API thread threshold of 3 threads has been exceeded. Itgenatr005',
        ],
      })
    }
    arrived.set(endpoint, (arrived.get(endpoint) ?? 0) + 1)
    waiting.push(() => json(response, 200, { item: { id: 1 } }))
    most.set(endpoint, Math.max(most.get(endpoint) ?? 0, waiting.length))
    if (waiting.length === THREADS || arrived.get(endpoint) === expected[endpoint])
      setTimeout(() => {
        for (const answer of waiting.splice(0)) answer()
      }, 5)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, most, refused }
}

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))

const unlimited: RateLimiter = {
  acquire: async () => ({ granted: true, waitMs: 0 }),
  block: async () => {},
  release: async () => {},
}

function deps(): AdapterDeps {
  const pools = new PoolRegistry(DEFAULT_VENDOR_HTTP_SETTINGS)
  cleanup.push(() => pools.close())
  return {
    pools,
    limiter: unlimited,
    referenceCache: new MemoryReferenceCache(),
    vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, maxAttempts: 1 },
  } as unknown as AdapterDeps
}

describe("Autotask's thread limit", () => {
  it.each([
    ['/Tickets/query', 'tickets'],
    ['/Tickets/12', 'tickets'],
    ['/tickets/7/Notes', 'tickets'],
    ['//Companies?search=x', 'companies'],
    ['/ThresholdInformation', 'thresholdinformation'],
  ])('keys %s by its endpoint, %s', (path, endpoint) => {
    expect(endpointOf(path)).toBe(endpoint)
  })

  it('holds a connection to 3 calls at once per endpoint: 40 at once to one are all answered', async () => {
    const autotask = await threadLimitedAutotask({ tickets: 40, companies: 6 })
    const client = autotaskClient(
      {
        id: 'at',
        vendor: 'autotask',
        userName: 'api@example.com',
        integrationCode: 'INTEGRATION-CODE',
        secret: 'SECRET-1',
        baseUrl: `${autotask.origin}/zone/V1.0`,
      },
      deps(),
    )
    const paths = [
      ...Array.from({ length: 40 }, (_, i) => `/Tickets/${i + 1}`),
      ...Array.from({ length: 6 }, (_, i) => `/Companies/${i + 1}`),
    ]
    const answers = await Promise.all(paths.map((path) => client.send({ method: 'GET', path }, ctx)))
    expect(answers.map((answer) => answer.status)).toEqual(paths.map(() => 200))
    expect(autotask.refused).toEqual([])
    expect(Object.fromEntries(autotask.most)).toEqual({ tickets: THREADS, companies: THREADS })
  })
})
