import type { FastifyPluginAsync } from 'fastify'
import { authorize } from '../src/security/api-keys.js'
import { problemResponses } from './common.js'

/** Prometheus metrics: public by default (a scraper on the internal network), or behind a `read` key. */
export const metricsRoutes: FastifyPluginAsync = async (app) => {
  const schema = {
    tags: ['Health'],
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description:
      'Vendor calls by connection and outcome, their durations, rate-limit waits, reference cache hits, token ' +
      'fetches, circuit breakers, requests by route. Public unless METRICS_PUBLIC=false (then a `read` key).',
    ...(app.config.metricsPublic ? { security: [] } : {}),
    response: {
      200: { type: 'string', description: 'Prometheus text exposition format' },
      ...problemResponses(...(app.config.metricsPublic ? [408] : [401, 403, 408])),
    },
  }
  app.get('/metrics', { logLevel: 'warn', schema }, async (request, reply) => {
    if (!app.config.metricsPublic) authorize(app.apiKeys.authenticate(request), 'read', undefined)
    reply.type(app.metrics.contentType)
    return app.metrics.text()
  })
}
