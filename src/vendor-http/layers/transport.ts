import type { IncomingHttpHeaders } from 'node:http'
import type { QueryValue, VendorCall } from '../call.js'
import { CallCancellation } from '../cancellation.js'
import type { PoolRegistry, VendorTls } from '../pools.js'
import type { VendorHttpSettings } from '../settings.js'
import { parseJsonBytes } from '../json-bytes.js'
import { classifyTransportError } from '../vendor-errors.js'
import type { Dispatch, Sent } from './exchange.js'
import type { VendorCallObserver } from './observer.js'
import { callerGone } from './pause.js'

interface TransportOptions {
  vendor: string
  pools: Pick<PoolRegistry, 'get'>
  tls?: VendorTls
  /** Headers every call carries besides auth (API version pins and the like). */
  headers?: Record<string, string>
  settings: Pick<VendorHttpSettings, 'requestTimeoutMs'>
  now: () => number
  observer: VendorCallObserver
}

/** One attempt over undici: the request, its deadline, the body read and parsed. Reported to the observer. */
export function transport(options: TransportOptions): Dispatch {
  const { vendor, pools, tls, settings, now, observer } = options

  async function request(
    baseUrl: string,
    call: VendorCall,
    authHeaders: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<Sent> {
    const headers: Record<string, string> = {
      accept: call.accept ?? 'application/json',
      'user-agent': 'psa-gateway',
      ...options.headers,
      ...authHeaders,
    }
    let payload: string | undefined
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body)
      headers['content-type'] = 'application/json'
    }
    // A caller hanging up cancels a read, never a write already on its way: the vendor may act on it, and
    // its answer decides what an Idempotency-Key repeat gets.
    const cancel = new CallCancellation(settings.requestTimeoutMs, call.method === 'GET' ? signal : undefined)
    const { origin, basePath } = apiBaseOf(baseUrl)
    let response
    let bytes: Buffer
    try {
      response = await pools.get(origin, tls).request({
        method: call.method,
        path: basePath + call.path + queryString(call.query),
        headers,
        body: payload,
        signal: cancel,
      })
      const read = await response.body.bytes()
      bytes = Buffer.from(read.buffer, read.byteOffset, read.byteLength)
    } catch (error) {
      return { kind: 'transport', failure: classifyTransportError(error) }
    } finally {
      cancel.dispose()
    }
    return {
      kind: 'response',
      status: response.statusCode,
      headers: response.headers,
      bytes,
      ...parseBody(response.headers, bytes),
    }
  }

  return {
    ready: async () => undefined,
    async send(exchange) {
      const { call, context } = exchange
      const sentAt = now()
      exchange.sentAt = sentAt
      const result = await request(exchange.baseUrl, call, exchange.authHeaders, context.signal)
      observer.attempted(exchange, result, now() - sentAt)
      if (result.kind === 'transport' && context.signal?.aborted && call.method === 'GET')
        throw callerGone(vendor)
      return result
    },
  }
}

/** The origin calls go to, and the path they go below (no trailing slash). */
export function apiBaseOf(baseUrl: string): { origin: string; basePath: string } {
  const url = new URL(baseUrl)
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') }
}

/**
 * JSON when the vendor says JSON, else the text; `unreadable` when JSON was promised but not delivered. The JSON
 * is parsed from the bytes (`parseJsonBytes`): a large page never becomes one large string.
 */
function parseBody(headers: IncomingHttpHeaders, bytes: Buffer): { body: unknown; unreadable?: true } {
  if (bytes.length === 0) return { body: undefined }
  if (String(headers['content-type'] ?? '').includes('json')) {
    try {
      return { body: parseJsonBytes(bytes) }
    } catch {
      return { body: decodeText(bytes), unreadable: true }
    }
  }
  return { body: decodeText(bytes) }
}

/** As undici's `body.text()`: UTF-8, a byte order mark skipped. */
const decodeText = (bytes: Buffer) => new TextDecoder().decode(bytes)

function queryString(query: Record<string, QueryValue> | URLSearchParams | undefined): string {
  if (!query) return ''
  let params = query
  if (!(params instanceof URLSearchParams)) {
    params = new URLSearchParams()
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.append(name, String(value))
    }
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
