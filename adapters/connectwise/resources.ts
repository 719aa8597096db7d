import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import { integerPathId } from '../../src/mapping/ids.js'
import type { NestedDeclaration, ResourceDeclaration } from '../kit/resource.js'
import type { ConnectWiseApi, ConnectWiseQuery } from './api.js'
import {
  assetFromConnectWise,
  commentFromConnectWise,
  companyCreateFields,
  companyFieldNames,
  companyFields,
  companyIdentifier,
  configurationFieldNames,
  configurationFields,
  customerFromConnectWise,
  noteBody,
  noteFieldNames,
  type ConnectWiseMapOptions,
} from './map.js'
import { companyConditions, configurationConditions, CONNECTWISE_FILTERS, noteConditions } from './query.js'
import type { ConnectWiseReference } from './reference.js'
import { connectWiseTickets, ticketPath } from './tickets.js'
import type { CwCompany, CwConfiguration, CwNote } from './types.js'

export interface ConnectWiseResourceContext {
  api: ConnectWiseApi
  reference: ConnectWiseReference
  mapOptions: ConnectWiseMapOptions
  /** Whether ConnectWise may mail the customer about the gateway's writes (the connection's setting). */
  notifications: boolean
  /** The board new tickets go to when a create names none (the connection's defaultBoardId). */
  defaultBoardId?: string
}

/** ConnectWise's tickets, comments (ticket notes), customers (companies) and assets (configurations), declared. */
export function connectWiseResources({
  api,
  reference,
  mapOptions,
  notifications,
  defaultBoardId,
}: ConnectWiseResourceContext) {
  /**
   * ConnectWise's Ticket and ServiceNote models: `processNotifications` "can be set to false to skip notification
   * processing when adding or updating a ticket (Defaults to True)" (spinen/connectwise-service-php-client,
   * docs/Model/Ticket.md, ServiceNote.md): board rules may otherwise mail the customer about the gateway's
   * writes. Sent on every ticket and note write, false unless the connection allows notifications.
   */
  const notifying = { processNotifications: notifications }

  const tickets = connectWiseTickets({ api, reference, mapOptions, notifying, defaultBoardId })

  const comments: NestedDeclaration<ConnectWiseQuery, CwNote, Comment, CommentCreate> = {
    path: (ticketId) => `${ticketPath(ticketId)}/notes`,
    filters: CONNECTWISE_FILTERS.comments,
    query: noteConditions,
    toCanonical: (notes) => notes.map(commentFromConnectWise),
    createBody: (body) => ({ ...noteBody(body), ...notifying }),
    fieldNames: noteFieldNames,
  }

  const customers: ResourceDeclaration<
    ConnectWiseQuery,
    CwCompany,
    Customer,
    CustomerCreate,
    CustomerUpdate
  > = {
    path: '/company/companies',
    itemPath: (id) => `/company/companies/${integerPathId('connectwise', id)}`,
    filters: CONNECTWISE_FILTERS.customers,
    query: companyConditions,
    toCanonical: (companies) => companies.map(customerFromConnectWise),
    createBody: (body) => ({ identifier: companyIdentifier(body.name), ...companyCreateFields(body) }),
    updateBody: companyFields,
    fieldNames: companyFieldNames,
  }

  const assets: ResourceDeclaration<ConnectWiseQuery, CwConfiguration, Asset, AssetCreate, AssetUpdate> = {
    path: '/company/configurations',
    itemPath: (id) => `/company/configurations/${integerPathId('connectwise', id)}`,
    filters: CONNECTWISE_FILTERS.assets,
    query: configurationConditions,
    toCanonical: (configurations) => configurations.map(assetFromConnectWise),
    createBody: configurationFields,
    updateBody: configurationFields,
    fieldNames: configurationFieldNames,
  }

  return { tickets, comments, customers, assets }
}
