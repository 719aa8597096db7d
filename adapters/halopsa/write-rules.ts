import type { WritableResource, WriteRules } from '../types.js'

const ON_SITES = 'HaloPSA keeps it on the client’s sites and users, not on the client'

/** What HaloPSA makes of the canonical writes, beyond the canonical schema (checked before any call). */
export const HALO_WRITE_RULES: Partial<Record<WritableResource, WriteRules>> = {
  customers: { unwritable: { email: ON_SITES, phone: ON_SITES, address: ON_SITES } },
  // A new asset needs its type (`assettype_id`), which also names the fields serial number, model and
  // manufacturer are written to.
  assets: { requiredOnCreate: ['typeId'] },
  // A time entry is an action, and Halo refuses an action without a note (or an outcome, which we do not send).
  'time-entries': { requiredOnCreate: ['notes'] },
}
