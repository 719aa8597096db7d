import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

const Health = Type.Object({ status: Type.Literal('ok') })
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')]),
  checks: Type.Object({
    config: Type.Literal('ok'),
    store: Type.Object({
      kind: Type.Union([Type.Literal('memory'), Type.Literal('redis')]),
      ok: Type.Boolean(),
    }),
  }),
})

/** Liveness and readiness, outside /v1 and without API keys (load balancers call them). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['Health'], summary: 'Liveness', security: [], response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['Health'],
        summary: 'Readiness',
        description:
          'ready when the shared-state store answers; degraded (still 200, still serving) when it does not.',
        security: [],
        response: { 200: Readiness },
      },
    },
    async () => {
      const store = await app.sharedState.ready()
      return {
        status: store.ok ? ('ready' as const) : ('degraded' as const),
        checks: { config: 'ok' as const, store: { kind: store.store, ok: store.ok } },
      }
    },
  )
}
