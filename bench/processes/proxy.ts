import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Pool } from 'undici'
import { parseJsonBytes } from '../../src/vendor-http/json-bytes.js'
import { serveParent } from './child.js'
import { jsonInPieces } from './json-pieces.js'

// The overhead section's baselines: an HTTP proxy in a process of its own, built from what the gateway is built
// on (node:http in, an undici Pool out, as the gateway's vendor pools are set up), doing the least a gateway
// must. `bare` forwards the vendor's bytes, undecoded, in one write (a stream pipeline costs more than parsing a
// small body); `parse` reads the body as the gateway does (its bytes, parsed by parseJsonBytes, which never builds
// a string past 128 KB) and answers it re-serialised (JSON.stringify's bytes, written in pieces for the same
// reason): the floor for any gateway that reshapes the JSON it relays.
// BENCH_PROXY = { upstream, mode }; prints { url }; 'stats' answers { requests }.

export interface ProxyOptions {
  upstream: string
  mode: 'bare' | 'parse'
}

const { upstream, mode } = JSON.parse(process.env.BENCH_PROXY ?? '') as ProxyOptions
const pool = new Pool(upstream, { connections: 32, keepAliveTimeout: 10_000 })
let requests = 0

const server = createServer((req, res) => {
  requests++
  forward(req.url ?? '/', req.headers.authorization, res).catch((error: unknown) => {
    if (!res.headersSent) res.writeHead(502)
    res.end(String(error))
  })
})

async function forward(path: string, authorization: string | undefined, res: ServerResponse) {
  const answer = await pool.request({ method: 'GET', path, headers: authorization ? { authorization } : {} })
  const contentType = String(answer.headers['content-type'] ?? 'application/json')
  const bytes = Buffer.from(await answer.body.arrayBuffer())
  const body = mode === 'bare' ? bytes : jsonInPieces(parseJsonBytes(bytes))
  res
    .writeHead(answer.statusCode, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
    .end(body)
}

server.keepAliveTimeout = 60_000
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

serveParent({
  ready: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
  stats: () => ({ requests }),
  close: async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await pool.close()
  },
})
