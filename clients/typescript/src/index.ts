import type { components } from './schema.js'

export { createGatewayClient, type GatewayClient, type GatewayClientOptions } from './client.js'
export { listAll, type Page } from './pages.js'
export { dataOrThrow, GatewayRequestError, type GatewayProblem, type GatewayResult } from './problem.js'
export type { components, operations, paths } from './schema.js'

/** A named schema of the document: `Schema<'Ticket'>`, `Schema<'TicketCreate'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name]
