import { Type, type Static } from '@sinclair/typebox'
import { Connection, ConnectionList, OPERATIONS } from '../src/canonical/connection.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter, ListableResource } from '../adapters/types.js'
import { mayUseConnection } from '../src/security/api-keys.js'
import { adapterOf, ConnectionParams, problemResponses } from './common.js'

function describe(adapter: Adapter): Static<typeof Connection> {
  const operationsOf = (ops: object) =>
    OPERATIONS.filter((op) => typeof (ops as Record<string, unknown>)[op] === 'function')
  const operations: Record<ListableResource, Array<(typeof OPERATIONS)[number]>> = {
    tickets: operationsOf(adapter.tickets),
    comments: operationsOf(adapter.comments),
    customers: operationsOf(adapter.customers),
    assets: operationsOf(adapter.assets),
    contacts: operationsOf(adapter.contacts ?? {}),
    agents: operationsOf(adapter.agents ?? {}),
    'time-entries': adapter.timeEntries
      ? ['list', ...operationsOf({ create: adapter.timeEntries.ofTicket.create })]
      : [],
  }
  return {
    id: adapter.connectionId,
    vendor: adapter.vendor,
    capabilities: {
      operations,
      filters: Object.fromEntries(
        Object.entries(adapter.filters).map(([resource, names]) => [resource, [...names]]),
      ),
      boards: adapter.hasBoards,
    },
    health: adapter.health(),
  }
}

export const connectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/connections',
    {
      schema: {
        tags: ['Connections'],
        operationId: 'listConnections',
        summary: 'List the configured connections',
        description:
          'Each vendor tenant this gateway serves, with what it can do and how its vendor answered lately.',
        response: {
          200: Type.Ref(ConnectionList, { description: 'The connections the API key may use' }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => ({
      data: app.registry
        .list()
        .filter((adapter) => mayUseConnection(request.caller, adapter.connectionId))
        .map(describe),
    }),
  )

  app.get(
    '/connections/:connection',
    {
      schema: {
        tags: ['Connections'],
        operationId: 'getConnection',
        summary: 'Get one connection',
        description: 'Its vendor, the filters each list honours, and how its vendor answered lately.',
        params: ConnectionParams,
        response: {
          200: Type.Ref(Connection, { description: 'The connection' }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => describe(adapterOf(request)),
  )
}
