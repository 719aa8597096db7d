import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { startProductionGateway } from '../helpers/production-gateway.js'

/** The size of V8's young generation in a gateway process, from its own /metrics (bytes). */
async function youngGeneration(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text()
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith('psagw_nodejs_heap_space_size_total_bytes{space="new"}'))
  return Number(line?.split(' ')[1])
}

it('an idle gateway gives back the young generation its start-up grew (app/idle-collection.ts)', async () => {
  const server = await startProductionGateway({ LOG_LEVEL: 'debug' })
  try {
    const atStart = await youngGeneration(server.url)
    // Nothing may be asked of the process while it goes quiet (each request allocates, and a collection of V8's own
    // would shrink the young generation too): the test watches its log for the collection that gave it back.
    const gaveBack = (line: string) => {
      if (!line.includes('garbage collected while quiet')) return false
      const { youngGeneration } = JSON.parse(line) as { youngGeneration: { afterBytes: number } }
      return youngGeneration.afterBytes <= atStart / 4
    }
    while (!server.lines.some(gaveBack)) await sleep(100)
    expect(await youngGeneration(server.url)).toBeLessThanOrEqual(atStart / 4)
  } finally {
    await server.stop()
  }
}, 120_000)
