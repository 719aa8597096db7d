import { setTimeout as sleep } from 'node:timers/promises'
import { load } from '../measure.js'
import {
  residentMb,
  startEmulatorProcess,
  startGatewayProcess,
  UNREACHABLE_LIMIT,
  type GatewayProcess,
} from '../processes/index.js'

export interface MemoryResult {
  connections: number
  /** A second after it listens: start-up done, the warm start's vendor calls answered. */
  startedRssMb: number
  /** Once it has gone quiet (app/idle-collection.ts) after start-up. */
  idleRssMb: number
  /** The highest reading while the overhead load (one ticket by id, 10 connections) ran. */
  loadedRssMb: number
  /** Once it has gone quiet again after the load. */
  afterRssMb: number
}

const CONNECTIONS = [3, 300]
const STARTED_MS = 1_000
const SAMPLE_EVERY_MS = 250

/**
 * Resident memory of one gateway process (as production runs it) with 3 and with 300 configured connections: just
 * after start, idle, under the overhead section's load (for `seconds`), and idle again after it; idle is read
 * `untilQuietMs` after start-up and after the load. The two processes start, and wait to go quiet, side by side; the
 * load runs on one at a time.
 */
export async function memory(seconds: number, untilQuietMs: number): Promise<MemoryResult[]> {
  const emulator = await startEmulatorProcess({ rateLimit: UNREACHABLE_LIMIT })
  const gateways: GatewayProcess[] = []
  try {
    const { tickets } = (await (
      await fetch(`${emulator.baseUrl}/tickets?api_key=${emulator.apiKey}`)
    ).json()) as {
      tickets: { id: number }[]
    }
    for (const connections of CONNECTIONS) gateways.push(await startGatewayProcess(emulator, { connections }))
    const readAll = () => Promise.all(gateways.map(residentMb))
    await sleep(STARTED_MS)
    const started = await readAll()
    await sleep(Math.max(0, untilQuietMs - STARTED_MS))
    const idle = await readAll()
    const loaded: number[] = []
    for (const gateway of gateways) {
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
      loaded.push(Math.max(...readings))
    }
    await sleep(untilQuietMs)
    const after = await readAll()
    return CONNECTIONS.map((connections, index) => ({
      connections,
      startedRssMb: started[index]!,
      idleRssMb: idle[index]!,
      loadedRssMb: loaded[index]!,
      afterRssMb: after[index]!,
    }))
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()))
    await emulator.stop()
  }
}
