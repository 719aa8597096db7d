import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { GatewayError, type FieldError, type ProblemCode } from '../errors.js'
import { FORMAT_MESSAGES } from './validation.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The answer is a write whose outcome at the vendor is unknown. */
    writeOutcomeUnknown?: boolean
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** The problem+json document of an error (RFC 9457), as text. */
export function problemText(error: GatewayError, requestId: string): string {
  return JSON.stringify({
    type: `urn:psa-gateway:problem:${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    detail: error.detail,
    requestId,
    ...(error.extras.errors?.length ? { errors: error.extras.errors } : {}),
    ...(error.extras.vendor ? { vendor: error.extras.vendor } : {}),
    ...(error.extras.writeOutcomeUnknown ? { writeOutcome: 'unknown' } : {}),
  })
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: GatewayError): FastifyReply {
  // An Idempotency-Key repeat must replay this answer, not write a second time (src/http/idempotency.ts).
  if (error.extras.writeOutcomeUnknown) request.writeOutcomeUnknown = true
  if (error.extras.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(error.extras.retryAfterSeconds))
  if (error.status === 401) reply.header('www-authenticate', 'Bearer')
  // Set here too: an answer to what never matched a route (a URL that cannot be decoded) runs no hooks.
  reply.header('x-request-id', request.id)
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(problemText(error, request.id))
}

interface AjvError {
  keyword: string
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

const joinPath = (instancePath: string, property?: unknown) =>
  [...instancePath.split('/').filter(Boolean), ...(typeof property === 'string' ? [property] : [])].join('.')

function fieldErrorOf(error: AjvError): FieldError {
  switch (error.keyword) {
    case 'required':
      return { field: joinPath(error.instancePath, error.params.missingProperty), message: 'is required' }
    case 'additionalProperties':
      return {
        field: joinPath(error.instancePath, error.params.additionalProperty),
        message: 'is not an accepted field',
      }
    case 'minProperties':
      return { message: 'send at least one field' }
    case 'format': {
      const message = FORMAT_MESSAGES[String(error.params.format)] ?? error.message ?? 'is not valid'
      return { field: joinPath(error.instancePath), message }
    }
    default: {
      const field = joinPath(error.instancePath)
      return field
        ? { field, message: error.message ?? 'is not valid' }
        : { message: error.message ?? 'is not valid' }
    }
  }
}

const PART_NAMES: Record<string, string> = {
  body: 'the body is',
  querystring: 'the query string is',
  params: 'the path is',
  headers: 'the headers are',
}

function fromValidation(error: FastifyError): GatewayError {
  const errors = (error.validation as AjvError[]).map(fieldErrorOf)
  const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'the request is'
  const first = errors[0]
  const summary = first ? `${first.field ? `${first.field} ` : ''}${first.message}` : 'is not valid'
  return new GatewayError(400, 'validation_failed', `${part} not valid: ${summary}`, { errors })
}

const FRAMEWORK_CODES: Record<number, ProblemCode> = {
  400: 'validation_failed',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
}

/** The one error handler: every error leaves as problem+json, and a 5xx never shows internals. */
export function handleError(
  error: FastifyError | GatewayError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof GatewayError) {
    if (error.status >= 500)
      request.log.warn({ code: error.code, status: error.status, vendor: error.extras.vendor }, error.detail)
    return sendProblem(request, reply, error)
  }
  if (error.validation) return sendProblem(request, reply, fromValidation(error))
  const status = error.statusCode ?? 500
  const code = FRAMEWORK_CODES[status]
  if (status < 500 && code) {
    const detail =
      status === 400 && error.code?.startsWith('FST_ERR_CTP')
        ? `the body is not valid: ${error.message}`
        : error.message
    return sendProblem(request, reply, new GatewayError(status, code, detail))
  }
  if (status < 500)
    return sendProblem(request, reply, new GatewayError(400, 'validation_failed', error.message))
  request.log.error({ err: error }, 'unhandled error')
  return sendProblem(
    request,
    reply,
    new GatewayError(500, 'internal', 'an unexpected error occurred; quote the requestId when reporting it'),
  )
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    request,
    reply,
    new GatewayError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
  )
}
