import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

/**
 * What reaches the gateway's socket that is not a well-formed, timely request: every answer is problem+json with a
 * request id, a slow sender is cut off, an oversized body can be sent whole and its 413 read, and no log line
 * holds the bytes received.
 */

const API_KEY = 'edge-test-key-0123456789'
let gateway: SyncroGateway
let port: number
let origin: string

beforeAll(async () => {
  gateway = await startSyncroGateway({
    config: {
      logLevel: 'trace',
      bodyLimitBytes: 64 * 1024,
      requestTimeoutMs: 500,
      headersTimeoutMs: 500,
      apiKeys: [{ name: 'edge', key: API_KEY }],
    },
  })
  origin = await gateway.app.listen({ host: '127.0.0.1', port: 0 })
  port = Number(new URL(origin).port)
})
afterAll(() => gateway.close())

interface RawExchange {
  socket: Socket
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>
  write(bytes: string | Buffer): Promise<void>
}

async function rawConnection(): Promise<RawExchange> {
  const socket = connect(port, '127.0.0.1')
  let received = ''
  socket.on('data', (chunk) => (received += chunk))
  const closed = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received))
    socket.on('error', () => {})
  })
  await once(socket, 'connect')
  const write = (bytes: string | Buffer) =>
    new Promise<void>((resolve, reject) =>
      socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    )
  return { socket, closed, write }
}

function parseAnswer(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n')
  const [statusLine, ...headerLines] = head.split('\r\n')
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  )
  return { status: Number(statusLine?.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined }
}

const expectProblem = (answer: ReturnType<typeof parseAnswer>, status: number, code: string) => {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(answer.headers['x-request-id']).toMatch(/.+/)
  expect(answer.body).toMatchObject({ status, code, requestId: answer.headers['x-request-id'] })
}

describe('slow senders', () => {
  it('a body trickling in is answered 408 problem+json and the connection closed', async () => {
    const exchange = await rawConnection()
    await exchange.write(
      `POST /v1/connections/syncro-test/customers HTTP/1.1\r\nhost: x\r\nx-api-key: ${API_KEY}\r\n` +
        'content-type: application/json\r\ncontent-length: 100\r\n\r\n{"na',
    )
    expectProblem(parseAnswer(await exchange.closed), 408, 'request_timeout')
  })

  it('headers that never end are answered 408 the same way', async () => {
    const exchange = await rawConnection()
    await exchange.write('GET /healthz HTTP/1.1\r\nhost: x\r\n')
    expectProblem(parseAnswer(await exchange.closed), 408, 'request_timeout')
  })
})

describe('what never becomes a request', () => {
  it('bytes that are not HTTP: 400 problem+json, and the log says so without the bytes', async () => {
    const exchange = await rawConnection()
    await exchange.write(`GET / HTTP/1.1\r\nhost: x\r\nx-api-key: ${API_KEY}\r\nbad header\r\n\r\n`)
    expectProblem(parseAnswer(await exchange.closed), 400, 'validation_failed')
    const lines = gateway.logs.filter((line) => line.includes('client error'))
    expect(lines.length).toBeGreaterThan(0)
    expect(gateway.logs.filter((line) => line.includes(API_KEY) || line.includes('rawPacket'))).toEqual([])
  })

  it('a path that does not decode: 400 problem+json with a request id', async () => {
    const response = await fetch(`${origin}/v1/connections/%C0%AE/tickets`, {
      headers: { 'x-api-key': API_KEY },
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ code: 'validation_failed', requestId: response.headers.get('x-request-id') })
  })

  it('a body naming __proto__ is refused as what it is', async () => {
    const before = gateway.emulator.db.customers.size
    const response = await fetch(`${origin}/v1/connections/syncro-test/customers`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: '{"name":"Acme","__proto__":{"admin":true}}',
    })
    const body = (await response.json()) as { detail: string }
    expect(response.status).toBe(400)
    expect(body.detail).toMatch(/__proto__/)
    expect(gateway.emulator.db.customers.size).toBe(before)
  })
})

describe('a body over the limit', () => {
  const oversized = 1_000_000
  const bigger = 4_000_000

  it('can be sent whole by a client that writes before it reads, which then reads the 413', async () => {
    const exchange = await rawConnection()
    await exchange.write(
      `POST /v1/connections/syncro-test/customers HTTP/1.1\r\nhost: x\r\nx-api-key: ${API_KEY}\r\n` +
        `content-type: application/json\r\ncontent-length: ${bigger}\r\n\r\n`,
    )
    // In pieces with a pause between them, as a client on a real network sends: the answer comes meanwhile.
    const chunk = Buffer.alloc(64 * 1024, 'x')
    for (let sent = 0; sent < bigger; sent += chunk.length) {
      await exchange.write(chunk.subarray(0, Math.min(chunk.length, bigger - sent)))
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    exchange.socket.end()
    expectProblem(parseAnswer(await exchange.closed), 413, 'payload_too_large')
  })

  it('answers 413 problem+json to Node fetch, 20 times out of 20', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(oversized) })
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${origin}/v1/connections/syncro-test/customers`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body,
      })
      expect(response.status).toBe(413)
      expect(((await response.json()) as { code: string }).code).toBe('payload_too_large')
    }
  })
})
