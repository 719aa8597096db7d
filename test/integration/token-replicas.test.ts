import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startRedis, type TestRedis } from '../helpers/redis.js'

/**
 * 4 processes sharing one OAuth token through Redis. The vendor here is a minimal OAuth client-credentials
 * server (token endpoint + one API resource) that counts the tokens it issues and can revoke one.
 */

const TOKEN_LIFETIME_S = 2
let redis: TestRedis
let vendor: Server
let vendorUrl: string
let issued = 0
let current: { value: string; expiresAt: number; revoked: boolean } | undefined
let workers: ChildProcess[] = []

beforeAll(async () => {
  redis = await startRedis()
  vendor = createServer((req, res) => {
    if (req.url === '/auth/token' && req.method === 'POST') {
      issued += 1
      current = { value: `token-${issued}`, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000, revoked: false }
      // A token endpoint takes a while: every caller that is not single-flighted would overlap with it.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            access_token: current!.value,
            token_type: 'Bearer',
            expires_in: TOKEN_LIFETIME_S,
            scope: 'all',
          }),
        )
      }, 50)
      return
    }
    const valid = current && !current.revoked && Date.now() < current.expiresAt
    const ok = req.url === '/api/things' && valid && req.headers.authorization === `Bearer ${current!.value}`
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
    res.end(JSON.stringify(ok ? { things: [] } : { error: 'invalid_token' }))
  })
  vendor.listen(0, '127.0.0.1')
  await once(vendor, 'listening')
  vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`
  const script = fileURLToPath(new URL('../helpers/token-worker.ts', import.meta.url))
  workers = Array.from({ length: 4 }, () =>
    fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, REDIS_URL: redis.url, VENDOR_URL: vendorUrl },
    }),
  )
  await Promise.all(workers.map((worker) => once(worker, 'message')))
}, 30_000)

afterAll(async () => {
  await Promise.all(
    workers.map(async (worker) => {
      if (worker.exitCode !== null) return
      worker.send({ stop: true })
      await once(worker, 'exit')
    }),
  )
  vendor?.close()
  await redis?.stop()
})

/** 50 concurrent calls in each of the 4 processes; every status. */
async function callEverywhere(): Promise<number[]> {
  const answers = workers.map(async (worker) => {
    const [message] = (await Promise.all([once(worker, 'message'), worker.send({ calls: 50 })]))[0] as [
      { statuses: number[] },
    ]
    return message.statuses
  })
  return (await Promise.all(answers)).flat()
}

it('4 processes x 50 first calls fetch one token; after expiry one more; a revoked token is replaced once', async () => {
  expect(await callEverywhere()).toEqual(Array(200).fill(200))
  expect(issued).toBe(1)

  // Past the token's lifetime: the next calls need a new one.
  await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_S * 1000 + 100))
  expect(await callEverywhere()).toEqual(Array(200).fill(200))
  expect(issued).toBe(2)

  current!.revoked = true
  expect(await callEverywhere()).toEqual(Array(200).fill(200))
  expect(issued).toBe(3)
}, 30_000)
