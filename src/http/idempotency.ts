import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IdempotencyClaim, IdempotencyStore, StoredAnswer } from '../cache/idempotency.js'
import { pollFor } from '../cache/poll.js'
import { callerSignal } from './caller-signal.js'
import { GatewayError } from '../errors.js'
import { stableJson } from '../stable-json.js'

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: { id: string; owner: string; fingerprint: string } | undefined
  }
  interface FastifyContextConfig {
    /**
     * For a create: looks at the vendor for the record an earlier attempt created, when that attempt's outcome
     * is unknown (created since `since`, ISO). Answers it with its Location, or undefined when there is not
     * exactly one.
     */
    findCreated?: (
      request: FastifyRequest,
      reply: FastifyReply,
      since: string,
    ) => Promise<{ record: unknown; location: string } | undefined>
  }
}

/** How far before an unknown-outcome answer its create may have reached the vendor, clock skew included. */
const CREATED_SINCE_MARGIN_MS = 60_000

/** A repeat that arrives while the first request runs waits this long for its answer before a 409. */
const WAIT_FOR_FIRST_MS = 15_000
/** Headers of the first answer worth replaying. */
const REPLAYED_HEADERS = ['content-type', 'location', 'retry-after']

const fingerprintOf = (request: FastifyRequest) =>
  createHash('sha256')
    .update(stableJson(request.body ?? null))
    .digest('base64url')

function replay(reply: FastifyReply, answer: StoredAnswer): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .header('idempotent-replayed', 'true')
    .send(answer.body)
}

/**
 * `Idempotency-Key` on POST and PATCH: the first answer (2xx or 4xx) is kept for 24 h and replayed to every
 * repeat with the same body; the same key with another body is 422; a repeat arriving while the first still
 * runs waits for its answer (409 if it does not come in time). 5xx and 429 answers are not kept, so a retry
 * runs, except a write whose outcome at the vendor is unknown: that answer is replayed, never written twice.
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore): void {
  app.decorateRequest('idempotencyClaim', undefined)

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' && request.method !== 'PATCH') return
    const header = request.headers['idempotency-key']
    if (header === undefined) return
    // The route schemas have checked the key's form (routes/common.ts, IdempotencyHeaders).
    const key = Array.isArray(header) ? header[0]! : header
    const id = `${request.caller?.name ?? '-'} ${request.method} ${request.url}\n${key}`
    const fingerprint = fingerprintOf(request)
    let claim: IdempotencyClaim = await store.begin(id, fingerprint)
    if (claim.kind === 'in-flight') {
      claim =
        (await pollFor(
          async () => {
            const next = await store.begin(id, fingerprint)
            return next.kind === 'in-flight' ? undefined : next
          },
          { timeoutMs: WAIT_FOR_FIRST_MS, intervalMs: 25, signal: callerSignal(reply) },
        )) ?? claim
    }
    switch (claim.kind) {
      case 'started':
        request.idempotencyClaim = { id, owner: claim.owner, fingerprint }
        return
      case 'replay': {
        // The first attempt's create may have happened: a record that matches it is its answer.
        const findCreated = request.routeOptions.config.findCreated
        if (claim.answer.writeOutcomeUnknown && claim.answer.at !== undefined && findCreated) {
          const since = claim.answer.at - app.config.vendorHttp.retryBudgetMs - CREATED_SINCE_MARGIN_MS
          const found = await findCreated(request, reply, new Date(since).toISOString())
          if (found) {
            return reply
              .code(201)
              .header('location', found.location)
              .header('idempotent-replayed', 'true')
              .send(found.record)
          }
        }
        return replay(reply, claim.answer)
      }
      case 'mismatch':
        throw new GatewayError(
          422,
          'validation_failed',
          'this Idempotency-Key was already used with another request',
          {
            errors: [{ field: 'Idempotency-Key', message: 'already used with another request body' }],
          },
        )
      case 'in-flight':
        throw new GatewayError(
          409,
          'conflict',
          'a request with this Idempotency-Key is still running; retry later',
          {
            retryAfterSeconds: 1,
          },
        )
    }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim
    if (!claim) return payload
    request.idempotencyClaim = undefined
    // A write of unknown outcome is kept too: running the repeat could write a second time.
    const keep =
      typeof payload === 'string' &&
      ((reply.statusCode < 500 && reply.statusCode !== 429) || request.writeOutcomeUnknown === true)
    if (!keep) {
      await store.abandon(claim.id, claim.owner)
      return payload
    }
    const headers: Record<string, string> = {}
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name)
      if (value !== undefined) headers[name] = String(value)
    }
    await store.complete(claim.id, claim.owner, claim.fingerprint, {
      status: reply.statusCode,
      headers,
      body: payload,
      at: Date.now(),
      ...(request.writeOutcomeUnknown ? { writeOutcomeUnknown: true as const } : {}),
    })
    return payload
  })
}
