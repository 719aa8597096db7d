import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Adapter } from '../../adapters/types.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

/** An adapter without the optional resources answers 501 on their routes, and calls no vendor. */
describe('a connection whose adapter lacks a resource', () => {
  let gateway: SyncroGateway
  const base = '/v1/connections/syncro-test'

  beforeAll(async () => {
    gateway = await startSyncroGateway()
    const registry = gateway.app.registry
    const real = registry.get.bind(registry)
    vi.spyOn(registry, 'get').mockImplementation((id): Adapter => ({
      ...real(id),
      contacts: undefined,
      agents: undefined,
      timeEntries: undefined,
    }))
  })
  afterAll(() => gateway.close())

  it.each([
    ['GET', '/time-entries', 'list time-entries'],
    ['GET', '/tickets/1/time-entries', 'list time-entries'],
    ['POST', '/tickets/1/time-entries', 'add time-entries'],
    ['GET', '/contacts', 'list contacts'],
    ['GET', '/contacts/1', 'get contacts'],
    ['POST', '/contacts', 'create contacts'],
    ['GET', '/agents/1', 'get agents'],
  ] as const)('%s %s answers 501 unsupported_operation', async (method, path, operation) => {
    gateway.emulator.resetStats()
    const payload =
      method === 'POST'
        ? path.endsWith('time-entries')
          ? { startedAt: '2027-01-01T09:00:00.000Z', minutes: 30 }
          : { customerId: '1', firstName: 'Ann' }
        : undefined
    const response = await gateway.app.inject({ method, url: `${base}${path}`, payload })
    expect([response.statusCode, response.headers['content-type']]).toEqual([
      501,
      'application/problem+json; charset=utf-8',
    ])
    expect(json(response)).toMatchObject({
      code: 'unsupported_operation',
      detail: `syncro cannot ${operation}`,
    })
    expect(gateway.emulator.stats.byRoute).toEqual({})
  })

  it('says so in its capabilities', async () => {
    const { capabilities } = json<{ capabilities: { operations: Record<string, string[]> } }>(
      await gateway.app.inject(base),
    )
    expect(capabilities.operations).toMatchObject({ contacts: [], agents: [], 'time-entries': [] })
  })
})
