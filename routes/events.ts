import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { EVENT_TYPES } from '../src/canonical/event.js'
import { commaListOf } from '../src/canonical/list-query.js'
import { MAX_PAGE_SIZE } from '../src/canonical/page.js'
import { ChangeEventPage } from '../src/canonical/shared-schemas.js'
import { GatewayError } from '../src/errors.js'
import { LOG_POSITION_PATTERN } from '../src/events/log-position.js'
import { pageItemSchema, sendPage } from '../src/http/page-payload.js'
import { decodeCursor, encodeCursor, readPosition, type CursorScope } from '../src/paging/cursor.js'
import { adapterOf, ConnectionParams, problemResponses } from './common.js'

const DEFAULT_FEED_LIMIT = 100
/** How soon to come back while the shared event log is unreachable. */
const STORE_RETRY_AFTER_SECONDS = 5

const EventsQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 4096, description: 'nextCursor of the previous page' }),
    ),
    types: Type.Optional(
      Type.String({
        pattern: commaListOf(EVENT_TYPES),
        description: `Only these event types, comma separated: ${EVENT_TYPES.join(', ')}`,
      }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_FEED_LIMIT,
      description: 'Events per page at most',
    }),
  },
  { additionalProperties: false },
)

/** Where a cursor points: a position in the connection's log, or null before its first event. */
const FeedPosition = Type.Union([Type.Null(), Type.String({ pattern: LOG_POSITION_PATTERN })])

const storeUnavailable = () =>
  new GatewayError(503, 'store_unavailable', "the gateway's shared event log is unreachable", {
    retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
  })

/**
 * The pull feed of a connection's change events (docs/events.md), oldest first. The cursor is bound to the
 * connection and the types: it has moved past the events of other types, so reusing it with others would miss some.
 */
export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const itemSchema = pageItemSchema(ChangeEventPage)
  app.get(
    '/connections/:connection/events',
    {
      schema: {
        tags: ['Events'],
        operationId: 'listEvents',
        summary: "Read the connection's change events",
        description:
          'Oldest first, from where the cursor stopped (without one: from the oldest event kept). `nextCursor` is never ' +
          'null: poll it again later for what comes next. A cursor whose following events are past the retention ' +
          '(EVENT_RETENTION_HOURS) answers 410 cursor_expired: start again without a cursor and resynchronise with a full list.',
        params: ConnectionParams,
        querystring: EventsQuery,
        response: {
          200: Type.Ref(ChangeEventPage, { description: 'A page of change events' }),
          ...problemResponses(400, 401, 403, 404, 410, 503),
        },
      },
    },
    async (request, reply) => {
      const connection = adapterOf(request).connectionId
      const { cursor, limit } = request.query
      const types = request.query.types
        ? EVENT_TYPES.filter((type) => request.query.types!.split(',').includes(type))
        : undefined
      const scope: CursorScope = { connection, resource: 'events', filters: types ? { types } : {} }
      const after = cursor === undefined ? null : readPosition(FeedPosition, decodeCursor(cursor, scope))
      const { events, next } = await app.sharedState.events
        .read(connection, after, { limit, types })
        .catch((error: unknown) => {
          throw error instanceof GatewayError ? error : storeUnavailable()
        })
      return sendPage(
        reply,
        { data: events.map((entry) => entry.event), nextCursor: encodeCursor(next, scope) },
        itemSchema,
      )
    },
  )
}
