import type { VendorClient } from '../../src/vendor-http/client.js'
import { fieldOf, recordIdOf } from '../kit/callback-body.js'
import { GATEWAY_CALLBACK_NAME, isAnotherTokenOf } from '../kit/callback-registration.js'
import type { CallbackHint, VendorCallbacks } from '../types.js'
import type { ConnectWiseApi } from './api.js'

/**
 * ConnectWise callbacks (docs/events-sources.md section 1): registered at /system/callbacks as
 * `{url, objectId, type, level}`, one per record type at the `owner` level (every record of the type), and POSTed
 * as `{Action, Type, ID, Entity, ...}` with the lower-case type and the numeric record id.
 */
const RESOURCE_OF_TYPE: Record<string, CallbackHint['resource']> = {
  ticket: 'ticket',
  company: 'customer',
  configuration: 'asset',
}

interface CwCallbackEntry {
  id: number
  url: string
  type: string
  level: string
  description?: string
  inactiveFlag?: boolean
}

export function hintsOfConnectWiseCallback(body: unknown): CallbackHint[] {
  const type = fieldOf(body, 'Type')
  const resource = typeof type === 'string' ? RESOURCE_OF_TYPE[type.toLowerCase()] : undefined
  const id = recordIdOf(fieldOf(body, 'ID'))
  return resource && id ? [{ resource, id }] : []
}

export function connectWiseCallbacks(
  client: VendorClient,
  api: Pick<ConnectWiseApi, 'all'>,
): VendorCallbacks {
  return {
    hintsOf: hintsOfConnectWiseCallback,
    async register({ url: gatewayUrl }, ctx) {
      // CW appends the record id to the URL as it is (amp-labs registers `?recordId=`, Kerkhoff `?id=`).
      const url = `${gatewayUrl}?recordId=`
      const entries = await api.all<CwCallbackEntry>('/system/callbacks', ctx)
      for (const type of Object.keys(RESOURCE_OF_TYPE)) {
        const entry = entries.find(
          (candidate) => candidate.url === url && candidate.type === type && candidate.level === 'owner',
        )
        // A registration deactivated at ConnectWise is switched on again: a second one would be refused as ObjectExists.
        if (entry?.inactiveFlag)
          await client.send(
            {
              method: 'PATCH',
              path: `/system/callbacks/${entry.id}`,
              body: [{ op: 'replace', path: 'inactiveFlag', value: false }],
            },
            ctx,
          )
        // objectId is required even for the owner level, where CW stores 1 (Kerkhoff's callbacks.py sends 1).
        if (!entry)
          await client.send(
            {
              method: 'POST',
              path: '/system/callbacks',
              body: {
                url,
                objectId: 1,
                type,
                level: 'owner',
                description: GATEWAY_CALLBACK_NAME,
                inactiveFlag: false,
              },
            },
            ctx,
          )
      }
      const stale = entries.filter(
        (entry) => entry.description === GATEWAY_CALLBACK_NAME && isAnotherTokenOf(gatewayUrl, entry.url),
      )
      for (const entry of stale)
        await client.send({ method: 'DELETE', path: `/system/callbacks/${entry.id}` }, ctx)
    },
  }
}
