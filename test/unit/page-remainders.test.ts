import { expect, it } from 'vitest'
import {
  MemoryPageRemainders,
  PAGE_REMAINDER_TTL_MS,
} from '../../src/state/page-remainders/page-remainders.js'
import { fakeClock } from '../contracts/caches.js'

it('forgets a remainder once its time is up', async () => {
  const clock = fakeClock()
  const remainders = new MemoryPageRemainders(clock.now)
  await remainders.put('c', 't', 'rest')
  clock.advance(PAGE_REMAINDER_TTL_MS - 1)
  expect(await remainders.get('c', 't')).toBe('rest')
  clock.advance(1)
  expect(await remainders.get('c', 't')).toBeUndefined()
})

it('holds a bounded number, the oldest giving way first', async () => {
  const remainders = new MemoryPageRemainders()
  for (let index = 0; index <= 256; index += 1) await remainders.put('c', `t${index}`, `rest ${index}`)
  expect(await remainders.get('c', 't0')).toBeUndefined()
  expect(await remainders.get('c', 't1')).toBe('rest 1')
  expect(await remainders.get('c', 't256')).toBe('rest 256')
})
