import { setTimeout as sleep } from 'node:timers/promises'
import { load } from '../measure.js'
import {
  residentMb,
  startEmulatorProcess,
  startGatewayProcess,
  UNREACHABLE_LIMIT,
} from '../processes/index.js'

export interface MemoryResult {
  connections: number
  idleRssMb: number
  /** The highest reading while the overhead load (one ticket by id, 10 connections) ran. */
  loadedRssMb: number
  /** After the load, once the process has been idle for a moment. */
  afterRssMb: number
}

const SETTLE_MS = 1_000
const SAMPLE_EVERY_MS = 250

/**
 * Resident memory of one gateway process (as production runs it) with 3 and with 300 configured
 * connections: idle, under the overhead section's load, and idle again after it.
 */
export async function memory(seconds: number): Promise<MemoryResult[]> {
  const emulator = await startEmulatorProcess({ rateLimit: UNREACHABLE_LIMIT })
  try {
    const { tickets } = (await (
      await fetch(`${emulator.baseUrl}/tickets?api_key=${emulator.apiKey}`)
    ).json()) as {
      tickets: { id: number }[]
    }
    const results: MemoryResult[] = []
    for (const connections of [3, 300]) {
      const gateway = await startGatewayProcess(emulator, { connections })
      try {
        await sleep(SETTLE_MS) // startup garbage collected, timers settled: a fair idle reading
        const idleRssMb = await residentMb(gateway)
        const readings: number[] = []
        let loading = true
        const sampling = (async () => {
          while (loading) {
            readings.push(await residentMb(gateway))
            await sleep(SAMPLE_EVERY_MS)
          }
        })()
        await load(`${gateway.connectionUrl}/tickets/${tickets[0]!.id}`, seconds)
        loading = false
        await sampling
        await sleep(SETTLE_MS)
        results.push({
          connections,
          idleRssMb,
          loadedRssMb: Math.max(...readings),
          afterRssMb: await residentMb(gateway),
        })
      } finally {
        await gateway.stop()
      }
    }
    return results
  } finally {
    await emulator.stop()
  }
}
