import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultAction, FaultInjector } from '../shared/faults.js'
import { echoReply } from '../shared/echo.js'
import { delayAnswerOf, dropAnswerOf, replaceAnswerOf, readBodyText, sendReply } from '../shared/http-io.js'
import type { RollingWindowLimiter } from '../shared/rate-limit.js'
import { ReplyError } from '../shared/reply.js'
import { matchRoute, type Route } from '../shared/router.js'
import { countRequest, recordAccepted, type EmulatorStats } from '../shared/stats.js'
import { presentedBearer } from './auth/bearer.js'
import { scopeAllows } from './auth/scopes.js'
import { answerTokenRequest, type TokenEndpoint } from './auth/token-endpoint.js'
import { readJsonBody } from './http-io.js'
import type { HaloEndpoint, HaloReply, HandlerContext } from './http-types.js'
import { lowerCaseNames } from './query-params.js'
import {
  accessDenied,
  insufficientScope,
  internalError,
  methodNotAllowed,
  noRoute,
  payloadTooLarge,
  rateLimited,
  rateLimitedBody,
} from './vendor-errors.js'

const API_PREFIX = '/api'
const TOKEN_PATH = '/auth/token'
/** An injected 429 without its own headers names the shortest wait the vendor can name. */
const INJECTED_RETRY_AFTER_SECONDS = 1

export interface RequestPipeline {
  routes: readonly Route<HaloEndpoint>[]
  context: HandlerContext
  tokenEndpoint: TokenEndpoint
  limiter: RollingWindowLimiter
  /** The rate limit's key: Halo limits per tenant. */
  tenant: string
  faults: FaultInjector
  stats: EmulatorStats
  /** Resolves after `ms`, or at once when the emulator closes. */
  sleep(ms: number): Promise<void>
}

/**
 * One request's way through the emulator: counted; an injected fault, if any (faults match the full path,
 * `/api/Tickets` or `/auth/token`, and answer before anything else, like a proxy in front of the vendor);
 * then either the token endpoint, or for `/api`: the tenant's rate limit, routing, the bearer token and its
 * scope, the body, the handler.
 */
export function createRequestListener(pipeline: RequestPipeline) {
  // Matched against the lower-cased path, each pointing back at the route as declared (for its name in stats).
  const caseless = pipeline.routes.map((route) => ({
    method: route.method,
    pattern: route.pattern.toLowerCase(),
    handler: route,
  }))
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(pipeline, caseless, request, response).catch((error: unknown) => {
      send(pipeline, response, error instanceof ReplyError ? error.reply : internalError())
    })
  }
}

type CaselessRoute = Route<Route<HaloEndpoint>>

async function handle(
  pipeline: RequestPipeline,
  routes: readonly CaselessRoute[],
  request: IncomingMessage,
  response: ServerResponse,
) {
  const method = request.method ?? 'GET'
  const [pathname = '/', search = ''] = (request.url ?? '/').split(/\?(.*)/s)
  const query = lowerCaseNames(new URLSearchParams(search))
  const lowerPath = pathname.toLowerCase()
  const isToken = lowerPath === TOKEN_PATH || lowerPath === `${TOKEN_PATH}/`
  const apiPath = lowerPath.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : undefined
  const match = apiPath === undefined ? undefined : matchRoute(routes, method, apiPath.toLowerCase())
  const declared = match?.route.handler
  countRequest(
    pipeline.stats,
    `${method} ${isToken ? TOKEN_PATH : declared ? API_PREFIX + declared.pattern : '(no route)'}`,
  )

  const fault = pipeline.faults.take(method, pathname)
  if (fault?.kind === 'drop') {
    request.socket.destroy()
    return
  }
  if (fault?.kind === 'respond') return send(pipeline, response, injectedReply(fault))
  if (fault?.kind === 'echo') return send(pipeline, response, await echoReply(request, fault))
  if (fault?.kind === 'delay') await pipeline.sleep(fault.ms)
  if (fault?.kind === 'drop-answer') dropAnswerOf(response)
  if (fault?.kind === 'delay-answer') delayAnswerOf(response, fault.ms)
  if (fault?.kind === 'replace-answer')
    replaceAnswerOf(response, { status: fault.status, body: fault.body, headers: fault.headers })

  if (isToken) {
    if (method !== 'POST') return send(pipeline, response, methodNotAllowed(['POST']))
    const body = await readBodyText(request)
    if (body === undefined) return send(pipeline, response, payloadTooLarge())
    const contentType = request.headers['content-type']
    const host = request.headers.host
    return send(
      pipeline,
      response,
      answerTokenRequest(pipeline.tokenEndpoint, { query, contentType, body, host }),
    )
  }
  if (apiPath === undefined) return send(pipeline, response, noRoute())

  // Every request that reaches the tenant counts, before authentication, as a gateway in front of it would
  // count; the token endpoint is not counted (our choice: the auth server is a separate service).
  const window = pipeline.limiter.acquire(pipeline.tenant)
  if (!window.accepted) {
    return send(pipeline, response, rateLimited(Math.max(1, Math.ceil(window.msUntilNextSlot / 1000))))
  }
  recordAccepted(pipeline.stats, { at: pipeline.context.now(), method, path: pathname, query: search })

  if (!match) return send(pipeline, response, unmatched(routes, method, apiPath))
  const endpoint = match.route.handler.handler
  if (endpoint.area !== 'public') {
    const token = presentedBearer(request.headers)
    const scopes = token === undefined ? undefined : pipeline.tokenEndpoint.tokens.scopesOf(token)
    if (!scopes) return send(pipeline, response, accessDenied())
    if (!scopeAllows(scopes, endpoint.area, method)) return send(pipeline, response, insufficientScope())
  }
  let body: unknown
  if (method === 'POST') {
    const read = await readJsonBody(request)
    if (!read.ok) return send(pipeline, response, read.reply)
    body = read.body
  }
  const reply = endpoint.handle({ params: match.params, query, body }, pipeline.context)
  send(pipeline, response, reply)
}

/** 405 when the path exists with other methods (PUT and PATCH do not exist at Halo), else 404. */
function unmatched(routes: readonly CaselessRoute[], method: string, apiPath: string): HaloReply {
  const allowed = ['GET', 'POST', 'DELETE'].filter(
    (candidate) => candidate !== method && matchRoute(routes, candidate, apiPath.toLowerCase()),
  )
  return allowed.length > 0 ? methodNotAllowed(allowed) : noRoute()
}

/** A 429 fault without its own body or headers looks like the vendor's own 429. */
function injectedReply(fault: Extract<FaultAction, { kind: 'respond' }>): HaloReply {
  if (fault.status !== 429) return { status: fault.status, body: fault.body, headers: fault.headers }
  return {
    status: 429,
    body: fault.body ?? rateLimitedBody(INJECTED_RETRY_AFTER_SECONDS),
    headers: fault.headers ?? { 'retry-after': String(INJECTED_RETRY_AFTER_SECONDS) },
  }
}

function send(pipeline: RequestPipeline, response: ServerResponse, reply: HaloReply): void {
  if (reply.status === 429) pipeline.stats.rateLimited++
  sendReply(response, reply)
}
