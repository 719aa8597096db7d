import type { HaloReply } from './http-types.js'

// Error answers as HaloPSA shapes them. The vendor mixes shapes by layer (vendors.md): the ASP.NET host answers
// `{"Message"}` for auth and missing records, model binding answers a dictionary keyed by field path, the
// application's own validation answers `validation_error`, and the rate limiter its own body.

export interface FieldError {
  field: string
  message: string
}

export const ACCESS_DENIED_BODY = { Message: 'Authorization has been denied for this request.' }

export function accessDenied(): HaloReply {
  return { status: 401, body: ACCESS_DENIED_BODY, headers: { 'www-authenticate': 'Bearer' } }
}

export function insufficientScope(): HaloReply {
  return {
    status: 403,
    body: { Message: 'The access token does not have the scope required for this request.' },
  }
}

export function rateLimitedBody(retryAfterSeconds: number) {
  return {
    error: 'rate_limit_exceeded',
    message: `Too many requests. Please retry after ${retryAfterSeconds} seconds.`,
    retry_after: retryAfterSeconds,
  }
}

export function rateLimited(retryAfterSeconds: number): HaloReply {
  return {
    status: 429,
    body: rateLimitedBody(retryAfterSeconds),
    headers: { 'retry-after': String(retryAfterSeconds) },
  }
}

export function recordNotFound(entity: string, id: string): HaloReply {
  return { status: 404, body: { Message: `${entity} ${id} not found.` } }
}

/** No route for the path: ASP.NET Core answers an empty 404. */
export function noRoute(): HaloReply {
  return { status: 404 }
}

/** The path exists, not with this method (PUT or PATCH, which Halo does not offer). */
export function methodNotAllowed(allowed: string[]): HaloReply {
  return { status: 405, headers: { allow: allowed.join(', ') } }
}

export function unsupportedMediaType(): HaloReply {
  return { status: 415 }
}

export function payloadTooLarge(): HaloReply {
  return { status: 413 }
}

/** Model binding failed: messages keyed by the parameter or body path (`page_size`, `[0].client_id`). */
export function bindingErrors(errors: Record<string, string[]>): HaloReply {
  return { status: 400, body: errors }
}

export function bindingError(key: string, message: string): HaloReply {
  return bindingErrors({ [key]: [message] })
}

/** The message repeats the first detail's unless given. */
export function validationError(details: FieldError[], message = details[0]?.message ?? ''): HaloReply {
  return { status: 400, body: { error: 'validation_error', message, details } }
}

export function internalError(): HaloReply {
  return { status: 500, body: { Message: 'An error has occurred.' } }
}
