import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter } from '../adapters/types.js'
import { registerIdempotency } from '../src/http/idempotency.js'
import { authorize, type Caller } from '../src/security/api-keys.js'
import type { RequestAdmission } from '../src/vendor-http/admission.js'
import { assetRoutes } from './assets.js'
import { connectionRoutes } from './connections.js'
import { customerRoutes } from './customers.js'
import { eventRoutes } from './events.js'
import { registerDocs } from './docs.js'
import { healthRoutes } from './health.js'
import { metricsRoutes } from './metrics.js'
import { referenceRoutes } from './reference.js'
import { commentRoutes, ticketRoutes } from './tickets.js'

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | undefined
    /** The request's place at the vendor rate limits (routes/common.ts callContext), made on its first vendor call. */
    admission: RequestAdmission | undefined
    /** Its connection's adapter, once resolved (routes/common.ts adapterOf). */
    adapter: Adapter | undefined
  }
}

const READ_METHODS = new Set(['GET', 'HEAD'])

/** Everything under /v1 needs a gateway API key when keys are configured; reads need 'read', writes 'write'. */
const v1Routes: FastifyPluginAsyncTypebox = async (app) => {
  app.decorateRequest('caller', undefined)
  app.decorateRequest('admission', undefined)
  app.decorateRequest('adapter', undefined)
  app.addHook('onRequest', async (request) => {
    request.caller = app.apiKeys.authenticate(request)
    const connection = (request.params as { connection?: string }).connection
    authorize(request.caller, READ_METHODS.has(request.method) ? 'read' : 'write', connection)
  })
  registerIdempotency(app, app.sharedState.idempotency, app.config.idempotencyLeaseMs)
  await app.register(connectionRoutes)
  await app.register(ticketRoutes)
  await app.register(commentRoutes)
  await app.register(customerRoutes)
  await app.register(assetRoutes)
  await app.register(referenceRoutes)
  await app.register(eventRoutes)
}

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await registerDocs(app)
  await app.register(healthRoutes)
  await app.register(metricsRoutes)
  await app.register(v1Routes, { prefix: '/v1' })
}
