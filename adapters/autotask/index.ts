import { categoryMapsOf } from '../../src/connection-config.js'
import { passthroughOf } from '../../src/passthrough/connection-passthrough.js'
import { adapterFrom } from '../kit/adapter.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { AdapterDeps, CallContext, WritableResource, WriteRules } from '../types.js'
import { autotaskApi } from './api.js'
import { autotaskCallbacks } from './callbacks.js'
import {
  AutotaskConnectionConfig,
  autotaskBucket,
  autotaskConnectionFromEnv,
  type AutotaskConnectionConfig as AutotaskConfig,
} from './config.js'
import { autotaskClient } from './connection.js'
import { agentFromAutotask } from './map.js'
import { AutotaskReference } from './reference.js'
import { autotaskResources } from './resources.js'
import { autotaskTimeEntries } from './time-entries.js'
import type { AutotaskProduct, AutotaskResource } from './types.js'

function connectAutotask(config: AutotaskConfig, deps: AdapterDeps) {
  const client = autotaskClient(config, deps)
  const api = autotaskApi(client)
  const cached = <T>(name: string, load: () => Promise<T>) => deps.referenceCache.get(config.id, name, load)
  const mapOptions = categoryMapsOf(config)

  /** Every resource, one query walked to its end (`POST /Resources/query`). */
  const agents = (ctx: CallContext) =>
    cached('agents', async () =>
      (await api.all<AutotaskResource>('/Resources', { filter: [] }, ctx)).map(agentFromAutotask),
    )
  /** `defaultResourceId`'s resource: the owner and the worker a write takes where it names none. */
  const defaultResource = async (ctx: CallContext) =>
    config.defaultResourceId === undefined
      ? undefined
      : (await agents(ctx)).find((agent) => agent.id === config.defaultResourceId)
  const products = (ctx: CallContext) =>
    cached('products', () =>
      api.all<AutotaskProduct>('/Products', { filter: [], includeFields: PRODUCT_FIELDS }, ctx),
    )

  const reference = new AutotaskReference({
    // The picklists (statuses, priorities, queues, note visibilities, item types) and the UDFs, per entity.
    fields: (entity, ctx) => cached(`fields:${entity}`, () => api.fields(entity, ctx)),
    userDefinedFields: (entity, ctx) => cached(`udfs:${entity}`, () => api.userDefinedFields(entity, ctx)),
    agents,
    products,
    mapOptions,
  })

  return adapterFrom({
    connectionId: config.id,
    vendor: 'autotask',
    api,
    health: () => client.health.report(),
    ...autotaskResources({
      api,
      reference,
      mapOptions,
      agents,
      defaultResourceId: config.defaultResourceId,
      products,
    }),
    agents,
    timeEntries: autotaskTimeEntries({ agents, defaultResource }),
    boards: (ctx) => reference.boards(ctx),
    customFields: (resource, ctx) => reference.customFieldDefinitions(resource, ctx),
    writeRules: AUTOTASK_WRITE_RULES,
    callbacks: autotaskCallbacks(client, api),
    passthrough: passthroughOf(config, client),
    reference,
    warmUp: [
      (ctx) => reference.ticketPicklists(ctx),
      (ctx) => reference.notePublish(ctx),
      (ctx) => reference.configurationItemTypes(ctx),
      agents,
    ],
  })
}

const PRODUCT_FIELDS = ['name', 'manufacturerName', 'manufacturerProductName', 'isActive']

/**
 * The canonical write fields Autotask has no place for, and those it requires (so a create must send them and no
 * write may clear them). Required: a company's `phone`, a contact's `lastName`, a configuration item's `productID`
 * (which an asset's model names): each a mandatory parameter of ecitsolutions/Autotask's New-AtwsAccount,
 * New-AtwsContact and New-AtwsInstalledProduct, generated from the API's field information.
 */
const AUTOTASK_WRITE_RULES: Partial<Record<WritableResource, WriteRules>> = {
  customers: {
    unwritable: {
      email: 'Autotask companies have no e-mail field',
      'address.country': 'Autotask keeps a country as an id of its Countries list',
    },
    // Datto's Postman collection creates a company with companyName, companyType, ownerResourceID and phone too.
    requiredOnCreate: ['phone'],
  },
  // A configuration item is an instance of a product (productID, required), which carries the make and model: the
  // model written names the product (reference.ts, productFor).
  assets: {
    unwritable: { manufacturer: 'Autotask keeps it on the product, which the model names' },
    // "companyID cannot be updated. Any companyID value provided on update is ignored." (Autotask's
    // ConfigurationItems entity page)
    unwritableOnUpdate: {
      customerId: 'Autotask keeps a configuration item with the company it was made for',
    },
    requiredOnCreate: ['model'],
  },
  contacts: { requiredOnCreate: ['lastName'] },
}

export const autotask = vendorModule({
  schema: AutotaskConnectionConfig,
  problems: () => [],
  fromEnv: autotaskConnectionFromEnv,
  bucket: autotaskBucket,
  connect: connectAutotask,
})
