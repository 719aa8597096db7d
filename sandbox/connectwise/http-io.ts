import type { IncomingMessage } from 'node:http'
import { isJsonContentType, readBodyText } from '../shared/http-io.js'
import type { ConnectWiseReply } from './http-types.js'
import { malformedBody, payloadTooLarge, unsupportedMediaType } from './vendor-errors.js'

export type BodyResult = { ok: true; body: unknown } | { ok: false; reply: ConnectWiseReply }

/** A JSON body, any JSON value (PATCH takes an array); another content type answers 415, bad JSON 400. */
export async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  if (!isJsonContentType(request.headers['content-type'])) return { ok: false, reply: unsupportedMediaType() }
  const text = await readBodyText(request)
  if (text === undefined) return { ok: false, reply: payloadTooLarge() }
  try {
    return { ok: true, body: JSON.parse(text) }
  } catch (error) {
    return {
      ok: false,
      reply: malformedBody(`The request body is not valid JSON: ${(error as Error).message}`),
    }
  }
}
