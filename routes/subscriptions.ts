import { randomBytes } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  CreatedSubscription,
  DeliveryAttemptList,
  Subscription,
  SubscriptionCreate,
  SubscriptionList,
} from '../src/canonical/subscription.js'
import { GatewayError, notFound } from '../src/errors.js'
import { checkTargetUrl } from '../src/events/delivery/target-url.js'
import { mayUseConnection } from '../src/security/api-keys.js'
import type { StoredSubscription } from '../src/state/subscriptions/subscription-store.js'
import { NoQuery, problemResponses } from './common.js'

/** Push delivery of change events (docs/events.md): scope `events`. */

const SubscriptionParams = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_]+$',
      description: 'A subscription id, as POST /v1/subscriptions answered it',
    }),
  },
  { additionalProperties: false },
)

/** Standard Webhooks: `whsec_` and the base64 of 24 to 64 random bytes, one secret per endpoint. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`
const newId = () => `sub_${randomBytes(10).toString('hex')}`

/** What the API shows: everything but the secret. */
const shown = ({ secret: _secret, ...subscription }: StoredSubscription): Subscription => subscription

/** A key limited to some connections sees only the subscriptions within them. */
const mayUse = (request: FastifyRequest, subscription: StoredSubscription) =>
  !request.caller?.connections ||
  (subscription.connections?.every((connection) => mayUseConnection(request.caller, connection)) ?? false)

const notFoundProblem = (id: string) => notFound(`no subscription '${id}'`)

/** A connection the body names that does not exist is a wrong field (400), not a missing route (404). */
const invalidConnections = (message: string) =>
  new GatewayError(400, 'validation_failed', `connections: ${message}`, {
    errors: [{ field: 'connections', message }],
  })

export const subscriptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const store = app.sharedState.subscriptions
  const config = { scope: 'events' as const }

  async function subscriptionOf(request: FastifyRequest, id: string) {
    const subscription = await store.get(id)
    if (!subscription || !mayUse(request, subscription)) throw notFoundProblem(id)
    return subscription
  }

  function connectionsOf(request: FastifyRequest, asked: string[] | undefined): string[] | null {
    // A key limited to some connections is refused any other, known or not, as on the connection routes.
    const forbidden = asked?.filter((connection) => !mayUseConnection(request.caller, connection)) ?? []
    if (forbidden.length)
      throw new GatewayError(403, 'forbidden', `this API key may not use connection '${forbidden[0]}'`)
    const known = new Set(app.registry.list().map((adapter) => adapter.connectionId))
    const unknown = asked?.filter((connection) => !known.has(connection)) ?? []
    if (unknown.length) throw invalidConnections(`no such connection: ${unknown.join(', ')}`)
    return asked ?? (request.caller?.connections ? [...request.caller.connections] : null)
  }

  app.post(
    '/subscriptions',
    {
      config,
      schema: {
        tags: ['Events'],
        operationId: 'createSubscription',
        summary: 'Subscribe a URL to change events',
        description:
          'Each event of the chosen connections and types is POSTed to the URL, signed as Standard Webhooks say, ' +
          'in order per connection. The answer carries the signing secret: it is shown this once.',
        querystring: NoQuery,
        body: Type.Ref(SubscriptionCreate),
        response: {
          201: Type.Ref(CreatedSubscription, { description: 'The subscription, with its signing secret' }),
          ...problemResponses(400, 401, 403, 409, 415, 503),
        },
      },
    },
    async (request, reply) => {
      const { url, types } = request.body
      const connections = connectionsOf(request, request.body.connections)
      const target = await checkTargetUrl(url, { allowPrivate: app.config.webhookAllowPrivateUrls })
      const subscription: StoredSubscription = {
        id: newId(),
        url: target.href,
        connections,
        types: types ?? null,
        enabled: true,
        disabledReason: null,
        createdAt: new Date().toISOString(),
        secret: newSecret(),
      }
      await store.create(subscription)
      return reply.code(201).send(subscription)
    },
  )

  app.get(
    '/subscriptions',
    {
      config,
      schema: {
        tags: ['Events'],
        operationId: 'listSubscriptions',
        summary: 'List the subscriptions',
        description: 'Every subscription within the connections the API key may use; never their secrets.',
        querystring: NoQuery,
        response: {
          200: Type.Ref(SubscriptionList, { description: 'The subscriptions' }),
          ...problemResponses(400, 401, 403, 503),
        },
      },
    },
    async (request) => ({
      data: (await store.list()).filter((subscription) => mayUse(request, subscription)).map(shown),
      nextCursor: null,
    }),
  )

  app.get(
    '/subscriptions/:id',
    {
      config,
      schema: {
        tags: ['Events'],
        operationId: 'getSubscription',
        summary: 'Get one subscription',
        description: 'Whether it is enabled, and why not when a 410 or a spent retry schedule disabled it.',
        params: SubscriptionParams,
        querystring: NoQuery,
        response: {
          200: Type.Ref(Subscription, { description: 'The subscription' }),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request) => shown(await subscriptionOf(request, request.params.id)),
  )

  app.delete(
    '/subscriptions/:id',
    {
      config,
      schema: {
        tags: ['Events'],
        operationId: 'deleteSubscription',
        summary: 'Delete a subscription',
        description: 'No event is sent to it afterwards, bar one already on its way.',
        params: SubscriptionParams,
        querystring: NoQuery,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      await subscriptionOf(request, request.params.id)
      if (!(await store.delete(request.params.id))) throw notFoundProblem(request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/subscriptions/:id/enable',
    {
      config,
      schema: {
        tags: ['Events'],
        operationId: 'enableSubscription',
        summary: 'Enable a disabled subscription',
        description:
          'Delivery resumes where it stopped: the first event not delivered, if the event log still keeps it.',
        params: SubscriptionParams,
        querystring: NoQuery,
        response: {
          200: Type.Ref(Subscription, { description: 'The subscription, enabled' }),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request) => {
      await subscriptionOf(request, request.params.id)
      const subscription = await store.setEnabled(request.params.id, true, null)
      if (!subscription) throw notFoundProblem(request.params.id)
      await app.eventDelivery?.resume(subscription)
      return shown(subscription)
    },
  )

  app.get(
    '/subscriptions/:id/deliveries',
    {
      config,
      schema: {
        tags: ['Events'],
        operationId: 'listSubscriptionDeliveries',
        summary: "List a subscription's recent delivery attempts",
        description:
          'The most recent attempts (at most 50), newest first: the event, when, and what came back.',
        params: SubscriptionParams,
        querystring: NoQuery,
        response: {
          200: Type.Ref(DeliveryAttemptList, { description: 'The attempts, newest first' }),
          ...problemResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request) => {
      await subscriptionOf(request, request.params.id)
      return { data: await store.attempts(request.params.id), nextCursor: null }
    },
  )
}
