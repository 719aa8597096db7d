import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter, CallContext } from '../adapters/types.js'
import { BoardList, PriorityList, StatusList, TicketTypeList } from '../src/canonical/shared-schemas.js'
import { adapterOf, ConnectionParams, READ_PROBLEMS, callContext, problemResponses } from './common.js'

interface ReferenceList {
  path: string
  operationId: string
  summary: string
  description: string
  schema: TSchema
  load: (adapter: Adapter, ctx: CallContext) => Promise<unknown[]>
}

const lists: ReferenceList[] = [
  {
    path: 'statuses',
    operationId: 'listStatuses',
    summary: 'List ticket statuses',
    description: "The vendor's statuses with their canonical category (the connection's statusMap wins).",
    schema: StatusList,
    load: (adapter, ctx) => adapter.reference.statuses(ctx),
  },
  {
    path: 'priorities',
    operationId: 'listPriorities',
    summary: 'List ticket priorities',
    description: "The vendor's priorities with their canonical level (the connection's priorityMap wins).",
    schema: PriorityList,
    load: (adapter, ctx) => adapter.reference.priorities(ctx),
  },
  {
    path: 'ticket-types',
    operationId: 'listTicketTypes',
    summary: 'List ticket types',
    description: "The vendor's ticket types.",
    schema: TicketTypeList,
    load: (adapter, ctx) => adapter.reference.ticketTypes(ctx),
  },
  {
    path: 'boards',
    operationId: 'listBoards',
    summary: 'List boards',
    description:
      "ConnectWise service boards, HaloPSA teams: the ids a ticket's board carries. Empty where the vendor has none (the connection's capabilities say boards: false).",
    schema: BoardList,
    load: (adapter, ctx) => adapter.reference.boards(ctx),
  },
]

/** Reference data, served from the reference cache (fresh 10 min, stale up to 24 h). */
export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const list of lists) {
    app.get(
      `/connections/:connection/${list.path}`,
      {
        schema: {
          tags: ['Reference data'],
          operationId: list.operationId,
          summary: list.summary,
          description: list.description,
          params: ConnectionParams,
          response: {
            200: Type.Ref(list.schema, { description: `The connection's ${list.path}` }),
            ...problemResponses(...READ_PROBLEMS),
          },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        return { data: await list.load(adapter, callContext(request, reply)), nextCursor: null }
      },
    )
  }
}
