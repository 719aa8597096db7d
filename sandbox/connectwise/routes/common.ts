import { ReplyError } from '../../shared/reply.js'
import { formatTimestamp } from '../dates.js'
import type { JsonObject } from '../field-schema.js'
import type { HandlerContext } from '../http-types.js'
import type { InfoStamp, Timestamp } from '../records.js'
import { malformedBody } from '../vendor-errors.js'

// What several routes need: path ids, the body as an object, and the `_info` stamps of a write.

/**
 * A path id; NaN (finds nothing) when it is not a positive integer, so `/service/tickets/abc` answers 404
 * RecordNotFound like an unknown id (our choice over 400: the vendor's routes only match integer ids).
 */
export function recordId(text: string | undefined): number {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN
}

export function objectBody(body: unknown): JsonObject {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as JsonObject
  throw new ReplyError(malformedBody('The request body must be a JSON object.'))
}

export interface WriteStamp {
  at: Timestamp
  /** The API member's identifier. */
  by: string
}

export function writeStamp(context: HandlerContext): WriteStamp {
  return {
    at: formatTimestamp(context.now().getTime()),
    by: context.db.members.get(context.apiMemberId)?.identifier ?? 'APIMember',
  }
}

export function newInfo({ at, by }: WriteStamp): InfoStamp {
  return { lastUpdated: at, dateEntered: at, enteredBy: by, updatedBy: by }
}

export function touchedInfo(info: InfoStamp, { at, by }: WriteStamp): InfoStamp {
  return { ...info, lastUpdated: at, updatedBy: by }
}
