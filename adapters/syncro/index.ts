import { vendorClientOn, type VendorCall } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { adapterFrom } from '../kit/adapter.js'
import { remainderShelf } from '../kit/fill-page.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { AdapterDeps, CallContext } from '../types.js'
import { syncroApi } from './api.js'
import { syncroAuth } from './auth.js'
import {
  SyncroConnectionConfig,
  syncroBaseUrl,
  syncroBucket,
  syncroConfigProblems,
  syncroConnectionFromEnv,
} from './config.js'
import { describeSyncroError } from './errors.js'
import { accountListsOf, SyncroReference } from './reference.js'
import { syncroResources } from './resources.js'
import type { SyncroAccountSettings, SyncroTicketSettings } from './types.js'
import { syncroCallbacks } from './callbacks.js'

function connectSyncro(config: SyncroConnectionConfig, deps: AdapterDeps) {
  const baseUrl = syncroBaseUrl(config)
  const mapOptions = { ...categoryMapsOf(config), webOrigin: new URL(baseUrl).origin }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'syncro',
    baseUrl,
    bucket: syncroBucket(config),
    auth: syncroAuth(config.apiKey),
    describeError: describeSyncroError,
  })
  const api = syncroApi(client, remainderShelf(deps.pageRemainders, config.id))
  const send = async (call: VendorCall, ctx: CallContext): Promise<unknown> =>
    (await client.send(call, ctx)).body
  const cached = <T>(name: string, load: () => Promise<T>) => deps.referenceCache.get(config.id, name, load)

  const reference = new SyncroReference({
    mapOptions,
    priorityNames: config.priorities,
    // Priorities and Issue Types: GET /settings -> ticket.priorities, ticket.problem_types (the spec's
    // /settings example: "0 Urgent", "1 High", …; "Virus", "Hardware", …).
    accountLists: (ctx) =>
      cached('account-settings', async () =>
        accountListsOf((await send({ method: 'GET', path: '/settings' }, ctx)) as SyncroAccountSettings),
      ),
    ticketSettings: (ctx) =>
      cached('ticket-settings', async () => {
        const settings = (await send(
          { method: 'GET', path: '/tickets/settings' },
          ctx,
        )) as SyncroTicketSettings
        return { ticket_status_list: settings.ticket_status_list ?? [] }
      }),
  })

  return adapterFrom({
    connectionId: config.id,
    vendor: 'syncro',
    api,
    health: () => client.health.report(),
    ...syncroResources({ api, reference, mapOptions, notifications: notificationsAllowed(config) }),
    callbacks: syncroCallbacks,
    reference: {
      statuses: (ctx) => reference.statuses(ctx),
      priorities: (ctx) => reference.priorities(ctx),
      ticketTypes: (ctx) => reference.ticketTypes(ctx),
    },
    // The ticket settings (statuses) and the account settings (priorities, Issue Types).
    warmUp: [(ctx) => reference.statuses(ctx), (ctx) => reference.priorities(ctx)],
  })
}

export const syncro = vendorModule({
  schema: SyncroConnectionConfig,
  problems: syncroConfigProblems,
  fromEnv: syncroConnectionFromEnv,
  bucket: syncroBucket,
  connect: connectSyncro,
})
