import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SyncroReply } from './http-types.js'
import { malformedJson } from './vendor-errors.js'

const MAX_BODY_BYTES = 5 * 1024 * 1024

export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; reply: SyncroReply }

/**
 * Reads a JSON body into the params object Rails would build: only a JSON content type is parsed; a body in
 * any other type, or JSON that is not an object, yields no params. Malformed JSON answers 400.
 */
export async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES)
      return { ok: false, reply: { status: 413, body: { error: 'Request Entity Too Large' } } }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!isJsonContentType(request.headers['content-type']) || text.trim() === '') return { ok: true, body: {} }
  try {
    const parsed: unknown = JSON.parse(text)
    const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    return { ok: true, body: isObject ? (parsed as Record<string, unknown>) : {} }
  } catch {
    return { ok: false, reply: malformedJson() }
  }
}

function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || mediaType.endsWith('+json')
}

export function sendReply(response: ServerResponse, reply: SyncroReply): void {
  if (response.headersSent || response.destroyed) return
  const headers = lowerCaseKeys(reply.headers ?? {})
  let payload: string | undefined
  if (typeof reply.body === 'string') {
    payload = reply.body
    headers['content-type'] ??= 'text/plain; charset=utf-8'
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body)
    headers['content-type'] ??= 'application/json; charset=utf-8'
  }
  headers['content-length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload))
  response.writeHead(reply.status, headers)
  response.end(payload)
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}
