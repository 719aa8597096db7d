import { describe, expect, it } from 'vitest'
import { wholeListOperations } from '../../adapters/kit/whole-list.js'
import type { CallContext } from '../../adapters/types.js'
import { GatewayError } from '../../src/errors.js'

const agents = Array.from({ length: 7 }, (_, index) => ({
  id: String(index + 1),
  name: `Agent ${index + 1}`,
  email: index === 4 ? 'Dana@MSP.example' : null,
}))
const ctx = {} as CallContext

describe('a whole list paged and searched by the gateway', () => {
  let loads = 0
  const operations = wholeListOperations('agent', async () => {
    loads += 1
    return agents
  })

  it('pages through every record exactly once, the position an offset', async () => {
    const seen: string[] = []
    let position: unknown = null
    do {
      const page = await operations.list({ pageSize: 3, position, filters: {} }, ctx)
      seen.push(...page.data.map((agent) => agent.id))
      position = page.nextPosition
    } while (position !== null)
    expect(seen).toEqual(agents.map((agent) => agent.id))
  })

  it('searches name and email without regard to case', async () => {
    const byEmail = await operations.list({ pageSize: 10, position: null, filters: { q: 'dana@msp' } }, ctx)
    expect(byEmail.data.map((agent) => agent.id)).toEqual(['5'])
    const byName = await operations.list({ pageSize: 10, position: null, filters: { q: 'AGENT 7' } }, ctx)
    expect([byName.data.map((agent) => agent.id), byName.nextPosition]).toEqual([['7'], null])
  })

  it('gets one by id from the list, and answers 404 for an id it does not hold', async () => {
    loads = 0
    expect((await operations.get('3', ctx)).name).toBe('Agent 3')
    await expect(operations.get('70', ctx)).rejects.toSatisfy(
      (error) => error instanceof GatewayError && error.status === 404,
    )
    expect(loads).toBe(2)
  })

  it('refuses a position that is not an offset', async () => {
    await expect(operations.list({ pageSize: 3, position: 'x', filters: {} }, ctx)).rejects.toSatisfy(
      (error) => error instanceof GatewayError && error.code === 'invalid_cursor',
    )
  })
})
