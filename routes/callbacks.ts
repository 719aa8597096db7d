import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { GatewayError, notFound } from '../src/errors.js'
import { callbackSigningKey, isCallbackToken } from '../src/events/callback-token.js'
import { parseJsonBody } from '../src/http/json-body.js'
import { ConnectionParams, problemResponses } from './common.js'

/** A vendor's callback body: a record or two, or Halo's batch; more is not a callback. */
const CALLBACK_BODY_LIMIT = 1_048_576

const CallbackParams = Type.Object(
  {
    ...ConnectionParams.properties,
    token: Type.String({
      minLength: 1,
      maxLength: 128,
      description: "The connection's callback token (src/events/callback-token.ts)",
    }),
  },
  { additionalProperties: false },
)

/** Each callback's body as it came, for the vendors whose signature covers it. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>()

/**
 * Where vendors call back on changes (docs/events.md): no API key, the URL's token is the authentication, and where a
 * vendor signs with the key the gateway gave it (Autotask), the signature too. The body only names records, which
 * the event sources read again; the vendor is answered at once.
 */
export const callbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // JSON as on every route (src/http/json-body.ts), its bytes kept here alone.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer)
    try {
      done(null, parseJsonBody((body as Buffer).toString('utf8')))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
  app.post(
    '/connections/:connection/callbacks/:token',
    {
      bodyLimit: CALLBACK_BODY_LIMIT,
      schema: {
        tags: ['Events'],
        operationId: 'receiveVendorCallback',
        summary: "Take a vendor's change callback",
        description:
          'For the vendors, not for apps: ConnectWise callbacks and Autotask webhooks (registered by the gateway when ' +
          "PUBLIC_URL is set), HaloPSA webhooks and Syncro notifications (set up in the vendor's UI with this URL). " +
          "Autotask's must carry the X-Hook-Signature made with the key the gateway registered. The records the body " +
          'names are read again and logged as events with source callback; the body is never trusted for content.',
        params: CallbackParams,
        body: Type.Unknown({ description: "The vendor's callback body, as it sends it" }),
        response: {
          204: Type.Null({ description: 'Taken: the records it names are being read again' }),
          ...problemResponses(400, 401, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { connection, token } = request.params
      const secret = app.config.eventCallbackSecret
      const sources = app.events.sources
      const adapter = app.registry.list().find((candidate) => candidate.connectionId === connection)
      // One answer for every refusal: a caller learns nothing about which connections exist.
      if (!secret || !adapter || !isCallbackToken(secret, connection, token))
        throw notFound('no callback is taken at this URL')
      const { isSigned } = adapter.callbacks
      const delivery = { rawBody: rawBodies.get(request) ?? Buffer.alloc(0), headers: request.headers }
      if (isSigned && !isSigned(delivery, callbackSigningKey(secret, connection)))
        throw new GatewayError(
          401,
          'unauthorized',
          'the callback is not signed with the key the gateway registered',
        )
      for (const hint of adapter.callbacks.hintsOf(request.body))
        void sources
          .hint(connection, hint.resource, hint.id)
          .catch((error: unknown) => request.log.warn({ err: error, hint }, 'a callback re-read failed'))
      return reply.code(204).send(null)
    },
  )
}
