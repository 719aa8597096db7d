import { describe, expect, it } from 'vitest'
import type { Attempt } from '../../src/vendor-http/layers/exchange.js'
import { writeHooksLayer } from '../../src/vendor-http/layers/write-hooks.js'
import { answered, below, exchangeOf } from '../helpers/vendor-layers.js'

function hooked(method: 'GET' | 'POST', result: Attempt, read?: boolean) {
  const events: string[] = []
  const layer = writeHooksLayer(below(result).dispatch)
  const exchange = exchangeOf(
    { method, read },
    {
      beforeWrite: async () => void events.push('before'),
      afterWrite: ({ refused }) => void events.push(refused ? 'refused' : 'not refused'),
    },
  )
  return { events, attempt: async () => (await layer.ready(exchange), layer.send(exchange)) }
}

describe('the write hooks layer', () => {
  it.each([
    [201, 'not refused'],
    [409, 'refused'],
    [500, 'refused'],
    [502, 'not refused'],
    [504, 'not refused'],
  ])(
    'checks before each attempt of a write, and tells the caller whether the vendor refused a %i',
    async (status, told) => {
      const { events, attempt } = hooked('POST', answered(status))
      await attempt()
      expect(events).toEqual(['before', told])
    },
  )

  it('tells nothing after a write that got no answer', async () => {
    const { events, attempt } = hooked('POST', {
      kind: 'transport',
      failure: { reachedVendor: true, timedOut: true },
    })
    await attempt()
    expect(events).toEqual(['before'])
  })

  it('leaves reads alone, a query sent by POST among them', async () => {
    for (const [method, read] of [
      ['GET', undefined],
      ['POST', true],
    ] as const) {
      const { events, attempt } = hooked(method, answered(404), read)
      await attempt()
      expect(events).toEqual([])
    }
  })

  it('sends nothing when the check before the write throws', async () => {
    const layers = below(answered(201))
    const layer = writeHooksLayer(layers.dispatch)
    const lost = new Error('idempotency key lost')
    const exchange = exchangeOf({ method: 'POST' }, { beforeWrite: () => Promise.reject(lost) })
    await expect(layer.ready(exchange)).rejects.toBe(lost)
    expect(layers.readied()).toBe(0)
  })
})
