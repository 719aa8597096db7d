import type { ConnectWiseReply } from './http-types.js'

// Error answers in the vendor's shape: `{"code","message"}`, plus `errors[]` for an invalid object.

export type FieldErrorCode =
  | 'NullOrEmpty'
  | 'MissingRequiredField'
  | 'InvalidArgument'
  | 'MaxLength'
  | 'ObjectExists'
  | 'InvalidField'
  | 'InvalidObject'

export interface FieldError {
  code: FieldErrorCode
  message: string
  /** The vendor's resource name: `ticket`, `ticketNote`, `company`, `configuration`, `contact`. */
  resource: string
  field: string
}

function vendorError(status: number, code: string, message: string): ConnectWiseReply {
  return { status, body: { code, message } }
}

export function invalidCredentials(): ConnectWiseReply {
  return vendorError(401, 'InvalidCredentials', 'The credentials provided are invalid.')
}

// vendors.md names the code only; 401 is our choice, like the other authentication failures.
export function missingClientId(): ConnectWiseReply {
  return vendorError(401, 'MissingClientId', 'A clientId header is required.')
}

export function unknownClientId(): ConnectWiseReply {
  return vendorError(401, 'Unauthorized', 'The clientId provided is not registered.')
}

export function rateLimitedBody(retryAfterSeconds: number) {
  return {
    code: 'RateLimitExceeded',
    message: `Rate limit exceeded. Try again in ${retryAfterSeconds} seconds.`,
  }
}

export function notFound(path: string): ConnectWiseReply {
  return vendorError(404, 'NotFound', `No resource found at ${path}.`)
}

export function methodNotAllowed(method: string, allowed: readonly string[]): ConnectWiseReply {
  return {
    ...vendorError(
      405,
      'MethodNotAllowed',
      `The requested resource does not support http method '${method}'.`,
    ),
    headers: { allow: allowed.join(', ') },
  }
}

export function recordNotFound(resource: string, id: string | undefined): ConnectWiseReply {
  return vendorError(404, 'RecordNotFound', `${resource} recId ${id ?? ''} was not found.`)
}

export function unsupportedMediaType(): ConnectWiseReply {
  return vendorError(415, 'UnsupportedMediaType', 'The request body must be sent as application/json.')
}

export function payloadTooLarge(): ConnectWiseReply {
  return vendorError(413, 'RequestTooLarge', 'The request body is larger than 5 MB.')
}

export function malformedBody(detail: string): ConnectWiseReply {
  return vendorError(400, 'InvalidObject', detail)
}

export function invalidArgument(message: string): ConnectWiseReply {
  return vendorError(400, 'InvalidArgument', message)
}

export function invalidObject(resource: string, errors: FieldError[]): ConnectWiseReply {
  return { status: 400, body: { code: 'InvalidObject', message: `${resource} object is invalid`, errors } }
}

export function unexpectedError(): ConnectWiseReply {
  return vendorError(500, 'UnexpectedError', 'An unexpected error has occurred.')
}
