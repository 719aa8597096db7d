import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { mayUseConnection } from '../src/security/api-keys.js'
import { problemResponses } from './common.js'

const Health = Type.Object({ status: Type.Literal('ok') }, { description: 'The process serves requests' })
const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')]),
    /** Only for a caller with a `read` key (or when no keys are configured): what a load balancer needs is `status`. */
    checks: Type.Optional(
      Type.Object({
        config: Type.Literal('ok'),
        store: Type.Object({
          kind: Type.Union([Type.Literal('memory'), Type.Literal('redis')]),
          ok: Type.Boolean(),
        }),
        /** Each connection's circuit breaker: `open` means its vendor calls fail fast for now. */
        connections: Type.Record(
          Type.String(),
          Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half-open')]),
        ),
      }),
    ),
  },
  { description: 'ready or degraded, and with a read key the checks behind it' },
)

/** Liveness and readiness, outside /v1 and without API keys (load balancers call them). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['Health'],
        operationId: 'getLiveness',
        summary: 'Liveness',
        description:
          'ok while the process serves HTTP; it checks nothing else, so a vendor or Redis outage never restarts it.',
        security: [],
        response: { 200: Health, ...problemResponses(408) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['Health'],
        operationId: 'getReadiness',
        summary: 'Readiness',
        description:
          'ready when the shared-state store answers and no connection has its circuit breaker open; degraded ' +
          '(still 200, still serving what it can) otherwise. The checks (store, each connection) come only ' +
          "with a gateway API key that has the 'read' scope, or when no keys are configured.",
        security: [],
        response: { 200: Readiness, ...problemResponses(408) },
      },
    },
    async (request) => {
      const store = await app.sharedState.ready()
      const breakers = app.registry.list().map((adapter) => [adapter.connectionId, adapter.health().breaker])
      const breakerOpen = breakers.some(([, breaker]) => breaker === 'open')
      const status = store.ok && !breakerOpen ? ('ready' as const) : ('degraded' as const)
      const reader = app.apiKeys.reader(request)
      if (reader === null) return { status }
      // Of the connections the key may use only.
      const connections = Object.fromEntries(breakers.filter(([id]) => mayUseConnection(reader, id!)))
      return {
        status,
        checks: { config: 'ok' as const, store: { kind: store.store, ok: store.ok }, connections },
      }
    },
  )
}
