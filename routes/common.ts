import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Adapter, CallContext } from '../adapters/types.js'
import { withoutRemote } from '../src/canonical/common.js'
import { Problem } from '../src/canonical/problem.js'
import { ConnectionId } from '../src/connection-config.js'
import { callerSignal } from '../src/http/caller-signal.js'
import { idempotencyWriteHooks } from '../src/http/idempotency.js'
import { RequestAdmission } from '../src/vendor-http/admission.js'
import { EventCursorExpired } from '../src/events/cursor-expired.js'
import { PROBLEM_CONTENT_TYPE, problemText } from '../src/http/problem.js'
import {
  GatewayError,
  notFound,
  rateLimited,
  unsupportedFilter,
  unsupportedOperation,
  validationFailed,
  vendorUnavailable,
} from '../src/errors.js'

/** A write takes no query parameters: one sent by mistake (`?notify=true`) is an error, not ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false })

/** The header of every POST and PATCH: validated here, honoured by src/http/idempotency.ts. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'Makes the write safe to repeat: the same key and body replay the first answer for 24 h; the same key with another body is 422.',
    }),
  ),
})

export const ConnectionParams = Type.Object(
  {
    connection: {
      ...ConnectionId,
      description:
        'A connection id, as GET /v1/connections lists them (sandbox mode: connectwise-sandbox, ' +
        'halopsa-sandbox, syncro-sandbox, autotask-sandbox)',
    },
  },
  { additionalProperties: false },
)

/**
 * The adapter of the connection a request names, resolved once per request (an unknown connection is a 404):
 * the handlers and the keyed-create duplicate check ask for it here.
 */
export function adapterOf(request: FastifyRequest): Adapter {
  request.adapter ??= request.server.registry.get((request.params as { connection: string }).connection)
  return request.adapter
}

/** Each problem answer a route may give: what it means, and a real error of that status as its example. */
const problemAnswers: Record<number, { description: string; example: GatewayError }> = {
  400: {
    description: 'Invalid input (validation_failed, invalid_cursor, unsupported_filter)',
    example: unsupportedFilter('syncro', 'tickets', 'priority'),
  },
  401: {
    description: 'Missing or wrong gateway API key',
    example: new GatewayError(401, 'unauthorized', 'send a gateway API key as Authorization: Bearer <key>'),
  },
  403: {
    description: 'The API key may not do this',
    example: new GatewayError(403, 'forbidden', "this API key may not use connection 'halopsa-main'"),
  },
  404: {
    description: 'Unknown connection or record',
    example: notFound('syncro has no such record', { status: 404 }),
  },
  408: {
    description: 'The request (headers and body) did not arrive in time',
    example: new GatewayError(
      408,
      'request_timeout',
      'the request (headers and body) did not arrive in time',
    ),
  },
  409: {
    description: 'Conflict',
    example: new GatewayError(409, 'conflict', 'a request with this Idempotency-Key is still in progress'),
  },
  410: {
    description: 'The cursor is past the retention: start again without one',
    example: new EventCursorExpired(),
  },
  413: {
    description: 'Body over the size limit',
    example: new GatewayError(413, 'payload_too_large', 'the request body is over the size limit'),
  },
  415: {
    description: 'Body is not application/json',
    example: new GatewayError(415, 'unsupported_media_type', 'send the body as application/json'),
  },
  422: {
    description: 'The vendor rejected the input; field names are canonical',
    example: validationFailed(
      'connectwise rejected the ticket',
      [{ field: 'status', message: 'is not valid' }],
      {
        status: 400,
        code: 'InvalidObject',
      },
    ),
  },
  429: {
    description: 'Rate limited; see Retry-After',
    example: rateLimited(
      12,
      'the connectwise rate limit is reached; more calls are queued than can be served in time',
    ),
  },
  501: {
    description: 'The vendor cannot do this',
    example: unsupportedOperation('syncro', 'update comments'),
  },
  502: {
    description: "The vendor failed, refused the connection's credentials, or could not be reached",
    example: vendorUnavailable(502, "halopsa rejected the connection's credentials", { status: 401 }),
  },
  503: {
    description: 'The vendor is unavailable',
    example: vendorUnavailable(503, 'halopsa is unavailable', { status: 503 }),
  },
  504: {
    description: 'The vendor did not answer in time',
    example: vendorUnavailable(504, 'connectwise did not answer in time'),
  },
}

const EXAMPLE_REQUEST_ID = '6f1c2a9e-1f0b-4c1e-9d51-1b7d1c0c9a11'

/** OpenAPI entries for the problem+json answers a route may give. */
export function problemResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => {
      const answer = problemAnswers[status]
      if (!answer) throw new Error(`no problem answer is described for status ${status}`)
      return [
        status,
        Type.Unsafe({
          description: answer.description,
          content: {
            [PROBLEM_CONTENT_TYPE.split(';')[0]!]: {
              schema: Type.Ref(Problem),
              example: JSON.parse(problemText(answer.example, EXAMPLE_REQUEST_ID)),
            },
          },
        }),
      ]
    }),
  )
}

export const READ_PROBLEMS = [400, 401, 403, 404, 429, 502, 503, 504]
export const WRITE_PROBLEMS = [400, 401, 403, 404, 409, 413, 415, 422, 429, 501, 502, 503, 504]

/**
 * Logger and abort signal for the vendor calls of one request (aborted when the caller hangs up first), the
 * caller's share of the vendor limits, and for a keyed write the check made just before its vendor write.
 */
export function callContext(request: FastifyRequest, reply: FastifyReply): CallContext {
  const caller = request.caller
  if (!request.admission) {
    const admission = new RequestAdmission()
    request.admission = admission
    // Turns reserved for calls the request did not make go back once it has answered, or its caller left.
    reply.raw.once('close', () => void admission.release())
  }
  return {
    log: request.log,
    signal: callerSignal(reply),
    admission: request.admission,
    ...idempotencyWriteHooks(request, request.server.sharedState.idempotency),
    ...(caller && caller.vendorShare < 1
      ? { share: { caller: caller.name, fraction: caller.vendorShare } }
      : {}),
  }
}

/** Drops the vendor's raw record unless the caller asked for it with ?include=remote. */
export function shapeRemote<T extends { remote?: unknown }>(record: T, include: string | undefined): T {
  return include === 'remote' ? record : withoutRemote(record)
}
