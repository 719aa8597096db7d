import { readFileSync } from 'node:fs'
import { vendorClientOn } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { passthroughOf } from '../../src/passthrough/connection-passthrough.js'
import { adapterFrom } from '../kit/adapter.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { AdapterDeps, CallContext } from '../types.js'
import { connectWiseApi } from './api.js'
import { connectWiseAuth } from './auth.js'
import { connectWiseCallbacks } from './callbacks.js'
import {
  ConnectWiseConnectionConfig,
  connectWiseBaseUrl,
  connectWiseBucket,
  connectWiseConfigProblems,
  connectWiseConnectionFromEnv,
  DEFAULT_API_VERSION,
  ticketUrlOf,
} from './config.js'
import { describeConnectWiseError } from './errors.js'
import { connectWiseCustomFieldDefinitions } from './definitions.js'
import {
  agentFromConnectWise,
  boardFromConnectWise,
  CONNECTWISE_UNWRITABLE,
  type ConnectWiseMapOptions,
} from './map.js'
import { connectWiseRateLimitHint } from './rate-limit.js'
import { ConnectWiseReference } from './reference.js'
import { connectWiseResources } from './resources.js'
import type {
  CwBoard,
  CwBoardStatus,
  CwBoardType,
  CwCommunicationType,
  CwMember,
  CwPriority,
} from './types.js'

function connectConnectWise(config: ConnectWiseConnectionConfig, deps: AdapterDeps) {
  const mapOptions: ConnectWiseMapOptions = {
    ...categoryMapsOf(config),
    ticketUrl: ticketUrlOf(config),
  }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'connectwise',
    baseUrl: connectWiseBaseUrl(config),
    bucket: connectWiseBucket(config),
    auth: connectWiseAuth(config),
    describeError: describeConnectWiseError,
    headers: {
      accept: `application/vnd.connectwise.com+json; version=${config.apiVersion ?? DEFAULT_API_VERSION}`,
    },
    rateLimitHint: connectWiseRateLimitHint,
    tls: config.caFile ? { ca: readFileSync(config.caFile, 'utf8') } : undefined,
  })
  const api = connectWiseApi(client)
  const cached = <T>(name: string, load: () => Promise<T>) => deps.referenceCache.get(config.id, name, load)

  const boards = (ctx: CallContext) =>
    cached('boards', () => api.all<CwBoard>('/service/boards', ctx, 'id,name,inactiveFlag'))
  const reference = new ConnectWiseReference({
    mapOptions,
    boards,
    statusesOf: (boardId, ctx) =>
      cached(`board-statuses:${boardId}`, () =>
        api.all<CwBoardStatus>(`/service/boards/${boardId}/statuses`, ctx),
      ),
    typesOf: (boardId, ctx) =>
      cached(`board-types:${boardId}`, () => api.all<CwBoardType>(`/service/boards/${boardId}/types`, ctx)),
    priorities: (ctx) => cached('priorities', () => api.all<CwPriority>('/service/priorities', ctx)),
  })

  // Members too who no longer work: old tickets and notes name them.
  const members = (ctx: CallContext) =>
    cached('members', () =>
      api.all<CwMember>('/system/members', ctx, 'id,identifier,firstName,lastName,officeEmail,inactiveFlag'),
    )

  const agents = async (ctx: CallContext) => (await members(ctx)).map(agentFromConnectWise)

  const customFields = connectWiseCustomFieldDefinitions(api, cached)

  return adapterFrom({
    connectionId: config.id,
    vendor: 'connectwise',
    api,
    health: () => client.health.report(),
    ...connectWiseResources({
      definitions: customFields,
      api,
      reference,
      mapOptions,
      notifications: notificationsAllowed(config),
      defaultBoardId: config.defaultBoardId,
      communicationTypes: (ctx) =>
        cached('communication-types', () => api.all<CwCommunicationType>('/company/communicationTypes', ctx)),
      agents,
    }),
    agents,
    boards: async (ctx) => (await boards(ctx)).map(boardFromConnectWise),
    customFields,
    writeRules: {
      tickets: { unwritableOnUpdate: CONNECTWISE_UNWRITABLE.ticketUpdates },
      customers: { unwritable: CONNECTWISE_UNWRITABLE.customers },
      assets: { unwritable: CONNECTWISE_UNWRITABLE.assets },
    },
    callbacks: connectWiseCallbacks(client, api),
    passthrough: passthroughOf(config, client),
    reference,
    // Boards with their statuses and types, and the priorities: what ticket lists, filters and writes map by.
    warmUp: [
      (ctx) => reference.statuses(ctx),
      (ctx) => reference.ticketTypes(ctx),
      (ctx) => reference.priorities(ctx),
    ],
  })
}

export const connectWise = vendorModule({
  schema: ConnectWiseConnectionConfig,
  problems: connectWiseConfigProblems,
  fromEnv: connectWiseConnectionFromEnv,
  bucket: connectWiseBucket,
  connect: connectConnectWise,
})
