import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultInjector } from '../shared/faults.js'
import { echoReply } from '../shared/echo.js'
import { delayAnswerOf, dropAnswerOf, replaceAnswerOf, sendReply } from '../shared/http-io.js'
import { ReplyError } from '../shared/reply.js'
import { matchRoute, type Route, type RouteMatch } from '../shared/router.js'
import { countRequest, recordAccepted, type EmulatorStats } from '../shared/stats.js'
import type { AuthOutcome } from './auth.js'
import { readJsonBody } from './http-io.js'
import type { ConnectWiseReply, HandlerContext, RouteHandler } from './http-types.js'
import type { Throttle } from './throttle.js'
import { methodNotAllowed, notFound, unexpectedError } from './vendor-errors.js'

/** The version every answer reports in `api-current-version`. */
export const API_VERSION = '2025.8'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

export interface RequestPipeline {
  /** `/{codebase}/apis/3.0` */
  apiPrefix: string
  routes: readonly Route<RouteHandler>[]
  context: HandlerContext
  authenticate(headers: IncomingMessage['headers']): AuthOutcome
  throttle: Throttle
  faults: FaultInjector
  stats: EmulatorStats
  /** The emulator's own origin, for `Link` URLs of a request without a Host header. */
  origin(): string
  /** Resolves after `ms`, or at once when the emulator closes. */
  sleep(ms: number): Promise<void>
}

/**
 * One request's way through the emulator: counted; an injected fault, if any (faults answer like a proxy in
 * front of the vendor, before auth, and use up no quota); the credentials and clientId; the per-member rate
 * limit; routing; the body; the handler.
 */
export function createRequestListener(pipeline: RequestPipeline) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(pipeline, request, response).catch(() => send(pipeline, response, unexpectedError()))
  }
}

async function handle(pipeline: RequestPipeline, request: IncomingMessage, response: ServerResponse) {
  const method = (request.method ?? 'GET').toUpperCase()
  const [pathname = '/', search = ''] = (request.url ?? '/').split(/\?(.*)/s)
  const apiPath = apiPathOf(pathname, pipeline.apiPrefix)
  const match = apiPath === undefined ? undefined : matchRoute(pipeline.routes, method, apiPath.toLowerCase())
  countRequest(pipeline.stats, `${method} ${match ? match.route.pattern : '(no route)'}`)

  const fault = pipeline.faults.take(method, apiPath ?? pathname)
  if (fault?.kind === 'drop') {
    request.socket.destroy()
    return
  }
  if (fault?.kind === 'respond') {
    const { status, body, headers } = fault
    // A 429 without its own body or headers looks exactly like the vendor's own; any other is a proxy's.
    if (status === 429 && body === undefined && headers === undefined)
      return send(pipeline, response, pipeline.throttle.injected())
    return send(pipeline, response, { status, body, headers }, false)
  }
  if (fault?.kind === 'echo') return send(pipeline, response, await echoReply(request, fault), false)
  if (fault?.kind === 'delay') await pipeline.sleep(fault.ms)
  if (fault?.kind === 'drop-answer') dropAnswerOf(response)
  if (fault?.kind === 'delay-answer') delayAnswerOf(response, fault.ms)
  if (fault?.kind === 'replace-answer')
    replaceAnswerOf(response, { status: fault.status, body: fault.body, headers: fault.headers })

  const auth = pipeline.authenticate(request.headers)
  if (!auth.ok) return send(pipeline, response, auth.reply)
  const admission = pipeline.throttle.admit(auth.publicKey)
  if (admission.rejected) return send(pipeline, response, admission.rejected)
  recordAccepted(pipeline.stats, { at: Date.now(), method, path: apiPath ?? pathname, query: search })

  const reply = await answer(pipeline, request, { method, pathname, apiPath, search, match })
  send(pipeline, response, { ...reply, headers: { ...admission.headers, ...reply.headers } })
}

interface Target {
  method: string
  pathname: string
  apiPath: string | undefined
  search: string
  match: RouteMatch<RouteHandler> | undefined
}

async function answer(
  pipeline: RequestPipeline,
  request: IncomingMessage,
  target: Target,
): Promise<ConnectWiseReply> {
  const { method, pathname, apiPath, search, match } = target
  if (!match || apiPath === undefined) return unrouted(pipeline, method, pathname, apiPath)
  const body = BODY_METHODS.has(method)
    ? await readJsonBody(request)
    : ({ ok: true, body: undefined } as const)
  if (!body.ok) return body.reply
  const host = request.headers.host
  try {
    return match.route.handler(
      {
        method,
        path: apiPath,
        params: match.params,
        query: new URLSearchParams(search),
        headers: request.headers,
        url: `${host ? `http://${host}` : pipeline.origin()}${pathname}`,
        body: body.body,
      },
      pipeline.context,
    )
  } catch (error) {
    if (error instanceof ReplyError) return error.reply
    throw error
  }
}

/** 405 (with `Allow`) when the path exists for other methods, as ASP.NET answers; 404 otherwise. */
function unrouted(pipeline: RequestPipeline, method: string, pathname: string, apiPath: string | undefined) {
  const allowed =
    apiPath === undefined
      ? []
      : METHODS.filter((other) => matchRoute(pipeline.routes, other, apiPath.toLowerCase()))
  return allowed.length > 0 ? methodNotAllowed(method, allowed) : notFound(pathname)
}

/** The path after the prefix, which matches case-insensitively (the vendor runs on IIS). */
function apiPathOf(pathname: string, prefix: string): string | undefined {
  const head = pathname.slice(0, prefix.length).toLowerCase()
  if (head !== prefix.toLowerCase()) return undefined
  const rest = pathname.slice(prefix.length)
  if (rest === '') return '/'
  return rest.startsWith('/') ? rest : undefined
}

/** Every answer carries the vendor's version header, except an injected fault that imitates nothing. */
function send(
  pipeline: RequestPipeline,
  response: ServerResponse,
  reply: ConnectWiseReply,
  vendorLike = true,
) {
  if (reply.status === 429) pipeline.stats.rateLimited++
  const headers = vendorLike ? { 'api-current-version': API_VERSION, ...reply.headers } : reply.headers
  sendReply(response, { ...reply, headers })
}
