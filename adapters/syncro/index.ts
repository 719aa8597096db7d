import { vendorClientOn, type VendorCall } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { passthroughOf } from '../../src/passthrough/connection-passthrough.js'
import { adapterFrom } from '../kit/adapter.js'
import { remainderShelf } from '../kit/fill-page.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { AdapterDeps, CallContext, WritableResource, WriteRules } from '../types.js'
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
import { SYNCRO_TIME_ENTRY_WRITE_RULES, syncroTimeEntries } from './time-entries.js'
import type { SyncroAccountSettings, SyncroTicketSettings } from './types.js'
import { syncroCallbacks } from './callbacks.js'
import { agentsFromUserList } from './contacts-map.js'

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

  /** The users, one call: `GET /users` lists `[id, name]` pairs (see agentsFromUserList). */
  const agents = (ctx: CallContext) =>
    cached('agents', async () => agentsFromUserList(await send({ method: 'GET', path: '/users' }, ctx)))

  const reference = new SyncroReference({
    mapOptions,
    priorityNames: config.priorities,
    // Priorities and Issue Types: GET /settings -> ticket.priorities, ticket.problem_types (the spec's
    // /settings example: "0 Urgent", "1 High", …; "Virus", "Hardware", …); the custom field definitions and asset
    // types there too.
    accountLists: (ctx) =>
      cached('account-lists', async () =>
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
    ...syncroResources({ api, reference, mapOptions, notifications: notificationsAllowed(config), agents }),
    agents,
    timeEntries: syncroTimeEntries({ api, agents }),
    // No boards: the declaration has none, so the list is empty and capabilities say so.
    customFields: (resource, ctx) => reference.customFieldDefinitions(resource, ctx),
    writeRules: SYNCRO_WRITE_RULES,
    callbacks: syncroCallbacks,
    passthrough: passthroughOf(config, client),
    reference,
    // The ticket settings (statuses) and the account settings (priorities, Issue Types).
    warmUp: [(ctx) => reference.statuses(ctx), (ctx) => reference.priorities(ctx)],
  })
}

/** The canonical write fields Syncro has no place for. */
const SYNCRO_WRITE_RULES: Partial<Record<WritableResource, WriteRules>> = {
  tickets: {
    unwritable: { boardId: 'Syncro has no boards' },
    unwritableOnUpdate: { description: 'Syncro keeps it as the first comment, which cannot be edited' },
  },
  contacts: { unwritable: { active: 'Syncro contacts have no active flag' } },
  'time-entries': SYNCRO_TIME_ENTRY_WRITE_RULES,
  customers: {
    unwritable: {
      website: 'Syncro customers have no website field',
      'address.country': 'Syncro customers have no country field',
    },
  },
}

export const syncro = vendorModule({
  schema: SyncroConnectionConfig,
  problems: syncroConfigProblems,
  fromEnv: syncroConnectionFromEnv,
  bucket: syncroBucket,
  connect: connectSyncro,
})
