import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultInjector } from '../shared/faults.js'
import { echoReply } from '../shared/echo.js'
import { delayAnswerOf, dropAnswerOf, replaceAnswerOf, sendReply } from '../shared/http-io.js'
import { ReplyError } from '../shared/reply.js'
import { requestOrigin } from '../shared/request-origin.js'
import { matchRoute, type Route, type RouteMatch } from '../shared/router.js'
import { countRequest, recordAccepted, type EmulatorStats } from '../shared/stats.js'
import type { AuthOutcome } from './auth.js'
import { KEY_PATH, type CallbackSigningKey } from './callbacks/signing.js'
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
  /** What `GET /login/companyinfo/{company}` tells about this site. */
  site: { companyId: string; codebase: string }
  /** The key callbacks are signed with, served at their `Metadata.key_url`. */
  callbackKey: CallbackSigningKey
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
  const companyInfoOf = method === 'GET' && !fault ? COMPANY_INFO.exec(pathname)?.[1] : undefined
  if (companyInfoOf !== undefined)
    return send(pipeline, response, companyInfo(pipeline, request, companyInfoOf))
  if (method === 'GET' && !fault && KEY_PATH.test(pathname))
    return send(pipeline, response, callbackKey(pipeline.callbackKey, new URLSearchParams(search)))
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
  try {
    return match.route.handler(
      {
        method,
        path: apiPath,
        params: match.params,
        query: new URLSearchParams(search),
        headers: request.headers,
        // ConnectWise's Link URLs are absolute URLs on the host and scheme the request came in by.
        url: `${requestOrigin(request) ?? pipeline.origin()}${pathname}`,
        body: body.body,
      },
      pipeline.context,
    )
  } catch (error) {
    if (error instanceof ReplyError) return error.reply
    throw error
  }
}

/** `/login/companyinfo/{company}`, outside the API prefix. */
const COMPANY_INFO = /^\/login\/companyinfo\/([^/]+)\/?$/i

/**
 * `GET /login/companyinfo/{company}`: public (no credentials, no clientId, no rate limit), and what clients call
 * first to learn the codebase. Public clients read `Codebase` from it and build `https://{site}/{Codebase}apis/3.0`
 * (pyconnectwise's `_try_get_codebase_from_api`; a PowerShell client's `_setCodeBase`, both building the base
 * URL with the codebase's trailing slash), and a generated TS client (ManageCompanyInfo) checks `CompanyID` and
 * `Codebase`. The other fields (CompanyName, VersionCode, VersionNumber, IsCloud, SiteUrl) follow issue 13's
 * list; no public source seen shows their values, so those are plausible rather than verified. An unknown
 * company answers 404 NotFound (our choice: no source shows the vendor's answer).
 */
function companyInfo(pipeline: RequestPipeline, request: IncomingMessage, company: string): ConnectWiseReply {
  const { companyId, codebase } = pipeline.site
  let name = company
  try {
    name = decodeURIComponent(company)
  } catch {
    // a malformed escape names no company
  }
  if (name.toLowerCase() !== companyId.toLowerCase()) return notFound(`/login/companyinfo/${company}`)
  const siteUrl = (requestOrigin(request) ?? pipeline.origin()).replace(/^https?:\/\//, '')
  return {
    status: 200,
    body: {
      CompanyName: companyId,
      Codebase: `${codebase}/`,
      VersionCode: `v${API_VERSION}`,
      VersionNumber: `v${API_VERSION}.0`,
      CompanyID: companyId,
      IsCloud: false,
      SiteUrl: siteUrl,
    },
  }
}

/**
 * The signing key of callbacks, at the `Metadata.key_url` they carry, as `{"signing_key"}` (NangoHQ/nango
 * connectwise-psa-webhook-routing.ts reads that field). Served without credentials: Nango fetches it without any,
 * amp-labs/connectors sends a ClientId header and calls for an authenticated client; the sources disagree, and
 * answering both is the reading that fails neither. An unknown `id` answers 404 (our choice).
 */
function callbackKey(key: CallbackSigningKey, query: URLSearchParams): ConnectWiseReply {
  if (query.get('id') !== key.id) return notFound('/system/callbackkey/index.rails')
  return { status: 200, body: { signing_key: key.signingKey } }
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
