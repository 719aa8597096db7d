import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { GatewayError } from '../src/errors.js'
import {
  PASSTHROUGH_METHODS,
  passthroughAllows,
  type PassthroughMethod,
} from '../src/passthrough/allow-list.js'
import { vendorPathOf } from '../src/passthrough/vendor-path.js'
import { authorize } from '../src/security/api-keys.js'
import { adapterOf, callContext, ConnectionParams, problemResponses } from './common.js'

/**
 * The connection's vendor API as it is (docs/passthrough.md): the caller's method, vendor path, query and JSON
 * body go to the vendor with the connection's credentials, through the vendor client's layers, and the vendor's
 * status, body and forwarded headers come back, scrubbed of the connection's secrets.
 */

const PassthroughParams = Type.Object({
  connection: ConnectionParams.properties.connection,
  '*': Type.String({
    description:
      "The vendor path below the connection's API base, as the vendor documents it: `finance/agreements` (ConnectWise), `Invoice` (HaloPSA), `invoices` (Syncro)",
  }),
})

/** Any query parameters: they are the vendor's, forwarded as they came (read from the target, vendorTargetOf). */
const ForwardedQuery = Type.Object(
  {},
  { additionalProperties: true, description: "The vendor's query parameters, forwarded as they are" },
)

/** The vendor path (checked) and the query, read from the request target as the caller sent it. */
function vendorTargetOf(request: FastifyRequest) {
  const target = request.url
  if (!target.startsWith('/'))
    throw new GatewayError(400, 'validation_failed', 'send the path in origin form')
  const queryAt = target.indexOf('?')
  const path = queryAt < 0 ? target : target.slice(0, queryAt)
  // Where `*` starts in the route's URL is where the vendor path starts in the target: its segments are not decoded.
  const routeDepth = request.routeOptions.url!.split('/').length - 1
  return {
    vendorPath: vendorPathOf(`/${path.split('/').slice(routeDepth).join('/')}`),
    query: new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1)),
  }
}

const forbidden = (method: string, path: string, connection: string) =>
  new GatewayError(
    403,
    'forbidden',
    `the passthrough of connection '${connection}' does not allow ${method} ${path} (its passthrough.allow list)`,
  )

/**
 * A vendor's body is served from the gateway's origin: a browser must neither guess it is HTML nor run what it
 * holds (scripts, forms, plugins) in the gateway's name.
 */
const CONTAINED = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
}

/** On every answer that is the vendor's, whatever its status: a 401 or 403 without it is the gateway's own. */
const VENDOR_STATUS_HEADER = 'passthrough-vendor-status'

const PROBLEMS = [400, 401, 403, 404, 413, 415, 429, 502, 503, 504]

export const passthroughRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const method of PASSTHROUGH_METHODS) {
    const reads = method === 'GET'
    app.route({
      method,
      url: '/connections/:connection/passthrough/*',
      exposeHeadRoute: false,
      config: { scope: 'passthrough' },
      schema: {
        tags: ['Passthrough'],
        operationId: `passthrough${method[0]}${method.slice(1).toLowerCase()}`,
        summary: `${method} a vendor path as it is`,
        description:
          `Sends ${method} to the connection's vendor with its credentials, under the shared rate limit, and answers ` +
          "the vendor's status, body and paging headers as they are, scrubbed of the connection's secrets. Needs the " +
          `\`passthrough\` scope besides \`${reads ? 'read' : 'write'}\`, and a method and path the connection's ` +
          '`passthrough.allow` list allows (GET on every path when it has none). ' +
          (reads
            ? 'Retried like every read.'
            : 'Never repeated once it may have reached the vendor; no Idempotency-Key.') +
          ' Only the query string, a JSON body and Accept are forwarded. Every answer that is the ' +
          "vendor's, whatever its status, carries `Passthrough-Vendor-Status: <status>`; one without it (a 401, " +
          "403, 429 or 5xx in problem+json) is the gateway's own.",
        params: PassthroughParams,
        querystring: ForwardedQuery,
        ...(reads
          ? {}
          : { body: Type.Optional(Type.Unknown({ description: 'Sent to the vendor as JSON' })) }),
        response: {
          '2XX': Type.Unsafe({
            description: "The vendor's answer, its status and body as they are (a vendor 4xx or 5xx alike)",
            headers: {
              'Passthrough-Vendor-Status': {
                type: 'integer',
                description: "The vendor's status: the answer is the vendor's, not the gateway's",
              },
            },
            content: { '*/*': { schema: {} } },
          }),
          ...problemResponses(...PROBLEMS),
        },
      },
      onRequest: async (_request, reply) => {
        reply.headers(CONTAINED)
      },
      preValidation: async (request) => {
        if (request.headers['idempotency-key'] !== undefined)
          throw new GatewayError(
            400,
            'validation_failed',
            'the passthrough takes no Idempotency-Key: the gateway cannot tell what a vendor path does',
            { errors: [{ field: 'Idempotency-Key', message: 'is not taken here' }] },
          )
      },
      handler: async (request, reply) => {
        const { connection } = request.params
        authorize(request.caller, reads ? 'read' : 'write', connection)
        const adapter = adapterOf(request)
        const { vendorPath, query } = vendorTargetOf(request)
        if (!passthroughAllows(adapter.passthrough.rules, method, vendorPath.segments))
          throw forbidden(method, vendorPath.path, connection)
        const answer = await adapter.passthrough.send(
          {
            method: method satisfies PassthroughMethod,
            path: vendorPath.path,
            query,
            body: reads ? undefined : request.body,
            accept: request.headers.accept,
          },
          callContext(request, reply),
        )
        return reply
          .code(answer.status)
          .headers({ ...answer.headers, [VENDOR_STATUS_HEADER]: String(answer.status) })
          .send(answer.body)
      },
    })
  }
}
