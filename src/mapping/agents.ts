import type { Agent } from '../canonical/agent.js'

/** The agents' names by id, for the records that name an agent by id only (a time entry's, a ticket's assignee). */
export const agentNamesOf = (agents: readonly Agent[]): ReadonlyMap<string, string> =>
  new Map(agents.map((agent) => [agent.id, agent.name]))
