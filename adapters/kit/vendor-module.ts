import type { Static, TSchema } from '@sinclair/typebox'
import type { BucketSpec } from '../../src/state/limiter/types.js'
import type { Adapter, AdapterDeps } from '../types.js'

/**
 * Everything the gateway knows a vendor by, exported by its adapter folder's index.ts and listed once in
 * adapters/registry.ts, which derives the connection config types from the schemas.
 */
export interface VendorModule<C extends TSchema = TSchema> {
  /** The connection's config; its `vendor` literal names the vendor. */
  schema: C
  /** Checks the schema cannot express; each message names its field. */
  problems: (config: Static<C>) => string[]
  /** Connections configured by the vendor's environment shortcut. */
  fromEnv: (env: NodeJS.ProcessEnv) => Array<{ source: string; connection: unknown }>
  /** The rate-limit bucket the connection's vendor calls draw from. */
  bucket: (config: Static<C>) => BucketSpec
  /** The connection's adapter, on the gateway's shared state and transport. */
  connect: (config: Static<C>, deps: AdapterDeps) => Adapter
}

/** Declares a vendor module, checked against its schema's config type. */
export const vendorModule = <C extends TSchema>(module: VendorModule<C>): VendorModule<C> => module
