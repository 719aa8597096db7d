import type { RawVendorResponse, VendorCall, VendorCallContext, VendorClient } from '../vendor-http/client.js'
import { passthroughRulesOf, type PassthroughConfig, type PassthroughRule } from './allow-list.js'

/** A connection's passthrough: what its allow-list lets through, and its vendor client's raw calls. */
export interface ConnectionPassthrough {
  readonly rules: readonly PassthroughRule[]
  send(call: VendorCall, ctx: VendorCallContext): Promise<RawVendorResponse>
}

export const passthroughOf = (
  config: { passthrough?: PassthroughConfig },
  client: Pick<VendorClient, 'sendRaw'>,
): ConnectionPassthrough => ({
  rules: passthroughRulesOf(config),
  send: (call, ctx) => client.sendRaw(call, ctx),
})
