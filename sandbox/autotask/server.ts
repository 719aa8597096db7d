import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { echoReply } from '../shared/echo.js'
import type { FaultAction, FaultInjector } from '../shared/faults.js'
import { delayAnswerOf, dropAnswerOf, replaceAnswerOf, sendReply } from '../shared/http-io.js'
import type { EmulatorReply } from '../shared/reply.js'
import { ReplyError } from '../shared/reply.js'
import { requestOrigin } from '../shared/request-origin.js'
import { matchRoute, type Route } from '../shared/router.js'
import { countRequest, recordAccepted, type EmulatorStats } from '../shared/stats.js'
import type { AuthOutcome } from './auth.js'
import { EntityError } from './entities/entity.js'
import type { HandlerContext, RouteHandler } from './http-types.js'
import { readJsonBody } from './http-io.js'
import { threadThresholdText, type ThreadLimit } from './thread-limit.js'
import type { DatabaseThreshold } from './threshold.js'
import { methodNotAllowed, noRoute, refused, unauthorized, vendorError } from './vendor-errors.js'

/** Where the emulator answers, as path prefixes on its origin (compared without case, facts §1). */
export interface AutotaskPaths {
  /** The global discovery host's API root, where only `zoneInformation` is served: `/atservicesrest/v1.0`. */
  discovery: string
  /** The zone's API root: `/zone5/ATServicesRest/V1.0`. */
  zone: string
}

export interface RequestPipeline {
  paths: AutotaskPaths
  /** The emulator's own origin, for the URLs of a request without a Host header. */
  origin: string
  routes: readonly Route<RouteHandler>[]
  context: Omit<HandlerContext, 'threshold' | 'baseUrl'>
  /** The discovery's answer, naming the zone on `origin`. */
  zoneInformation(query: URLSearchParams, origin: string): EmulatorReply
  authenticate(headers: IncomingHttpHeaders): AuthOutcome
  threshold: DatabaseThreshold
  threads: ThreadLimit
  faults: FaultInjector
  stats: EmulatorStats
  /** Resolves after `ms`, or at once when the emulator closes. */
  sleep(ms: number): Promise<void>
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])
const THRESHOLD_EXCEEDED =
  'The API request threshold of the database has been exceeded; requests are refused until the rolling hour allows them.'

/**
 * One request's way through the emulator: counted; an injected fault, if any (before anything else, like a proxy
 * in front of the vendor, so it uses no quota); routing (ASP.NET routes before its filters run, so an unknown path
 * is a 404 and a wrong verb a 405 whatever the credentials); the credentials; the thread limit (a thread is held
 * until the answer is sent or the connection closes); the database's threshold, with its
 * added latency; the body; the handler. `zoneInformation` needs no credentials and is not counted.
 */
export function createRequestListener(pipeline: RequestPipeline) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(pipeline, request, response).catch((error: unknown) => {
      sendReply(
        response,
        error instanceof ReplyError ? error.reply : refused('An unexpected error occurred.'),
      )
    })
  }
}

async function handle(pipeline: RequestPipeline, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? 'GET'
  const [pathname = '/', search = ''] = (request.url ?? '/').split(/\?(.*)/s)
  const query = new URLSearchParams(search)
  const discoveryPath = pathAfter(pathname, pipeline.paths.discovery)
  const apiPath = pathAfter(pathname, pipeline.paths.zone)
  const isZoneLookup = discoveryPath?.toLowerCase() === '/zoneinformation' && method === 'GET'
  const match = apiPath === undefined ? undefined : routeOf(pipeline.routes, method, apiPath)
  const path = match && apiPath !== undefined ? spelledAsRoute(match.route.pattern, apiPath) : apiPath
  const routeKey = isZoneLookup ? '/zoneInformation' : (match?.route.pattern ?? '(no route)')
  countRequest(pipeline.stats, `${method} ${routeKey}`)

  const fault = pipeline.faults.take(method, path ?? discoveryPath ?? pathname)
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

  // The zone, and the paging URLs in it, are named on the origin the caller reached: see engine.ts.
  const origin = requestOrigin(request) ?? pipeline.origin
  if (isZoneLookup) return send(pipeline, response, pipeline.zoneInformation(query, origin))
  // An API call on the discovery host reaches a zone that does not hold the user's database: a 401 (unsourced:
  // chosen; WYRE-AI/autotask-mcp src/services/autotask-http.ts retrying a 401 after zone discovery shows a client
  // expecting one, not what Autotask answers).
  if (discoveryPath !== undefined) return send(pipeline, response, unauthorized())
  if (path === undefined) return send(pipeline, response, noRoute(pathname))
  if (!match) {
    const otherVerb = pipeline.routes.some((route) => routeOf([route], route.method, path))
    return send(pipeline, response, otherVerb ? methodNotAllowed(method) : noRoute(pathname))
  }
  const auth = pipeline.authenticate(request.headers)
  if (!auth.ok) return send(pipeline, response, auth.reply)
  const thread = pipeline.threads.take(auth.user.integrationCode, path)
  if (!thread) return send(pipeline, response, refused(threadThresholdText(pipeline.threads.limit)))
  response.once('close', thread.release)

  const admitted = pipeline.threshold.admit()
  if (!admitted.accepted) {
    // 429 with Retry-After (WYRE-AI/autotask-mcp PR #107, facts §6); the text and the wait in whole seconds until
    // a request leaves the rolling hour are ours (unsourced: chosen).
    const retryAfter = String(Math.ceil(admitted.msUntilNextSlot / 1000))
    return send(pipeline, response, {
      ...vendorError(429, THRESHOLD_EXCEEDED),
      headers: { 'retry-after': retryAfter },
    })
  }
  if (admitted.latencyMs > 0) await pipeline.sleep(admitted.latencyMs)
  const body = BODY_METHODS.has(method)
    ? await readJsonBody(request)
    : ({ ok: true, body: undefined } as const)
  // The body is kept with the request: a list's query travels in it, not in the URL.
  const text = body.ok && body.body !== undefined ? JSON.stringify(body.body) : undefined
  recordAccepted(pipeline.stats, { at: Date.now(), method, path, query: search, body: text })
  if (!body.ok) return send(pipeline, response, body.reply)
  const context = {
    ...pipeline.context,
    baseUrl: `${origin}${pipeline.paths.zone}`,
    threshold: admitted.state,
  }
  send(
    pipeline,
    response,
    answer(match.route.handler, { method, path, params: match.params, query, body: body.body }, context),
  )
}

function answer(handler: RouteHandler, ...args: Parameters<RouteHandler>): EmulatorReply {
  try {
    return handler(...args)
  } catch (error) {
    if (error instanceof EntityError) return vendorError(error.status, ...error.errors)
    throw error
  }
}

/** The rest of `pathname` after `prefix`, compared without case; undefined when it does not start there. */
function pathAfter(pathname: string, prefix: string): string | undefined {
  const lower = pathname.toLowerCase()
  const root = prefix.toLowerCase()
  if (lower === root) return '/'
  return lower.startsWith(`${root}/`) ? pathname.slice(prefix.length) : undefined
}

/**
 * Paths are routed without case, as ASP.NET routes them (facts §1: clients write `ATServicesRest/V1.0` and
 * `atservicesrest/v1.0`, `zoneInformation` and `ZoneInformation`).
 */
function routeOf(routes: readonly Route<RouteHandler>[], method: string, path: string) {
  return matchRoute(routes, method, path, { ignoreCase: true })
}

/** The path with the route's own spelling of its literal segments, so faults and the stats see one name. */
function spelledAsRoute(pattern: string, path: string): string {
  const sent = path.split('/').filter((segment) => segment !== '')
  const spelled = pattern
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment, index) => (segment.startsWith(':') ? sent[index] : segment))
  return `/${spelled.join('/')}`
}

/** A 429 fault without its own body looks like the vendor's own refusal. */
function injectedReply(fault: Extract<FaultAction, { kind: 'respond' }>): EmulatorReply {
  if (fault.status !== 429) return { status: fault.status, body: fault.body, headers: fault.headers }
  return { status: 429, body: fault.body ?? { errors: [THRESHOLD_EXCEEDED] }, headers: fault.headers }
}

function send(pipeline: RequestPipeline, response: ServerResponse, reply: EmulatorReply): void {
  if (reply.status === 429) pipeline.stats.rateLimited++
  sendReply(response, reply)
}
