import type { IncomingMessage } from 'node:http'
import { isJsonContentType, readBodyText } from '../shared/http-io.js'
import type { HaloReply } from './http-types.js'
import { bindingError, payloadTooLarge, unsupportedMediaType } from './vendor-errors.js'

export type BodyResult = { ok: true; body: unknown } | { ok: false; reply: HaloReply }

/**
 * A write's JSON body. ASP.NET reads JSON only from a JSON media type (`text/json` included) and answers 415
 * to anything else; malformed JSON is a binding error (400).
 */
export async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const contentType = request.headers['content-type']
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
  if (!isJsonContentType(contentType) && mediaType !== 'text/json')
    return { ok: false, reply: unsupportedMediaType() }
  const text = await readBodyText(request)
  if (text === undefined) return { ok: false, reply: payloadTooLarge() }
  try {
    return { ok: true, body: JSON.parse(text) }
  } catch {
    return { ok: false, reply: bindingError('', 'The request body is not valid JSON.') }
  }
}
