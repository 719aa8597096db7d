import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSyncroEmulator } from '../../sandbox/syncro/index.js'
import { startServerProcess } from '../../test/helpers/server-process.js'

export interface MemoryResult {
  connections: number
  idleRssMb: number
}

/** Resident memory of one idle gateway process with 3 and with 300 configured connections. */
export async function memory(): Promise<MemoryResult[]> {
  const emulator = await startSyncroEmulator()
  const dir = await mkdtemp(join(tmpdir(), 'psagw-bench-'))
  try {
    const results: MemoryResult[] = []
    for (const count of [3, 300]) {
      const configPath = join(dir, `gateway-${count}.json`)
      const connections = Array.from({ length: count }, (_, i) => ({
        id: `syncro-${i}`,
        vendor: 'syncro',
        apiKey: emulator.apiKeys[0],
        baseUrl: emulator.baseUrl,
        rateLimit: { limit: 180, windowMs: 60_000, scope: 'connection' },
      }))
      await writeFile(configPath, JSON.stringify({ connections }))
      const server = await startServerProcess({ GATEWAY_CONFIG: configPath })
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_000))
        const metrics = await (await fetch(`${server.url}/metrics`)).text()
        const line = metrics.split('\n').find((l) => l.startsWith('psagw_process_resident_memory_bytes'))
        results.push({ connections: count, idleRssMb: Math.round(Number(line?.split(' ')[1]) / 1_048_576) })
      } finally {
        await server.stop()
      }
    }
    return results
  } finally {
    await emulator.close()
    await rm(dir, { recursive: true, force: true })
  }
}
