import type { Route } from '../../shared/router.js'
import type { HaloEndpoint, RouteHandler } from '../http-types.js'
import type { ScopeArea } from '../auth/scopes.js'
import { deleteAction, getAction, listActions, writeActions } from './actions.js'
import { getAsset, getAssetType, listAssets, listAssetTypes, writeAssets } from './assets.js'
import { getClient, listClients, writeClients } from './clients.js'
import { getFieldInfo, listFieldInfo } from './custom-fields.js'
import { getInvoice, listInvoices } from './invoices.js'
import {
  getAgent,
  getAuthInfo,
  getStatus,
  getTeam,
  getTicketType,
  listAgents,
  listPriorities,
  listSites,
  listStatuses,
  listTeams,
  listTicketTypes,
} from './reference.js'
import { getTimesheetEvent, listTimesheetEvents } from './timesheet-events.js'
import { deleteTicket, getTicket, listTickets, writeTickets } from './tickets.js'
import { getUser, listUsers, writeUsers } from './users.js'
import { deleteWebhook, getWebhook, listWebhooks, writeWebhooks } from './webhooks.js'

const route = (
  method: string,
  pattern: string,
  area: ScopeArea | 'public',
  handle: RouteHandler,
): Route<HaloEndpoint> => ({ method, pattern, handler: { area, handle } })

/**
 * The emulated part of Halo's resource server, paths relative to `/api` in the vendor's casing (matched
 * case-insensitively, as ASP.NET routes). Agents and teams are ticket reference data here: our choice is that
 * the tickets scopes cover them; sites and end-users belong to customers, so the customers scopes cover them.
 */
export const HALO_ROUTES: readonly Route<HaloEndpoint>[] = [
  route('GET', '/AuthInfo', 'public', getAuthInfo),
  route('GET', '/Tickets', 'tickets', listTickets),
  route('POST', '/Tickets', 'tickets', writeTickets),
  route('GET', '/Tickets/:id', 'tickets', getTicket),
  route('DELETE', '/Tickets/:id', 'tickets', deleteTicket),
  route('GET', '/Actions', 'tickets', listActions),
  route('POST', '/Actions', 'tickets', writeActions),
  route('GET', '/Actions/:id', 'tickets', getAction),
  route('DELETE', '/Actions/:id', 'tickets', deleteAction),
  // Our choice: the tickets scopes cover the timesheet, the time on tickets' actions.
  route('GET', '/TimesheetEvent', 'tickets', listTimesheetEvents),
  route('GET', '/TimesheetEvent/:id', 'tickets', getTimesheetEvent),
  route('GET', '/Status', 'tickets', listStatuses),
  route('GET', '/Status/:id', 'tickets', getStatus),
  route('GET', '/Priority', 'tickets', listPriorities),
  route('GET', '/TicketType', 'tickets', listTicketTypes),
  route('GET', '/TicketType/:id', 'tickets', getTicketType),
  route('GET', '/Agent', 'tickets', listAgents),
  route('GET', '/Agent/:id', 'tickets', getAgent),
  route('GET', '/Team', 'tickets', listTeams),
  route('GET', '/Team/:id', 'tickets', getTeam),
  route('GET', '/Site', 'customers', listSites),
  route('GET', '/Users', 'customers', listUsers),
  route('POST', '/Users', 'customers', writeUsers),
  route('GET', '/Users/:id', 'customers', getUser),
  route('GET', '/Client', 'customers', listClients),
  route('POST', '/Client', 'customers', writeClients),
  route('GET', '/Client/:id', 'customers', getClient),
  route('GET', '/Asset', 'assets', listAssets),
  route('POST', '/Asset', 'assets', writeAssets),
  route('GET', '/Asset/:id', 'assets', getAsset),
  route('GET', '/AssetType', 'assets', listAssetTypes),
  route('GET', '/AssetType/:id', 'assets', getAssetType),
  // Our choice: the tickets scopes cover custom field definitions, configuration like statuses and ticket types.
  route('GET', '/FieldInfo', 'tickets', listFieldInfo),
  route('GET', '/FieldInfo/:id', 'tickets', getFieldInfo),
  // Our choice: the customers scopes cover invoices, which belong to customers (the emulator knows no finance scope).
  route('GET', '/Invoice', 'customers', listInvoices),
  route('GET', '/Invoice/:id', 'customers', getInvoice),
  // Our choice: the tickets scopes cover webhooks, which the emulator raises for tickets only.
  route('GET', '/Webhook', 'tickets', listWebhooks),
  route('POST', '/Webhook', 'tickets', writeWebhooks),
  route('GET', '/Webhook/:id', 'tickets', getWebhook),
  route('DELETE', '/Webhook/:id', 'tickets', deleteWebhook),
]
