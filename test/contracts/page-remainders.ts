import { describe, expect, it } from 'vitest'
import type { PageRemainders } from '../../src/state/page-remainders/page-remainders.js'

/** What every PageRemainders promises: a remainder comes back by its connection and token, and only so. */
export function pageRemaindersContract(name: string, make: () => PageRemainders): void {
  describe(`page remainders: ${name}`, () => {
    it('gives back what was put under the same connection and token', async () => {
      const remainders = make()
      await remainders.put('syncro-a', 'token-1', '{"records":[1,2]}')
      expect(await remainders.get('syncro-a', 'token-1')).toBe('{"records":[1,2]}')
    })

    it("never gives one connection's remainder to another, nor an unknown token's", async () => {
      const remainders = make()
      await remainders.put('syncro-a', 'token-2', 'a')
      expect(await remainders.get('syncro-b', 'token-2')).toBeUndefined()
      expect(await remainders.get('syncro-a', 'token-3')).toBeUndefined()
    })
  })
}
