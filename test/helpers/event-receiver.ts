import type { StoredSubscription } from '../../src/state/subscriptions/subscription-store.js'
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  body: string
  headers: IncomingHttpHeaders
}

/**
 * A webhook receiver on loopback: records each POST, answers with the status `answer` gives for it (or holds it
 * unanswered when `answer` says 'hold'), and lets a test wait for the n-th request instead of sleeping.
 */
export async function startReceiver(
  answer: (index: number, received: Received) => number | 'hold' = () => 204,
) {
  const received: Received[] = []
  const waiters: Array<{ count: number; resolve: () => void }> = []
  const held: ServerResponse[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const entry = { body: Buffer.concat(chunks).toString('utf8'), headers: request.headers }
      received.push(entry)
      const status = answer(received.length - 1, entry)
      if (status === 'hold') held.push(response)
      else response.writeHead(status).end()
      for (const waiter of waiters.filter(({ count }) => received.length >= count)) waiter.resolve()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves once `count` requests have arrived. */
    waitFor(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve()
      return new Promise((resolve) => waiters.push({ count, resolve }))
    },
    /** Answers the requests held so far with `status`. */
    release(status = 204) {
      for (const response of held.splice(0)) response.writeHead(status).end()
    },
    async close() {
      for (const response of held) response.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/** A signing secret for tests: `whsec_` and the base64 of 32 bytes of `fill`. */
export const testSecret = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`

/** A subscription of `cw-main`'s events of every type to `url`, enabled, as the store keeps it. */
export const storedSubscription = (
  url: string,
  secret: string,
  overrides: Partial<StoredSubscription> = {},
): StoredSubscription => ({
  id: 'sub_1',
  url,
  connections: ['cw-main'],
  types: null,
  enabled: true,
  disabledReason: null,
  createdAt: '2026-12-03T10:00:00.000Z',
  secret,
  ...overrides,
})
