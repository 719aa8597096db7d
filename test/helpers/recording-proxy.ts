import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'

export interface RecordedRequest {
  method: string
  /** Path and query as the client sent them. */
  url: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`: put it in place of the vendor's origin. */
  origin: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

/**
 * A pass-through in front of an emulator that keeps every request it forwards, so a test can read what the
 * gateway sent the vendor (a JSON Patch, a `conditions` string) while the real emulator answers it. With `tls`
 * it serves HTTPS (an on-premise host with its own certificate). With `host` it forwards with that Host header
 * (a vendor host name, such as a hosted tenant's `{tenant}.halopsa.com`, that does not resolve here).
 */
export async function startRecordingProxy(
  target: string,
  tls?: { key: string; cert: string },
  options: { host?: string } = {},
): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = []
  const forward = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const method = incoming.method ?? 'GET'
    requests.push({ method, url: incoming.url ?? '/', headers: { ...incoming.headers }, body })
    try {
      const { host: _host, connection: _connection, ...headers } = incoming.headers
      const answer = await request(`${target}${incoming.url}`, {
        method: method as 'GET',
        headers: options.host ? { ...headers, host: options.host } : headers,
        body: body === '' ? undefined : body,
      })
      const text = await answer.body.text()
      const { connection: _c, 'transfer-encoding': _t, 'keep-alive': _k, ...answerHeaders } = answer.headers
      outgoing.writeHead(answer.statusCode, answerHeaders)
      outgoing.end(text)
    } catch {
      outgoing.socket?.destroy()
    }
  }
  const server = tls ? createTlsServer(tls, forward) : createServer(forward)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
