import { describe, expect, it } from 'vitest'
import { warmConnections } from '../../app/warm-start.js'
import {
  startConnectWiseGateway,
  startHaloGateway,
  startSyncroGateway,
  type Gateway,
} from '../helpers/gateway.js'

interface Counted extends Gateway {
  emulator: { stats: { byRoute: Record<string, number> }; resetStats(): void }
}

/** The calls a connection's first requests make, each with its own list call only once warmed. */
const cases = [
  {
    vendor: 'connectwise',
    start: () => startConnectWiseGateway(),
    base: '/v1/connections/connectwise-test',
    lists: { 'tickets?status=open': 'GET /service/tickets', tickets: 'GET /service/tickets' },
  },
  {
    vendor: 'halopsa',
    start: () => startHaloGateway(),
    base: '/v1/connections/halopsa-test',
    lists: { tickets: 'GET /api/Tickets', 'tickets/1/comments': 'GET /api/Actions' },
  },
  {
    vendor: 'syncro',
    start: () => startSyncroGateway(),
    base: '/v1/connections/syncro-test',
    lists: { 'tickets?status=open': 'GET /tickets' },
  },
] as const

describe.each(cases)('$vendor: a warm start', ({ start, base, lists }) => {
  it('loads the reference data at start, so the first lists make their own vendor calls only', async () => {
    const gateway = (await start()) as unknown as Counted
    try {
      await warmConnections(gateway.app, new AbortController().signal)
      const routeCalls: Record<string, Record<string, number>> = {}
      for (const [path, listCall] of Object.entries(lists)) {
        gateway.emulator.resetStats()
        const response = await gateway.app.inject(`${base}/${path}`)
        expect(response.statusCode).toBe(200)
        routeCalls[path] = { ...gateway.emulator.stats.byRoute }
        expect(routeCalls[path]).toEqual({ [listCall]: 1 })
      }
    } finally {
      await gateway.close()
    }
  })

  it('loads the custom field definitions too, so what a create is checked against costs no call', async () => {
    const gateway = (await start()) as unknown as Counted & { emulator: { stats: { requests: number } } }
    try {
      await warmConnections(gateway.app, new AbortController().signal)
      gateway.emulator.resetStats()
      for (const resource of ['tickets', 'customers', 'assets', 'contacts']) {
        const response = await gateway.app.inject(`${base}/meta/${resource}`)
        expect(response.statusCode).toBe(200)
      }
      expect(gateway.emulator.stats.byRoute).toEqual({})
    } finally {
      await gateway.close()
    }
  })
})

it('costs only itself when the vendor fails it: a warning, and the first call loads the data', async () => {
  const gateway = await startSyncroGateway()
  try {
    gateway.emulator.faults.respond({ status: 500, times: Infinity, pathPrefix: '/tickets/settings' })
    await warmConnections(gateway.app, new AbortController().signal)
    expect(gateway.logs.join('')).toContain('reference data not loaded at start')
    gateway.emulator.faults.clear()
    gateway.emulator.resetStats()
    const response = await gateway.app.inject('/v1/connections/syncro-test/tickets?status=open')
    expect(response.statusCode).toBe(200)
    expect(gateway.emulator.stats.byRoute['GET /tickets/settings']).toBe(1)
  } finally {
    await gateway.close()
  }
})
