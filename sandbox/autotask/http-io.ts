import type { IncomingMessage } from 'node:http'
import { isJsonContentType, readBodyText } from '../shared/http-io.js'
import type { EmulatorReply } from '../shared/reply.js'
import { refused } from './vendor-errors.js'

export type BodyResult = { ok: true; body: unknown } | { ok: false; reply: EmulatorReply }

/**
 * A request's JSON body (undefined when empty). A body in another media type is refused with ASP.NET Web API's own
 * 415 (unsourced: chosen because the API is ASP.NET and SWAGGER says it consumes application/json only); malformed
 * JSON and an oversized body are refused with Autotask's 500 (unsourced texts: chosen).
 */
export async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const text = await readBodyText(request)
  if (text === undefined) return { ok: false, reply: refused('The request body is too large.') }
  if (text.trim() === '') return { ok: true, body: undefined }
  const contentType = request.headers['content-type']
  if (contentType !== undefined && !isJsonContentType(contentType)) {
    const mediaType = contentType.split(';')[0]?.trim() ?? ''
    const Message = `The request entity's media type '${mediaType}' is not supported for this resource.`
    return { ok: false, reply: { status: 415, body: { Message } } }
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, reply: refused('The request body is not valid JSON.') }
  }
}
