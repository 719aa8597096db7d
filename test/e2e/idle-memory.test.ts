import { setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { QUIET_MS } from '../../app/idle-collection.js'
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
  const server = await startProductionGateway()
  try {
    const atStart = await youngGeneration(server.url)
    // V8's quiet period is wall-clock time in that process, and nothing may be asked of it meanwhile (each request
    // allocates, and a collection of V8's own at the right moment would shrink it too): the first try after
    // start-up and two more, then one reading.
    await sleep(3 * QUIET_MS + 4_000)
    expect(await youngGeneration(server.url)).toBeLessThanOrEqual(atStart / 4)
  } finally {
    await server.stop()
  }
}, 60_000)
