/**
 * Every failure the gateway reports is a GatewayError: a stable `code`, an HTTP status and a detail that
 * is safe to show (no stack, no secret, no vendor credentials). The error handler turns it into
 * `application/problem+json`.
 */

export type ProblemCode =
  | 'validation_failed'
  | 'invalid_cursor'
  | 'cursor_expired'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'request_timeout'
  | 'unsupported_media_type'
  | 'unsupported_filter'
  | 'unsupported_operation'
  | 'rate_limited'
  | 'vendor_unavailable'
  | 'store_unavailable'
  | 'internal'

export interface FieldError {
  field?: string
  message: string
}

/** What the vendor said, as far as it is safe to repeat. */
export interface VendorErrorInfo {
  status: number
  code?: string
  message?: string
}

export interface GatewayErrorExtras {
  errors?: FieldError[]
  vendor?: VendorErrorInfo
  retryAfterSeconds?: number
  /** A write reached the vendor and no answer came back: it may or may not have happened. */
  writeOutcomeUnknown?: true
}

const titles: Record<ProblemCode, string> = {
  validation_failed: 'The request is not valid',
  invalid_cursor: 'The cursor is not valid for this list',
  cursor_expired: 'The cursor is past the retention',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'The request body is too large',
  request_timeout: 'The request was not received in time',
  unsupported_media_type: 'Unsupported content type',
  unsupported_filter: 'The vendor cannot apply this filter',
  unsupported_operation: 'The vendor cannot perform this operation',
  rate_limited: 'Too many requests',
  vendor_unavailable: 'The vendor is unavailable',
  store_unavailable: "The gateway's shared state is unreachable",
  internal: 'Internal error',
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError'

  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: GatewayErrorExtras = {},
  ) {
    super(detail)
  }

  get title(): string {
    return titles[this.code]
  }
}

export const validationFailed = (detail: string, errors?: FieldError[], vendor?: VendorErrorInfo) =>
  new GatewayError(vendor ? 422 : 400, 'validation_failed', detail, { errors, vendor })

export const invalidCursor = (detail: string) => new GatewayError(400, 'invalid_cursor', detail)

export const notFound = (detail: string, vendor?: VendorErrorInfo) =>
  new GatewayError(404, 'not_found', detail, { vendor })

export const unsupportedFilter = (vendor: string, resource: string, filter: string) =>
  new GatewayError(400, 'unsupported_filter', `${vendor} cannot filter ${resource} by '${filter}'`, {
    errors: [{ field: filter, message: `not supported by ${vendor}` }],
  })

export const unsupportedOperation = (vendor: string, operation: string) =>
  new GatewayError(501, 'unsupported_operation', `${vendor} cannot ${operation}`)

/** A field the vendor has no place for: refusing it beats storing half of what the caller sent. */
export const unsupportedField = (vendor: string, field: string, why: string) =>
  validationFailed(`${vendor} cannot store '${field}': ${why}`, [{ field, message: why }])

export const rateLimited = (retryAfterSeconds: number, detail: string, vendor?: VendorErrorInfo) =>
  new GatewayError(429, 'rate_limited', detail, { retryAfterSeconds: Math.max(1, retryAfterSeconds), vendor })

export const vendorUnavailable = (status: 502 | 503 | 504, detail: string, vendor?: VendorErrorInfo) =>
  new GatewayError(status, 'vendor_unavailable', detail, { vendor })
