import { bareRecords } from '../../src/vendor-http/answer.js'
import { vendorClientOn } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { passthroughOf } from '../../src/passthrough/connection-passthrough.js'
import { adapterFrom } from '../kit/adapter.js'
import { remainderShelf } from '../kit/fill-page.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { AdapterDeps, CallContext } from '../types.js'
import { haloApi } from './api.js'
import { haloAuth } from './auth.js'
import {
  HaloConnectionConfig,
  haloBucket,
  haloConfigProblems,
  haloConnectionFromEnv,
  haloOrigin,
} from './config.js'
import { describeHaloError } from './errors.js'
import { agentFromHalo } from './contacts-map.js'
import { customFieldDefinitionsFromHalo, HALO_FIELD_TYPE_IDS } from './custom-fields.js'
import { boardFromHalo, statusTypesOf, type HaloMapOptions } from './map.js'
import type { HaloQuery } from './query.js'
import { HaloReference } from './reference.js'
import { haloResources } from './resources.js'
import type {
  HaloAgent,
  HaloAsset,
  HaloAssetType,
  HaloFieldInfo,
  HaloPriority,
  HaloStatus,
  HaloTeam,
  HaloTicketType,
} from './types.js'
import { haloCallbacks } from './callbacks.js'
import { HALO_WRITE_RULES } from './write-rules.js'
import type { CustomFieldResource } from '../../src/canonical/custom-field.js'

function connectHalo(config: HaloConnectionConfig, deps: AdapterDeps) {
  const origin = haloOrigin(config)
  const mapOptions: HaloMapOptions = { ...categoryMapsOf(config), webOrigin: origin }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'halopsa',
    baseUrl: `${origin}/api`,
    bucket: haloBucket(config),
    auth: haloAuth(config, {
      tokenCache: deps.tokenCache,
      pools: deps.pools,
      timeoutMs: deps.vendorHttp.requestTimeoutMs,
    }),
    describeError: describeHaloError,
  })
  const api = haloApi(client, remainderShelf(deps.pageRemainders, config.id))
  const getAll = async <R>(path: string, ctx: CallContext, query?: HaloQuery) =>
    bareRecords<R>((await client.send({ method: 'GET', path, query }, ctx)).body, 'halopsa', path)
  const cached = <T>(name: string, load: () => Promise<T>) => deps.referenceCache.get(config.id, name, load)

  const reference = new HaloReference({
    mapOptions,
    // The status list three ways: all, and without the closed and the pending ones, which tells the status
    // types Halo classes so (see statusTypesOf).
    statuses: (ctx) =>
      cached('statuses', async () => {
        const [statuses, withoutClosed, withoutPending] = await Promise.all([
          getAll<HaloStatus>('/Status', ctx),
          getAll<HaloStatus>('/Status', ctx, { excludeclosed: true }),
          getAll<HaloStatus>('/Status', ctx, { excludepending: true }),
        ])
        return { statuses, types: statusTypesOf(statuses, withoutClosed, withoutPending) }
      }),
    priorities: (ctx) => cached('priorities', () => getAll<HaloPriority>('/Priority', ctx)),
    ticketTypes: (ctx) => cached('ticket-types', () => getAll<HaloTicketType>('/TicketType', ctx)),
    teams: (ctx) => cached('teams', () => getAll<HaloTeam>('/Team', ctx)),
  })
  // Disabled agents too: old actions name them.
  const agents = (ctx: CallContext) =>
    cached('agents', () => getAll<HaloAgent>('/Agent', ctx, { includedisabled: true }))
  const fieldInfos = (resource: CustomFieldResource, ctx: CallContext) =>
    cached(`custom-fields:${resource}`, () =>
      getAll<HaloFieldInfo>('/FieldInfo', ctx, {
        typeid: HALO_FIELD_TYPE_IDS[resource],
        includevalues: true,
      }),
    )

  return adapterFrom({
    connectionId: config.id,
    vendor: 'halopsa',
    api,
    health: () => client.health.report(),
    ...haloResources({
      api,
      reference,
      agents,
      assetFields: {
        asset: (id, ctx) => api.read<HaloAsset>({ path: `/Asset/${id}` }, ctx),
        assetType: (id, ctx) =>
          cached(`asset-type:${id}`, () => api.read<HaloAssetType>({ path: `/AssetType/${id}` }, ctx)),
      },
      fieldInfos,
      mapOptions,
      notifications: notificationsAllowed(config),
    }),
    agents: async (ctx) => (await agents(ctx)).map(agentFromHalo),
    boards: async (ctx) => (await reference.teams(ctx)).map(boardFromHalo),
    customFields: async (resource, ctx) => customFieldDefinitionsFromHalo(await fieldInfos(resource, ctx)),
    writeRules: HALO_WRITE_RULES,
    callbacks: haloCallbacks,
    passthrough: passthroughOf(config, client),
    reference,
    // Statuses and teams map every ticket, agents every action; priorities and types every write.
    warmUp: [
      (ctx) => reference.statuses(ctx),
      (ctx) => reference.teams(ctx),
      agents,
      (ctx) => reference.priorities(ctx),
      (ctx) => reference.ticketTypes(ctx),
    ],
  })
}

export const haloPsa = vendorModule({
  schema: HaloConnectionConfig,
  problems: haloConfigProblems,
  fromEnv: haloConnectionFromEnv,
  bucket: haloBucket,
  connect: connectHalo,
})
