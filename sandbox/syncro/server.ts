import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultAction, FaultInjector } from '../shared/faults.js'
import { echoReply } from '../shared/echo.js'
import { delayAnswerOf, dropAnswerOf, replaceAnswerOf, sendReply } from '../shared/http-io.js'
import type { RollingWindowLimiter } from '../shared/rate-limit.js'
import { ReplyError } from '../shared/reply.js'
import { matchRoute, type Route } from '../shared/router.js'
import { countRequest, recordAccepted, type EmulatorStats } from '../shared/stats.js'
import { presentedApiKey } from './auth.js'
import { readJsonBody } from './http-io.js'
import type { HandlerContext, RouteHandler, SyncroReply } from './http-types.js'
import { internalError, notAuthorized, notFound, rateLimited, RATE_LIMITED_BODY } from './vendor-errors.js'

const API_PREFIX = '/api/v1'
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

export interface RequestPipeline {
  routes: readonly Route<RouteHandler>[]
  context: HandlerContext
  limiter: RollingWindowLimiter
  faults: FaultInjector
  stats: EmulatorStats
  isAcceptedKey(key: string | undefined): boolean
  retryAfterSeconds: number
  /** Resolves after `ms`, or at once when the emulator closes. */
  sleep(ms: number): Promise<void>
}

/**
 * One request's way through the emulator: counted; an injected fault, if any; the per-IP rate limit (before
 * auth, as the vendor counts every request it receives); routing; the API key; the body; the handler.
 * Faults answer before the rate limit, like a proxy in front of the vendor, so they use up no quota.
 */
export function createRequestListener(pipeline: RequestPipeline) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(pipeline, request, response).catch((error: unknown) => {
      send(pipeline, response, error instanceof ReplyError ? error.reply : internalError())
    })
  }
}

async function handle(pipeline: RequestPipeline, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? 'GET'
  const [pathname = '/', search = ''] = (request.url ?? '/').split(/\?(.*)/s)
  const query = new URLSearchParams(search)
  const apiPath = apiPathOf(pathname)
  const match = apiPath === undefined ? undefined : matchRoute(pipeline.routes, method, apiPath)
  countRequest(pipeline.stats, `${method} ${match ? match.route.pattern : '(no route)'}`)

  const fault = pipeline.faults.take(method, apiPath ?? pathname)
  if (fault?.kind === 'drop') {
    request.socket.destroy()
    return
  }
  if (fault?.kind === 'respond')
    return send(pipeline, response, injectedReply(fault, pipeline.retryAfterSeconds))
  if (fault?.kind === 'echo') return send(pipeline, response, await echoReply(request, fault))
  if (fault?.kind === 'delay') await pipeline.sleep(fault.ms)
  if (fault?.kind === 'drop-answer') dropAnswerOf(response)
  if (fault?.kind === 'delay-answer') delayAnswerOf(response, fault.ms)
  if (fault?.kind === 'replace-answer')
    replaceAnswerOf(response, { status: fault.status, body: fault.body, headers: fault.headers })

  const clientIp = request.socket.remoteAddress ?? 'unknown'
  if (!pipeline.limiter.tryAcquire(clientIp))
    return send(pipeline, response, rateLimited(pipeline.retryAfterSeconds))
  recordAccepted(pipeline.stats, { at: Date.now(), method, path: apiPath ?? pathname, query: search })
  if (!match || apiPath === undefined) return send(pipeline, response, notFound())
  if (!pipeline.isAcceptedKey(presentedApiKey(request.headers, query))) {
    return send(pipeline, response, notAuthorized())
  }
  const body = BODY_METHODS.has(method) ? await readJsonBody(request) : ({ ok: true, body: {} } as const)
  if (!body.ok) return send(pipeline, response, body.reply)

  const reply = match.route.handler(
    { method, path: apiPath, params: match.params, query, body: body.body },
    pipeline.context,
  )
  send(pipeline, response, reply)
}

function apiPathOf(pathname: string): string | undefined {
  if (pathname === API_PREFIX) return '/'
  return pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : undefined
}

/** A 429 fault without its own headers or body looks exactly like the vendor's own 429. */
function injectedReply(
  fault: Extract<FaultAction, { kind: 'respond' }>,
  retryAfterSeconds: number,
): SyncroReply {
  if (fault.status !== 429) return { status: fault.status, body: fault.body, headers: fault.headers }
  return {
    status: 429,
    body: fault.body ?? RATE_LIMITED_BODY,
    headers: fault.headers ?? { 'retry-after': String(retryAfterSeconds) },
  }
}

function send(pipeline: RequestPipeline, response: ServerResponse, reply: SyncroReply): void {
  if (reply.status === 429) pipeline.stats.rateLimited++
  sendReply(response, reply)
}
