import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { startSyncroEmulator, type SyncroEmulator } from '../../sandbox/syncro/index.js'
import { call } from '../helpers/replicas.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'

/** A SIGTERM while a create is at the vendor: the create finishes, is answered, happens once; then the process exits. */

let emulator: SyncroEmulator
let server: ServerProcess
let dir: string

beforeAll(async () => {
  emulator = await startSyncroEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
  dir = await mkdtemp(join(tmpdir(), 'psagw-shutdown-'))
  const configPath = join(dir, 'gateway.json')
  await writeFile(
    configPath,
    JSON.stringify({
      connections: [
        { id: 'syncro', vendor: 'syncro', apiKey: emulator.apiKeys[0], baseUrl: emulator.baseUrl },
      ],
    }),
  )
  server = await startServerProcess({ GATEWAY_CONFIG: configPath })
}, 60_000)

afterAll(async () => {
  await server?.stop()
  await emulator?.close()
  await rm(dir, { recursive: true, force: true })
})

it('finishes a create in flight on SIGTERM, once, and exits cleanly', async () => {
  const customerId = String([...emulator.db.customers.keys()][0])
  const before = emulator.db.tickets.size
  emulator.faults.delay({ ms: 1_000, method: 'POST', pathPrefix: '/tickets' })
  const create = call(`${server.url}/v1/connections/syncro/tickets`, {
    method: 'POST',
    body: { subject: 'Created during shutdown', customerId },
  })
  // The create has reached the vendor (and waits there) before the signal goes.
  await vi.waitFor(() => expect(emulator.stats.byRoute['POST /tickets']).toBe(1), { interval: 10 })
  server.child.kill('SIGTERM')
  const answer = await create
  expect(answer.status).toBe(201)
  expect(emulator.db.tickets.size).toBe(before + 1)
  expect(
    [...emulator.db.tickets.values()].filter((t) => t.subject === 'Created during shutdown'),
  ).toHaveLength(1)
  const [code] = server.child.exitCode === null ? await once(server.child, 'exit') : [server.child.exitCode]
  expect(code).toBe(0)
  expect(server.lines.some((line) => line.includes('shutting down'))).toBe(true)
})
