import {
  GatewayError,
  notFound,
  rateLimited,
  validationFailed,
  vendorUnavailable,
  type FieldError,
  type VendorErrorInfo,
} from '../errors.js'

/** What an adapter reads out of a vendor error body (each vendor has its own shapes). */
export interface VendorErrorDescription {
  /**
   * The status the answer stands for, where the vendor's own misleads (Autotask refuses a business rule with a
   * 500): it decides the caller's error, and whether the answer says the connection is failing.
   */
  status?: number
  code?: string
  message?: string
  /** `field` in the vendor's own naming; translated through the call's `fieldNames`. */
  errors: Array<{ field?: string; message: string }>
}

export type VendorErrorDescriber = (status: number, body: unknown) => VendorErrorDescription

const MAX_MESSAGE_LENGTH = 500
const clip = (text: string) =>
  text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text

function translateFieldErrors(
  errors: VendorErrorDescription['errors'],
  fieldNames: Record<string, string>,
): FieldError[] {
  // Some vendors name fields in any case (Autotask's `companyId` is its `companyID`).
  const lowerCased = new Map(
    Object.entries(fieldNames).map(([name, canonical]) => [name.toLowerCase(), canonical]),
  )
  return errors.map(({ field, message }) => {
    const canonical =
      field === undefined ? undefined : (fieldNames[field] ?? lowerCased.get(field.toLowerCase()))
    if (canonical) return { field: canonical, message: clip(message) }
    return { message: clip(field ? `${field} ${message}` : message) }
  })
}

/** Maps a vendor's error answer to the canonical error the caller gets. */
export function gatewayErrorFromVendor(
  vendor: string,
  status: number,
  description: VendorErrorDescription,
  fieldNames: Record<string, string>,
  retryAfterMs?: number,
): GatewayError {
  const info: VendorErrorInfo = { status }
  if (description.code) info.code = clip(description.code)
  if (description.message) info.message = clip(description.message)
  const said = description.message ? `: ${clip(description.message)}` : ''
  status = description.status ?? status
  switch (true) {
    case status === 400 || status === 422:
      return validationFailed(
        `${vendor} rejected the request${said}`,
        translateFieldErrors(description.errors, fieldNames),
        info,
      )
    case status === 401:
      return vendorUnavailable(502, `${vendor} rejected the connection's credentials`, info)
    case status === 403:
      return new GatewayError(
        403,
        'forbidden',
        `${vendor} does not allow this connection to do that${said}`,
        { vendor: info },
      )
    case status === 404:
      return notFound(`${vendor} has no such record`, info)
    case status === 409:
      return new GatewayError(409, 'conflict', `${vendor} reported a conflict${said}`, { vendor: info })
    case status === 429:
      return rateLimited(Math.ceil((retryAfterMs ?? 1000) / 1000), `${vendor} rate limit reached`, info)
    case status === 504:
      return vendorUnavailable(504, `${vendor} timed out`, info)
    case status === 503:
      return vendorUnavailable(503, `${vendor} is unavailable`, info)
    default:
      return vendorUnavailable(502, `${vendor} answered with an unexpected error (${status})`, info)
  }
}

export interface TransportFailure {
  /** False when the request provably never left: no connection was made. */
  reachedVendor: boolean
  timedOut: boolean
}

const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
])
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

export function classifyTransportError(error: unknown): TransportFailure {
  const code = (error as { code?: string })?.code ?? ''
  const name = (error as { name?: string })?.name ?? ''
  return {
    reachedVendor: !NEVER_CONNECTED.has(code),
    timedOut: TIMEOUTS.has(code) || name === 'TimeoutError',
  }
}

/** `write`: the call would change something at the vendor (a create, an update). */
export function gatewayErrorFromTransport(
  vendor: string,
  failure: TransportFailure,
  write = false,
): GatewayError {
  if (!failure.reachedVendor) return vendorUnavailable(502, `could not connect to ${vendor}`)
  const answer = failure.timedOut
    ? vendorUnavailable(504, `${vendor} did not answer in time`)
    : vendorUnavailable(502, `the connection to ${vendor} failed`)
  return write ? writeOfUnknownOutcome(answer, vendor) : answer
}

/** The same failure, told as a write that may or may not have happened (never repeated, kept for its key). */
export function writeOfUnknownOutcome(error: GatewayError, vendor: string): GatewayError {
  return new GatewayError(
    error.status,
    'vendor_unavailable',
    `${error.detail}: the write may or may not have happened at ${vendor}; check before writing again`,
    { ...error.extras, writeOutcomeUnknown: true },
  )
}
