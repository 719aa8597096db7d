import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorReply } from './reply.js'

export const MAX_BODY_BYTES = 5 * 1024 * 1024

/** The body as text, or `undefined` once it grows past `maxBytes` (the caller answers 413 its vendor's way). */
export async function readBodyText(
  request: IncomingMessage,
  maxBytes = MAX_BODY_BYTES,
): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBytes) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function isJsonContentType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return mediaType === 'application/json' || mediaType.endsWith('+json')
}

const answersToDrop = new WeakSet<ServerResponse>()

/** The request is processed as usual, but its answer never leaves: the connection is cut instead. */
export function dropAnswerOf(response: ServerResponse): void {
  answersToDrop.add(response)
}

const answerDelays = new WeakMap<ServerResponse, number>()
const answerReplacements = new WeakMap<ServerResponse, EmulatorReply>()

/** The request is processed as usual, and answered with `reply` instead of its own answer. */
export function replaceAnswerOf(response: ServerResponse, reply: EmulatorReply): void {
  answerReplacements.set(response, reply)
}

/** The request is processed as usual, and its answer leaves `ms` later (if its client is still there). */
export function delayAnswerOf(response: ServerResponse, ms: number): void {
  answerDelays.set(response, ms)
}

export function sendReply(response: ServerResponse, reply: EmulatorReply): void {
  if (answersToDrop.has(response)) {
    response.socket?.destroy()
    return
  }
  const replacement = answerReplacements.get(response)
  if (replacement) {
    answerReplacements.delete(response)
    reply = replacement
  }
  const delay = answerDelays.get(response)
  if (delay !== undefined) {
    answerDelays.delete(response)
    setTimeout(() => sendReply(response, reply), delay).unref()
    return
  }
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
