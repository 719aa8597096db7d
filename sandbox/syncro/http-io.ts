import type { IncomingMessage } from 'node:http'
import { isJsonContentType, readBodyText } from '../shared/http-io.js'
import type { SyncroReply } from './http-types.js'
import { malformedJson } from './vendor-errors.js'

export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; reply: SyncroReply }

/**
 * Reads a JSON body into the params object Rails would build: only a JSON content type is parsed; a body in
 * any other type, or JSON that is not an object, yields no params. Malformed JSON answers 400.
 */
export async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const text = await readBodyText(request)
  if (text === undefined)
    return { ok: false, reply: { status: 413, body: { error: 'Request Entity Too Large' } } }
  if (!isJsonContentType(request.headers['content-type']) || text.trim() === '') return { ok: true, body: {} }
  try {
    const parsed: unknown = JSON.parse(text)
    const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    return { ok: true, body: isObject ? (parsed as Record<string, unknown>) : {} }
  } catch {
    return { ok: false, reply: malformedJson() }
  }
}
