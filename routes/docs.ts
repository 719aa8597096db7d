import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export const OPENAPI_INFO = {
  title: 'psa-gateway',
  version: '1.0.0',
  description:
    'One canonical API for tickets (with comments), customers and assets in front of ConnectWise Manage/PSA, ' +
    'HaloPSA and Syncro MSP. Every error is application/problem+json with a stable `code`.',
  // Internal software with no public licence (package.json says UNLICENSED): docs/development.md, "Licence".
  license: { name: 'Proprietary (UNLICENSED): internal use only', identifier: 'LicenseRef-Proprietary' },
}

/**
 * OpenAPI from the route schemas. Must be registered before any route so it sees them all; shared schemas
 * keep their $id as component name.
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      // Relative: the document is served by the gateway it describes, whatever host and port it listens on.
      servers: [{ url: '/', description: 'This gateway' }],
      tags: [
        { name: 'Tickets', description: 'Tickets of a connection, in the canonical model' },
        { name: 'Comments', description: "A ticket's comments and internal notes" },
        { name: 'Customers', description: 'The companies (clients, customers) a connection serves' },
        { name: 'Assets', description: 'Configurations and assets of the customers' },
        {
          name: 'Reference data',
          description: 'Statuses, priorities and ticket types, cached per connection',
        },
        {
          name: 'Connections',
          description: 'The configured vendor connections, their capabilities and health',
        },
        { name: 'Health', description: 'Liveness, readiness and Prometheus metrics' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A gateway API key (GATEWAY_API_KEYS)' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true },
    theme: { title: 'psa-gateway API' },
  })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
