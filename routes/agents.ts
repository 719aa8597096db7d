import { Agent } from '../src/canonical/agent.js'
import { AgentListQuery } from '../src/canonical/list-query.js'
import { AgentPage } from '../src/canonical/shared-schemas.js'
import { resourceRoutes } from './resource-routes.js'

export const agentRoutes = resourceRoutes({
  resource: 'agents',
  singular: 'agent',
  tag: 'Agents',
  item: Agent,
  page: AgentPage,
  listQuery: AgentListQuery,
  operations: (adapter) => adapter.agents,
  docs: {
    list: {
      summary: 'List agents',
      description:
        "The people who work tickets (ConnectWise members, HaloPSA agents, Syncro users): the ids a ticket's assignee, a comment's author and the assigneeId filter carry. Read whole from the vendor and cached like statuses; q searches name and email.",
    },
  },
})
