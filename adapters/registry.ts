import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { notFound } from '../src/errors.js'
import type { Adapter, AdapterDeps } from './types.js'
import {
  createSyncroAdapter,
  SyncroConnectionConfig,
  syncroConfigProblems,
  syncroConnectionFromEnv,
} from './syncro/index.js'

/** The one place that knows every vendor. */

interface VendorModule<C extends TSchema> {
  schema: C
  /** Checks the schema cannot express; each message names its field. */
  problems: (config: Static<C>) => string[]
  fromEnv: (env: NodeJS.ProcessEnv) => Array<{ source: string; connection: unknown }>
  create: (config: Static<C>, deps: AdapterDeps) => Adapter
}

const vendorModules = {
  syncro: {
    schema: SyncroConnectionConfig,
    problems: syncroConfigProblems,
    fromEnv: syncroConnectionFromEnv,
    create: createSyncroAdapter,
  } satisfies VendorModule<typeof SyncroConnectionConfig>,
}

export type VendorName = keyof typeof vendorModules
export const VENDORS = Object.keys(vendorModules) as VendorName[]

export const ConnectionConfig = Type.Union([SyncroConnectionConfig])
export type ConnectionConfig = Static<typeof ConnectionConfig>

/** Validates one connection against its vendor's schema; returns messages naming each wrong field. */
export function connectionConfigProblems(connection: unknown): string[] {
  const vendor = (connection as { vendor?: unknown } | null)?.vendor
  if (typeof vendor !== 'string' || !(vendor in vendorModules)) {
    return [`vendor: must be one of ${VENDORS.join(', ')}`]
  }
  const module = vendorModules[vendor as VendorName]
  const schemaProblems = [...Value.Errors(module.schema, connection)].map(
    (error) => `${error.path.slice(1).replace(/\//g, '.') || '(connection)'}: ${error.message}`,
  )
  if (schemaProblems.length) return schemaProblems
  return module.problems(connection as ConnectionConfig)
}

export function connectionsFromEnv(env: NodeJS.ProcessEnv): Array<{ source: string; connection: unknown }> {
  return Object.values(vendorModules).flatMap((module) => module.fromEnv(env))
}

export function createAdapter(config: ConnectionConfig, deps: AdapterDeps): Adapter {
  switch (config.vendor) {
    case 'syncro':
      return vendorModules.syncro.create(config, deps)
  }
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
