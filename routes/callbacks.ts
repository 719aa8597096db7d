import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { notFound } from '../src/errors.js'
import { isCallbackToken } from '../src/events/callback-token.js'
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

/**
 * Where vendors call back on changes (docs/events.md): no API key, the URL's token is the authentication. The
 * body only names records, which the event sources read again; the vendor is answered at once.
 */
export const callbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/connections/:connection/callbacks/:token',
    {
      bodyLimit: CALLBACK_BODY_LIMIT,
      schema: {
        tags: ['Events'],
        operationId: 'receiveVendorCallback',
        summary: "Take a vendor's change callback",
        description:
          'For the vendors, not for apps: ConnectWise callbacks (registered by the gateway when PUBLIC_URL is set), ' +
          "HaloPSA webhooks and Syncro notifications (set up in the vendor's UI with this URL). The records the body " +
          'names are read again and logged as events with source callback; the body is never trusted for content.',
        params: CallbackParams,
        body: Type.Unknown({ description: "The vendor's callback body, as it sends it" }),
        response: {
          204: Type.Null({ description: 'Taken: the records it names are being read again' }),
          ...problemResponses(400, 404, 413, 415),
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
      for (const hint of adapter.callbacks.hintsOf(request.body))
        void sources
          .hint(connection, hint.resource, hint.id)
          .catch((error: unknown) => request.log.warn({ err: error, hint }, 'a callback re-read failed'))
      return reply.code(204).send(null)
    },
  )
}
