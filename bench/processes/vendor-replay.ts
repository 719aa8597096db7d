import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { startSyncroEmulator, type SyncroEmulator } from '../../sandbox/syncro/index.js'
import { serveParent } from './child.js'
import { UNREACHABLE_LIMIT } from './index.js'

// The vendor of the overhead section: Syncro's answers, recorded from the emulator and replayed as bytes, so that
// what a request costs beyond the vendor is the gateway's (or the proxy's) own work, not the emulator's. Holds one
// Syncro emulator per ticket page size in BENCH_REPLAY.pageSizes, each filled to BENCH_REPLAY.tickets tickets
// (the seeded ones copied, with their comments). `/pages-<n>/<path>` answers what emulator <n> answers to
// `<path>` (a GET with this account's key), asked once, at its first request, and served from memory from then on.
// Prints { url }; 'stats' answers { recorded }.

export interface ReplayOptions {
  pageSizes: number[]
  tickets: number
}

interface Recorded {
  status: number
  headers: OutgoingHttpHeaders
  body: Buffer
}

const options = JSON.parse(process.env.BENCH_REPLAY ?? '') as ReplayOptions
/** Headers that belong to one connection or one moment, not to the answer. */
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length'])

async function filledEmulator(pageSize: number): Promise<SyncroEmulator> {
  const emulator = await startSyncroEmulator({
    rateLimit: UNREACHABLE_LIMIT,
    pageSizes: { tickets: pageSize },
  })
  const { db } = emulator
  const models = [...db.tickets.values()]
  for (let i = 0; db.tickets.size < options.tickets; i++) {
    const { id, number: _number, ...fields } = models[i % models.length]!
    const copy = db.insertTicket({ ...fields, subject: `${fields.subject} (${i})` })
    for (const { id: _comment, ...comment } of db.commentsOf(id))
      db.insertComment({ ...comment, ticket_id: copy.id })
  }
  return emulator
}

const emulators = new Map<string, SyncroEmulator>()
for (const size of options.pageSizes) emulators.set(`/pages-${size}`, await filledEmulator(size))
const recordings = new Map<string, Promise<Recorded>>()
/** Answers asked of an emulator: once per distinct request, unless the benchmark asks something new. */
let recorded = 0

async function record(
  emulator: SyncroEmulator,
  path: string,
  headers: IncomingHttpHeaders,
): Promise<Recorded> {
  recorded++
  const answer = await request(`${emulator.baseUrl}${path}`, {
    headers: { accept: headers.accept ?? 'application/json', authorization: `Bearer ${emulator.apiKeys[0]}` },
  })
  const body = Buffer.from(await answer.body.arrayBuffer())
  const kept = Object.entries(answer.headers).filter(([name]) => !NOT_REPLAYED.has(name))
  return { status: answer.statusCode, headers: Object.fromEntries(kept), body }
}

const server = createServer((req, res) => {
  const url = req.url ?? '/'
  const prefix = /^\/pages-\d+/.exec(url)?.[0]
  const emulator = prefix ? emulators.get(prefix) : undefined
  if (req.method !== 'GET' || !prefix || !emulator) {
    res.writeHead(404).end()
    return
  }
  let recording = recordings.get(url)
  if (!recording) {
    recording = record(emulator, url.slice(prefix.length), req.headers)
    recordings.set(url, recording)
  }
  recording.then(
    ({ status, headers, body }) =>
      res.writeHead(status, { ...headers, 'content-length': body.length }).end(body),
    (error: unknown) => res.writeHead(502).end(String(error)),
  )
})
server.keepAliveTimeout = 60_000
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

serveParent({
  ready: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
  stats: () => ({ recorded }),
  close: async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await Promise.all([...emulators.values()].map((emulator) => emulator.close()))
  },
})
