import { TimeEntryListQuery } from '../src/canonical/list-query.js'
import { TimeEntryPage } from '../src/canonical/shared-schemas.js'
import { TimeEntry, TimeEntryCreate } from '../src/canonical/time-entry.js'
import { timeSpanOf } from '../src/mapping/time-span.js'
import { nestedResourceRoutes, resourceRoutes } from './resource-routes.js'

const secondOf = (instant: string) => Math.floor(Date.parse(instant) / 1000)

const common = {
  resource: 'time-entries',
  singular: 'timeEntry',
  tag: 'Time entries',
  item: TimeEntry,
  page: TimeEntryPage,
  listQuery: TimeEntryListQuery,
} as const

export const ticketTimeEntryRoutes = nestedResourceRoutes({
  ...common,
  parent: { resource: 'tickets', param: 'ticketId', singular: 'ticket' },
  create: TimeEntryCreate,
  operations: (adapter) => adapter.timeEntries?.ofTicket,
  checkWrite: (body) => void timeSpanOf(body as TimeEntryCreate),
  // The entry an earlier attempt made: on that ticket, created since then, with that start (to the second: vendors
  // keep no milliseconds), length, notes (trimmed, as they are read), billing and agent where the create named them.
  duplicate: {
    filters: (_body: TimeEntryCreate, since) => ({ createdSince: since }),
    matches: (entry: TimeEntry, body) => {
      const span = timeSpanOf(body)
      return (
        secondOf(entry.startedAt) === secondOf(span.startedAt) &&
        entry.minutes === span.minutes &&
        (entry.notes ?? '').trim() === (body.notes ?? '').trim() &&
        (body.billable === undefined || entry.billable === body.billable) &&
        (body.agentId === undefined || entry.agent?.id === body.agentId)
      )
    },
  },
  docs: {
    list: {
      summary: "List a ticket's time entries",
      description:
        'The time agents recorded on the ticket (ConnectWise time entries charged to it, HaloPSA actions with time taken, Syncro timer entries). Filters the vendor cannot apply natively answer 400 unsupported_filter.',
    },
    create: {
      summary: 'Record time on a ticket',
      description:
        'startedAt with endedAt or minutes (both must agree), in whole minutes, at most a day. Answers 201 with the entry as the vendor stored it.',
    },
  },
})

export const timeEntryRoutes = resourceRoutes({
  ...common,
  listOnly: true,
  operations: (adapter) => adapter.timeEntries,
  docs: {
    list: {
      summary: 'List the time entries of every ticket',
      description:
        "agentId, customerId, updatedSince, createdSince and startedSince where the vendor applies them itself (GET /v1/connections lists each connection's filters); others answer 400 unsupported_filter.",
    },
  },
})
