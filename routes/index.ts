import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter } from '../adapters/types.js'
import { registerIdempotency } from '../src/http/idempotency.js'
import { authorize, type Caller } from '../src/security/api-keys.js'
import type { ApiKeyScope } from '../src/gateway-config.js'
import type { EventDelivery } from '../src/events/delivery/types.js'
import type { RequestAdmission } from '../src/vendor-http/admission.js'
import { agentRoutes } from './agents.js'
import { assetRoutes } from './assets.js'
import { connectionRoutes } from './connections.js'
import { contactRoutes } from './contacts.js'
import { customerRoutes } from './customers.js'
import { eventRoutes } from './events.js'
import { registerDocs } from './docs.js'
import { healthRoutes } from './health.js'
import { metaRoutes } from './meta.js'
import { metricsRoutes } from './metrics.js'
import { passthroughRoutes } from './passthrough.js'
import { referenceRoutes } from './reference.js'
import { subscriptionRoutes } from './subscriptions.js'
import { commentRoutes, ticketRoutes } from './tickets.js'
import { ticketTimeEntryRoutes, timeEntryRoutes } from './time-entries.js'
import { callbackRoutes } from './callbacks.js'
import { NoQuery } from './common.js'

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined
    /** The request's place at the vendor rate limits (routes/common.ts callContext), made on its first vendor call. */
    admission: RequestAdmission | undefined
    /** Its connection's adapter, once resolved (routes/common.ts adapterOf). */
    adapter: Adapter | undefined
  }
  interface FastifyInstance {
    /** Push delivery of events, once the event log feeds it; the subscription routes work without it. */
    eventDelivery?: EventDelivery
  }
  interface FastifyContextConfig {
    /** The scope the route needs instead of read (GET) or write (others). */
    scope?: ApiKeyScope
  }
}

const READ_METHODS = new Set(['GET', 'HEAD'])

/**
 * Everything under /v1 needs a gateway API key when keys are configured; reads need 'read', writes 'write', and a
 * route naming its own scope (the subscriptions: 'events') that one.
 */
const v1Routes: FastifyPluginAsyncTypebox = async (app) => {
  app.decorateRequest('caller', undefined)
  app.decorateRequest('admission', undefined)
  app.decorateRequest('adapter', undefined)
  app.addHook('onRequest', async (request) => {
    request.caller = app.apiKeys.authenticate(request)
    const connection = (request.params as { connection?: string }).connection
    const scope = request.routeOptions.config.scope ?? (READ_METHODS.has(request.method) ? 'read' : 'write')
    authorize(request.caller, scope, connection)
  })
  // A route takes the query parameters its schema declares and no others (docs/behaviour.md: an unknown one is a
  // 400), including a route that declares none: `?foo=1` or `?pageSize=abc` on a route without paging is a mistake.
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.querystring) route.schema = { ...route.schema, querystring: NoQuery }
  })
  registerIdempotency(app, app.sharedState.idempotency, app.config.idempotencyLeaseMs)
  await app.register(connectionRoutes)
  await app.register(ticketRoutes)
  await app.register(commentRoutes)
  await app.register(customerRoutes)
  await app.register(assetRoutes)
  await app.register(contactRoutes)
  await app.register(agentRoutes)
  await app.register(ticketTimeEntryRoutes)
  await app.register(timeEntryRoutes)
  await app.register(referenceRoutes)
  await app.register(metaRoutes)
  await app.register(eventRoutes)
  await app.register(passthroughRoutes)
  await app.register(subscriptionRoutes)
}

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await registerDocs(app)
  await app.register(healthRoutes)
  await app.register(metricsRoutes)
  await app.register(v1Routes, { prefix: '/v1' })
  await app.register(callbackRoutes, { prefix: '/v1' })
}
