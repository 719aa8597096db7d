import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { notFound } from '../src/errors.js'
import type { BucketSpec } from '../src/state/limiter/types.js'
import type { Adapter, AdapterDeps } from './types.js'
import { autotask } from './autotask/index.js'
import { connectWise } from './connectwise/index.js'
import { haloPsa } from './halopsa/index.js'
import type { VendorModule } from './kit/vendor-module.js'
import { syncro } from './syncro/index.js'

/** The one place that knows every vendor. */
const vendorModules = { connectwise: connectWise, halopsa: haloPsa, syncro, autotask }

export type VendorName = keyof typeof vendorModules
export const VENDORS = Object.keys(vendorModules) as VendorName[]

export const ConnectionConfig = Type.Union([
  connectWise.schema,
  haloPsa.schema,
  syncro.schema,
  autotask.schema,
])
export type ConnectionConfig = Static<typeof ConnectionConfig>

/**
 * The module of a connection's vendor. TypeScript cannot tie `vendorModules[config.vendor]` to the narrowed
 * config, hence the one cast: a module only ever receives connections whose `vendor` names it.
 */
const moduleOf = (vendor: VendorName) =>
  vendorModules[vendor] as unknown as VendorModule<typeof ConnectionConfig>

/** Validates one connection against its vendor's schema; returns messages naming each wrong field. */
export function connectionConfigProblems(connection: unknown): string[] {
  const vendor = (connection as { vendor?: unknown } | null)?.vendor
  if (typeof vendor !== 'string' || !(vendor in vendorModules)) {
    return [`vendor: must be one of ${VENDORS.join(', ')}`]
  }
  const module = moduleOf(vendor as VendorName)
  const schemaProblems = [...Value.Errors(module.schema, connection)].map(
    (error) => `${error.path.slice(1).replace(/\//g, '.') || '(connection)'}: ${error.message}`,
  )
  if (schemaProblems.length) return schemaProblems
  return module.problems(connection as ConnectionConfig)
}

export function connectionsFromEnv(env: NodeJS.ProcessEnv): Array<{ source: string; connection: unknown }> {
  return Object.values(vendorModules).flatMap((module) => module.fromEnv(env))
}

export function bucketOf(config: ConnectionConfig): BucketSpec {
  return moduleOf(config.vendor).bucket(config)
}

/** Connections that draw from one vendor bucket must agree on its size, or the refill maths would disagree. */
export function sharedBucketProblems(connections: ConnectionConfig[]): string[] {
  const first = new Map<string, { id: string; spec: BucketSpec }>()
  const problems: string[] = []
  for (const connection of connections) {
    const spec = bucketOf(connection)
    const earlier = first.get(spec.key)
    if (!earlier) first.set(spec.key, { id: connection.id, spec })
    else if (JSON.stringify(earlier.spec) !== JSON.stringify(spec)) {
      problems.push(
        `connection '${connection.id}': rateLimit differs from connection '${earlier.id}', with which it shares the ${connection.vendor} rate limit (set the same values, or scope: "connection")`,
      )
    }
  }
  return problems
}

export function createAdapter(config: ConnectionConfig, deps: AdapterDeps): Adapter {
  return moduleOf(config.vendor).connect(config, deps)
}

export class AdapterRegistry {
  readonly #adapters: Map<string, Adapter>

  constructor(adapters: Adapter[]) {
    this.#adapters = new Map(adapters.map((adapter) => [adapter.connectionId, adapter]))
  }

  get(connectionId: string): Adapter {
    const adapter = this.#adapters.get(connectionId)
    if (!adapter)
      throw notFound(`no connection '${connectionId}' is configured; GET /v1/connections lists them`)
    return adapter
  }

  list(): Adapter[] {
    return [...this.#adapters.values()]
  }
}
