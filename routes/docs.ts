import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify'

export const OPENAPI_INFO = {
  title: 'psa-gateway',
  version: '1.0.0',
  description:
    'One canonical API for tickets (with comments), customers and assets in front of ConnectWise Manage/PSA, ' +
    'HaloPSA and Syncro MSP. Every error is application/problem+json with a stable `code`.',
  // Internal software with no public licence (package.json says UNLICENSED): docs/development.md, "Licence".
  license: { name: 'Proprietary (UNLICENSED): internal use only', identifier: 'LicenseRef-Proprietary' },
}

const OPENAPI: FastifyDynamicSwaggerOptions['openapi'] = {
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
      name: 'Contacts',
      description: "The customers' people: ConnectWise contacts, HaloPSA users, Syncro contacts",
    },
    {
      name: 'Agents',
      description: 'The people who work tickets: ConnectWise members, HaloPSA agents, Syncro users',
    },
    {
      name: 'Reference data',
      description: 'Statuses, priorities and ticket types, cached per connection',
    },
    {
      name: 'Connections',
      description: 'The configured vendor connections, their capabilities and health',
    },
    {
      name: 'Events',
      description: "A connection's change events: a pull feed, oldest first, with a cursor",
    },
    {
      name: 'Passthrough',
      description: "A connection's vendor API as it is, for what the canonical model does not cover",
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
}

/** Headers of the docs app's answer that belong to its own (injected) connection, not to the relayed one. */
const NOT_RELAYED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'])

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenAPI document of the gateway's routes (built on first use). */
    openApiDocument(): Promise<unknown>
  }
}

/**
 * `/openapi.json` and the Swagger UI under `/docs`, built on their first request by a docs app of their own:
 * @fastify/swagger, @fastify/swagger-ui and what they load (yaml, @fastify/static, light-my-request) take several
 * MB of a process that may never be asked for its docs (docs/performance.md, section 5). The gateway's routes are
 * recorded as they are added, so this must be registered before any route; the docs app declares the same routes
 * with the same schemas, to be described, never run.
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  const routes: RouteOptions[] = []
  const instances: FastifyInstance[] = [app]
  app.addHook('onRoute', (route) => {
    // As @fastify/swagger describes them: no HEAD twins, no hidden route (the docs' own among them).
    if (route.method !== 'HEAD' && !route.schema?.hide) routes.push(route)
  })
  app.addHook('onRegister', (instance) => {
    instances.push(instance)
  })
  let docs: Promise<FastifyInstance> | undefined
  const docsApp = () => (docs ??= buildDocsApp(routes, instances))
  app.decorate('openApiDocument', async () => (await docsApp()).swagger())
  app.addHook('onClose', async () => {
    await (await docs)?.close()
  })

  app.get('/openapi.json', { schema: { hide: true } }, () => app.openApiDocument())
  const relay = async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await (
      await docsApp()
    ).inject({ method: request.method as 'GET' | 'HEAD', url: request.url, headers: request.headers })
    if (answer.statusCode === 404) return reply.callNotFound() // the gateway's own problem+json 404
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined && !NOT_RELAYED.has(name)) reply.header(name, value)
    return reply.code(answer.statusCode).send(answer.rawPayload.length ? answer.rawPayload : undefined)
  }
  app.get('/docs', { schema: { hide: true } }, relay)
  app.get('/docs/*', { schema: { hide: true } }, relay)
}

/** A Fastify app with the gateway's routes (their schemas) and shared schemas, described by @fastify/swagger. */
async function buildDocsApp(routes: RouteOptions[], instances: FastifyInstance[]): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
  ])
  const docs = Fastify()
  // Described, never run: nothing to validate or serialise.
  docs.setValidatorCompiler(() => () => true)
  docs.setSerializerCompiler(() => JSON.stringify)
  const schemas: Record<string, unknown> = Object.assign({}, ...instances.map((each) => each.getSchemas()))
  for (const schema of Object.values(schemas)) docs.addSchema(schema)
  await docs.register(swagger, {
    openapi: OPENAPI,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
  })
  for (const { method, url, schema } of routes) {
    docs.route({ method, ...namedWildcard(url, schema), handler: async () => undefined })
  }
  await docs.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true },
    theme: { title: 'psa-gateway API' },
  })
  await docs.ready()
  return docs
}

/**
 * A route's trailing `*` (the passthrough's vendor path) as a parameter named `path`: OpenAPI has no wildcard, and
 * `{*}` is no name a client generator or a linter takes.
 */
function namedWildcard(url: string, schema: RouteOptions['schema']) {
  const params = schema?.params as { properties?: Record<string, unknown>; required?: string[] } | undefined
  if (!url.endsWith('/*') || !params?.properties?.['*']) return { url, schema }
  const { '*': wildcard, ...properties } = params.properties
  return {
    url: `${url.slice(0, -1)}:path`,
    schema: {
      ...schema,
      params: {
        ...params,
        properties: { ...properties, path: wildcard },
        required: (params.required ?? []).map((name) => (name === '*' ? 'path' : name)),
      },
    },
  }
}
