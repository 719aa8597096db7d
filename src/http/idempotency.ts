import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IdempotencyClaim, IdempotencyStore, StoredAnswer } from '../state/idempotency/idempotency.js'
import { pollFor } from '../state/concurrency/poll.js'
import { GatewayError } from '../errors.js'
import { stableJson } from '../stable-json.js'
import { writeOfUnknownOutcome } from '../vendor-http/vendor-errors.js'
import { callerSignal } from './caller-signal.js'

/** What a look at the vendor found of the record an earlier create may have made. */
export type FoundCreated =
  /** The record, and where it is read (a nested record, such as a comment, has no route of its own). */
  | { record: unknown; location?: string }
  /** The vendor has no such record: the earlier attempt made none. */
  | 'none'
  /** The vendor cannot say for sure (it cannot filter so, or more than one record matches). */
  | 'unknown'

interface HeldClaim {
  id: string
  owner: string
  fingerprint: string
  stopHeartbeat: () => void
  /** Vendor writes let through the fence, and how many of them the vendor refused (it did not act). */
  writesSent: number
  writesRefused: number
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim: HeldClaim | undefined
  }
  interface FastifyContextConfig {
    /** For a create: looks at the vendor for the record an earlier attempt made, created since `since` (ISO). */
    findCreated?: (request: FastifyRequest, reply: FastifyReply, since: string) => Promise<FoundCreated>
  }
}

/** How far before an unknown-outcome answer its create may have reached the vendor, clock skew included. */
const CREATED_SINCE_MARGIN_MS = 60_000
/** A repeat that arrives while the first request runs waits this long for its answer before a 409. */
const WAIT_FOR_FIRST_MS = 15_000
/** Headers of the first answer worth replaying. */
const REPLAYED_HEADERS = ['content-type', 'location', 'retry-after']
/** How soon to come back while the shared records are unreachable. */
const STORE_RETRY_AFTER_SECONDS = 5

const storeUnavailable = () =>
  new GatewayError(
    503,
    'store_unavailable',
    "the gateway's shared idempotency records are unreachable: a write with an Idempotency-Key waits until they answer",
    { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS },
  )

const fingerprintOf = (request: FastifyRequest) =>
  createHash('sha256')
    .update(stableJson(request.body ?? null))
    .digest('base64url')

/**
 * What a key is scoped by: the caller, the method and the route with its decoded parameters, so that the same
 * write reached by another spelling of the URL (`/tickets?`, `/%73yncro/tickets`) is the same write.
 */
const scopeOf = (request: FastifyRequest, key: string) =>
  `${request.caller?.name ?? '-'} ${request.method} ${request.routeOptions.url} ${stableJson(request.params ?? {})}\n${key}`

function replay(reply: FastifyReply, answer: StoredAnswer): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .header('idempotent-replayed', 'true')
    .send(answer.body)
}

function answerFound(reply: FastifyReply, found: { record: unknown; location?: string }): FastifyReply {
  if (found.location) reply.header('location', found.location)
  return reply.code(201).header('idempotent-replayed', 'true').send(found.record)
}

/**
 * The vendor client's hooks around a keyed request's vendor writes. Before each: the claim is marked as sent, or,
 * when a repeat has taken the key over meanwhile (this process was taken for gone), nothing is sent. After each:
 * whether the vendor refused it, so that a failure later in the request is known to hide a write or not.
 */
export function idempotencyWriteHooks(request: FastifyRequest, store: IdempotencyStore) {
  const claim = request.idempotencyClaim
  if (!claim) return {}
  const beforeWrite = async () => {
    let ours: boolean
    try {
      ours = await store.markSending(claim.id, claim.owner)
    } catch {
      throw storeUnavailable()
    }
    if (ours) claim.writesSent += 1
    if (!ours)
      throw new GatewayError(
        409,
        'conflict',
        'a repeat of this request took its Idempotency-Key over, so it did not write; its answer is the one to use',
        { retryAfterSeconds: 1 },
      )
  }
  const afterWrite = ({ refused }: { refused: boolean }) => {
    if (refused) claim.writesRefused += 1
  }
  return { beforeWrite, afterWrite }
}

/**
 * `Idempotency-Key` on POST and PATCH: the first answer (2xx or 4xx) is kept for 24 h and replayed to every
 * repeat with the same body; the same key with another body is 422; a repeat arriving while the first still
 * runs waits for its answer (409 with Retry-After if it does not come in time). 5xx and 429 answers are not
 * kept, so a retry runs, except a write whose outcome at the vendor is unknown: never written twice. A repeat
 * that finds the first attempt's process gone takes the key over, and looks at the vendor first when that
 * attempt had sent its write. With Redis configured and unreachable, keyed writes answer 503.
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, leaseMs: number): void {
  app.decorateRequest('idempotencyClaim', undefined)

  const begin = async (id: string, fingerprint: string) => {
    try {
      return await store.begin(id, fingerprint)
    } catch (error) {
      app.log.warn({ err: error }, 'idempotency records did not answer')
      throw storeUnavailable()
    }
  }

  /** Renews the claim while the request runs; stops when told, or when the claim turns out to be lost. */
  const heartbeat = (id: string, owner: string) => {
    const timer = setInterval(
      () => {
        store.renew(id, owner).then(
          (ours) => {
            if (!ours) clearInterval(timer)
          },
          () => {},
        )
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    )
    timer.unref()
    return () => clearInterval(timer)
  }

  /** Looks at the vendor for what a create sent at `sentAt` (or up to a retry budget before) may have made. */
  const findCreatedSince = async (request: FastifyRequest, reply: FastifyReply, sentAt: number) => {
    const findCreated = request.routeOptions.config.findCreated
    if (!findCreated) return undefined
    const since = sentAt - app.config.vendorHttp.retryBudgetMs - CREATED_SINCE_MARGIN_MS
    return findCreated(request, reply, new Date(since).toISOString())
  }

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' && request.method !== 'PATCH') return
    const header = request.headers['idempotency-key']
    if (header === undefined) return
    // The route schemas have checked the key's form (routes/common.ts, IdempotencyHeaders).
    const id = scopeOf(request, Array.isArray(header) ? header[0]! : header)
    const fingerprint = fingerprintOf(request)
    let claim: IdempotencyClaim = await begin(id, fingerprint)
    if (claim.kind === 'in-flight') {
      claim =
        (await pollFor(
          async () => {
            const next = await begin(id, fingerprint)
            return next.kind === 'in-flight' ? undefined : next
          },
          { timeoutMs: WAIT_FOR_FIRST_MS, intervalMs: 25, signal: callerSignal(reply) },
        )) ?? claim
    }
    switch (claim.kind) {
      case 'started': {
        request.idempotencyClaim = {
          id,
          owner: claim.owner,
          fingerprint,
          stopHeartbeat: heartbeat(id, claim.owner),
          writesSent: 0,
          writesRefused: 0,
        }
        if (claim.earlierWriteSentAt === undefined) return
        // The earlier attempt's process is gone after sending its write: what the vendor holds decides.
        const found = await findCreatedSince(request, reply, claim.earlierWriteSentAt)
        if (found === 'unknown') {
          request.log.warn('a repeat of a write of unknown outcome cannot be checked at the vendor')
          throw writeOfUnknownOutcome(
            new GatewayError(
              502,
              'vendor_unavailable',
              'an earlier attempt of this write ended without an answer',
            ),
            'the vendor',
          )
        }
        if (found !== undefined && found !== 'none') return answerFound(reply, found)
        return
      }
      case 'replay': {
        // The first attempt's create may have happened: a record that matches it is its answer.
        if (claim.answer.writeOutcomeUnknown && claim.answer.at !== undefined) {
          const found = await findCreatedSince(request, reply, claim.answer.at)
          if (found !== undefined && typeof found === 'object') return answerFound(reply, found)
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
          { retryAfterSeconds: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) },
        )
    }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim
    if (!claim) return payload
    request.idempotencyClaim = undefined
    claim.stopHeartbeat()
    // A write of unknown outcome is kept too: running the repeat could write a second time.
    const keep =
      typeof payload === 'string' &&
      ((reply.statusCode < 500 && reply.statusCode !== 429) || request.writeOutcomeUnknown === true)
    try {
      if (!keep) {
        // A write the vendor did not refuse may have happened, whatever failed after it (a follow-up call, a
        // 2xx answer that could not be read): the next repeat then looks at the vendor before writing.
        const mayHaveWritten = claim.writesSent > claim.writesRefused
        await store.abandon(claim.id, claim.owner, mayHaveWritten)
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
    } catch (error) {
      // The claim stays as it is; its lease runs out, and a repeat then checks at the vendor before writing.
      request.log.warn({ err: error }, 'idempotency records did not take the answer')
    }
    return payload
  })
}
