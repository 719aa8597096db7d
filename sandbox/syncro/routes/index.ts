import type { Route } from '../../shared/router.js'
import type { RouteHandler } from '../http-types.js'
import { createAsset, getAsset, listAssets, updateAsset } from './assets.js'
import { createComment, listComments } from './comments.js'
import { createContact, deleteContact, getContact, listContacts, updateContact } from './contacts.js'
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customers.js'
import { getInvoice, listInvoices } from './invoices.js'
import { getAccountSettings, getTicketSettings, getUser, listUsers } from './settings.js'
import {
  chargeTicketTimer,
  createTicketTimer,
  deleteTicketTimer,
  listTicketTimers,
  setTicketTimerBillable,
  updateTicketTimer,
} from './ticket-timers.js'
import { createTicket, deleteTicket, getTicket, listTickets, updateTicket } from './tickets.js'

/** The emulated part of Syncro's API v1, paths relative to `/api/v1`. The first match wins. */
export const SYNCRO_ROUTES: readonly Route<RouteHandler>[] = [
  { method: 'GET', pattern: '/tickets/settings', handler: getTicketSettings },
  { method: 'GET', pattern: '/tickets', handler: listTickets },
  { method: 'POST', pattern: '/tickets', handler: createTicket },
  { method: 'GET', pattern: '/tickets/:id', handler: getTicket },
  { method: 'PUT', pattern: '/tickets/:id', handler: updateTicket },
  { method: 'DELETE', pattern: '/tickets/:id', handler: deleteTicket },
  { method: 'GET', pattern: '/tickets/:id/comments', handler: listComments },
  { method: 'POST', pattern: '/tickets/:id/comment', handler: createComment },
  { method: 'POST', pattern: '/tickets/:id/timer_entry', handler: createTicketTimer },
  { method: 'PUT', pattern: '/tickets/:id/update_timer_entry', handler: updateTicketTimer },
  { method: 'POST', pattern: '/tickets/:id/delete_timer_entry', handler: deleteTicketTimer },
  { method: 'POST', pattern: '/tickets/:id/charge_timer_entry', handler: chargeTicketTimer },
  { method: 'GET', pattern: '/ticket_timers', handler: listTicketTimers },
  { method: 'PATCH', pattern: '/ticket_timers/:id', handler: setTicketTimerBillable },
  { method: 'GET', pattern: '/invoices', handler: listInvoices },
  { method: 'GET', pattern: '/invoices/:id', handler: getInvoice },
  { method: 'GET', pattern: '/customers', handler: listCustomers },
  { method: 'POST', pattern: '/customers', handler: createCustomer },
  { method: 'GET', pattern: '/customers/:id', handler: getCustomer },
  { method: 'PUT', pattern: '/customers/:id', handler: updateCustomer },
  { method: 'GET', pattern: '/customer_assets', handler: listAssets },
  { method: 'POST', pattern: '/customer_assets', handler: createAsset },
  { method: 'GET', pattern: '/customer_assets/:id', handler: getAsset },
  { method: 'PUT', pattern: '/customer_assets/:id', handler: updateAsset },
  { method: 'GET', pattern: '/settings', handler: getAccountSettings },
  { method: 'GET', pattern: '/contacts', handler: listContacts },
  { method: 'POST', pattern: '/contacts', handler: createContact },
  { method: 'GET', pattern: '/contacts/:id', handler: getContact },
  { method: 'PUT', pattern: '/contacts/:id', handler: updateContact },
  { method: 'DELETE', pattern: '/contacts/:id', handler: deleteContact },
  { method: 'GET', pattern: '/users', handler: listUsers },
  { method: 'GET', pattern: '/users/:id', handler: getUser },
]
