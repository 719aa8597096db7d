import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { DeliveryAttempt } from '../../src/canonical/subscription.js'
import {
  MAX_KEPT_ATTEMPTS,
  type StoredSubscription,
  type SubscriptionStore,
} from '../../src/state/subscriptions/subscription-store.js'

const subscription = (overrides: Partial<StoredSubscription> = {}): StoredSubscription => ({
  id: `sub_${randomUUID()}`,
  url: 'https://hooks.example.com/psa',
  connections: ['cw-main'],
  types: null,
  enabled: true,
  disabledReason: null,
  createdAt: '2026-12-03T10:00:00.000Z',
  secret: 'whsec_c2VjcmV0',
  ...overrides,
})

const attempt = (eventId: string): DeliveryAttempt => ({
  eventId,
  connection: 'cw-main',
  attemptedAt: '2026-12-03T10:00:01.000Z',
  outcome: 'failed',
  status: 500,
  error: null,
  durationMs: 12,
})

/** What every SubscriptionStore promises, in memory and on Redis. */
export function subscriptionStoreContract(name: string, make: () => SubscriptionStore): void {
  describe(`subscriptions: ${name}`, () => {
    it('keeps a subscription, its secret included, and lists it', async () => {
      const store = make()
      const kept = subscription()
      await store.create(kept)
      expect(await store.get(kept.id)).toEqual(kept)
      expect(await store.list()).toContainEqual(kept)
      expect(await store.get('sub_unknown')).toBeUndefined()
    })

    it('disables with a reason and enables again', async () => {
      const store = make()
      const kept = subscription()
      await store.create(kept)
      expect(await store.setEnabled(kept.id, false, 'the receiver answered 410')).toMatchObject({
        enabled: false,
        disabledReason: 'the receiver answered 410',
      })
      expect((await store.get(kept.id))?.enabled).toBe(false)
      expect(await store.setEnabled(kept.id, true, null)).toMatchObject({
        enabled: true,
        disabledReason: null,
      })
      expect(await store.setEnabled('sub_unknown', true, null)).toBeUndefined()
    })

    it('keeps a position per connection', async () => {
      const store = make()
      const kept = subscription()
      await store.create(kept)
      expect(await store.position(kept.id, 'cw-main')).toBeUndefined()
      await store.advance(kept.id, 'cw-main', '1-0')
      await store.advance(kept.id, 'halo-eu', '7-0')
      await store.advance(kept.id, 'cw-main', '2-0')
      expect(await store.position(kept.id, 'cw-main')).toBe('2-0')
      expect(await store.position(kept.id, 'halo-eu')).toBe('7-0')
    })

    it('keeps the most recent attempts, newest first, up to the cap', async () => {
      const store = make()
      const kept = subscription()
      await store.create(kept)
      for (let index = 0; index < MAX_KEPT_ATTEMPTS + 3; index += 1)
        await store.recordAttempt(kept.id, attempt(`evt_${index}`))
      const attempts = await store.attempts(kept.id)
      expect(attempts).toHaveLength(MAX_KEPT_ATTEMPTS)
      expect(attempts[0]!.eventId).toBe(`evt_${MAX_KEPT_ATTEMPTS + 2}`)
      expect(attempts.at(-1)!.eventId).toBe('evt_3')
    })

    it('deletes a subscription with its positions and attempts', async () => {
      const store = make()
      const kept = subscription()
      await store.create(kept)
      await store.advance(kept.id, 'cw-main', '1-0')
      await store.recordAttempt(kept.id, attempt('evt_1'))
      expect(await store.delete(kept.id)).toBe(true)
      expect(await store.delete(kept.id)).toBe(false)
      expect(await store.get(kept.id)).toBeUndefined()
      expect(await store.position(kept.id, 'cw-main')).toBeUndefined()
      expect(await store.attempts(kept.id)).toEqual([])
    })
  })
}
