import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Adapter, CallContext } from '../adapters/types.js'
import { Problem } from '../src/canonical/problem.js'
import { ConnectionId } from '../src/connection-config.js'
import { callerSignal } from '../src/http/caller-signal.js'
import { idempotencyWriteHooks } from '../src/http/idempotency.js'
import { RequestAdmission } from '../src/vendor-http/admission.js'
import { PROBLEM_CONTENT_TYPE } from '../src/http/problem.js'

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

export const ConnectionParams = Type.Object({ connection: ConnectionId }, { additionalProperties: false })

/**
 * The adapter of the connection a request names, resolved once per request (an unknown connection is a 404):
 * the handlers and the keyed-create duplicate check ask for it here.
 */
export function adapterOf(request: FastifyRequest): Adapter {
  request.adapter ??= request.server.registry.get((request.params as { connection: string }).connection)
  return request.adapter
}

const problemDescriptions: Record<number, string> = {
  400: 'Invalid input (validation_failed, invalid_cursor, unsupported_filter)',
  401: 'Missing or wrong gateway API key',
  403: 'The API key may not do this',
  404: 'Unknown connection or record',
  408: 'The request (headers and body) did not arrive in time',
  409: 'Conflict',
  413: 'Body over the size limit',
  415: 'Body is not application/json',
  422: 'The vendor rejected the input; field names are canonical',
  429: 'Rate limited; see Retry-After',
  501: 'The vendor cannot do this',
  502: "The vendor failed, refused the connection's credentials, or could not be reached",
  503: 'The vendor is unavailable',
  504: 'The vendor did not answer in time',
}

/** OpenAPI entries for the problem+json answers a route may give. */
export function problemResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      Type.Unsafe({
        description: problemDescriptions[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE.split(';')[0]!]: { schema: Type.Ref(Problem) } },
      }),
    ]),
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
  if (include === 'remote') return record
  const { remote: _remote, ...rest } = record
  return rest as T
}
