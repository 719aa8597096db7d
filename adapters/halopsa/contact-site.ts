import { GatewayError } from '../../src/errors.js'
import { noMatch } from '../../src/mapping/reference-match.js'
import type { CallContext } from '../types.js'
import { haloId } from './map.js'
import type { HaloClient } from './types.js'

/**
 * Where a contact of a customer goes: an end-user belongs to a site (`site_id`, which public clients name as
 * required), so a contact written with a customer goes to that client's main site, read from the client.
 */
export async function siteOfCustomer(
  readClient: (id: number, ctx: CallContext) => Promise<HaloClient>,
  customerId: string,
  ctx: CallContext,
): Promise<{ site_id: number; client_id: number }> {
  const clientId = haloId(customerId, 'customerId')
  const client = await readClient(clientId, ctx).catch((error: unknown) => {
    if (error instanceof GatewayError && error.status === 404)
      throw noMatch('halopsa', 'customerId', customerId, 'customers')
    throw error
  })
  if (typeof client.main_site_id !== 'number' || client.main_site_id <= 0)
    throw noMatch('halopsa', 'customerId', customerId, 'customers with a main site')
  return { site_id: client.main_site_id, client_id: clientId }
}
