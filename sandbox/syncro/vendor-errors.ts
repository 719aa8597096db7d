import type { SyncroReply } from './http-types.js'

// Error answers exactly as Syncro words and shapes them (vendors.md and the vendor's OpenAPI examples).

export interface FieldError {
  field: string
  message: string
}

export const NOT_AUTHORIZED_BODY = { error: 'Not authorized. Please check your API key.' }
export const RATE_LIMITED_BODY = { error: 'Rate limit exceeded. Please wait before making more requests.' }

export function notAuthorized(): SyncroReply {
  return { status: 401, body: NOT_AUTHORIZED_BODY }
}

export function rateLimited(retryAfterSeconds: number): SyncroReply {
  return { status: 429, body: RATE_LIMITED_BODY, headers: { 'retry-after': String(retryAfterSeconds) } }
}

export function notFound(): SyncroReply {
  return { status: 404, body: { message: 'Not found' } }
}

export function malformedJson(): SyncroReply {
  return { status: 400, body: { error: 'Malformed JSON' } }
}

export function invalidDate(param: string): SyncroReply {
  return { status: 400, body: { error: `Invalid date: ${param}` } }
}

export function customerRequired(): SyncroReply {
  return { status: 422, body: { error: 'Customer required field' } }
}

export function validationFailed(errors: FieldError[]): SyncroReply {
  return { status: 422, body: { error: 'Validation failed', errors } }
}

/** The model-validation shape; create answers also echo the params that were sent. */
export function recordInvalid(messages: string[], params?: Record<string, unknown>): SyncroReply {
  return { status: 422, body: { success: false, message: messages, ...(params ? { params } : {}) } }
}

export function internalError(): SyncroReply {
  return { status: 500, body: { status: 500, error: 'Internal Server Error' } }
}

/**
 * A contact write the model refused: the record as it would have been saved, and the messages as one text (the
 * spec's POST and PUT /contacts 422 examples show one message; several joined by ", " is our reading).
 */
export function contactInvalid(record: Record<string, unknown>, messages: string[]): SyncroReply {
  return { status: 422, body: { record, errors: messages.join(', ') } }
}
