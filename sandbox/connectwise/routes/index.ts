import type { Route } from '../../shared/router.js'
import type { RouteHandler } from '../http-types.js'
import { countAgreements, getAgreement, listAgreements } from './agreements.js'
import {
  countCallbacks,
  createCallback,
  deleteCallback,
  getCallback,
  listCallbacks,
  patchCallback,
  replaceCallback,
} from './callbacks.js'
import { createCompany, countCompanies, getCompany, listCompanies, patchCompany } from './companies.js'
import {
  countConfigurations,
  createConfiguration,
  getConfiguration,
  listConfigurations,
  listConfigurationTypes,
  patchConfiguration,
} from './configurations.js'
import {
  countContacts,
  createContact,
  getCommunicationType,
  getContact,
  listCommunicationTypes,
  listContacts,
  patchContact,
} from './contacts.js'
import { countUserDefinedFields, getUserDefinedField, listUserDefinedFields } from './custom-fields.js'
import { countNotes, createNote, getNote, listNotes } from './notes.js'
import {
  getBoard,
  getMember,
  listBoards,
  listBoardStatuses,
  listBoardTypes,
  listMembers,
  listPriorities,
} from './reference.js'
import {
  countTickets,
  createTicket,
  deleteTicket,
  getTicket,
  listTickets,
  patchTicket,
  replaceTicket,
  searchTickets,
} from './tickets.js'
import {
  countTimeEntries,
  createTimeEntry,
  deleteTimeEntry,
  getTimeEntry,
  listTimeEntries,
  patchTimeEntry,
} from './time-entries.js'

/**
 * The emulated part of REST API 3.0, paths relative to `/{codebase}/apis/3.0`, in lower case (the vendor's
 * paths are case-insensitive). The first match wins, so fixed segments (`count`, `types`) come before `:id`.
 */
export const CONNECTWISE_ROUTES: readonly Route<RouteHandler>[] = [
  { method: 'GET', pattern: '/service/tickets', handler: listTickets },
  { method: 'POST', pattern: '/service/tickets', handler: createTicket },
  { method: 'GET', pattern: '/service/tickets/count', handler: countTickets },
  { method: 'POST', pattern: '/service/tickets/search', handler: searchTickets },
  { method: 'GET', pattern: '/service/tickets/:id', handler: getTicket },
  { method: 'PATCH', pattern: '/service/tickets/:id', handler: patchTicket },
  { method: 'PUT', pattern: '/service/tickets/:id', handler: replaceTicket },
  { method: 'DELETE', pattern: '/service/tickets/:id', handler: deleteTicket },
  { method: 'GET', pattern: '/service/tickets/:id/notes', handler: listNotes },
  { method: 'POST', pattern: '/service/tickets/:id/notes', handler: createNote },
  { method: 'GET', pattern: '/service/tickets/:id/notes/count', handler: countNotes },
  { method: 'GET', pattern: '/service/tickets/:id/notes/:noteId', handler: getNote },
  { method: 'GET', pattern: '/service/boards', handler: listBoards },
  { method: 'GET', pattern: '/service/boards/:id', handler: getBoard },
  { method: 'GET', pattern: '/service/boards/:id/statuses', handler: listBoardStatuses },
  { method: 'GET', pattern: '/service/boards/:id/types', handler: listBoardTypes },
  { method: 'GET', pattern: '/service/priorities', handler: listPriorities },
  { method: 'GET', pattern: '/company/companies', handler: listCompanies },
  { method: 'POST', pattern: '/company/companies', handler: createCompany },
  { method: 'GET', pattern: '/company/companies/count', handler: countCompanies },
  { method: 'GET', pattern: '/company/companies/:id', handler: getCompany },
  { method: 'PATCH', pattern: '/company/companies/:id', handler: patchCompany },
  { method: 'GET', pattern: '/company/configurations', handler: listConfigurations },
  { method: 'POST', pattern: '/company/configurations', handler: createConfiguration },
  { method: 'GET', pattern: '/company/configurations/count', handler: countConfigurations },
  { method: 'GET', pattern: '/company/configurations/types', handler: listConfigurationTypes },
  { method: 'GET', pattern: '/company/configurations/:id', handler: getConfiguration },
  { method: 'PATCH', pattern: '/company/configurations/:id', handler: patchConfiguration },
  { method: 'GET', pattern: '/company/contacts', handler: listContacts },
  { method: 'POST', pattern: '/company/contacts', handler: createContact },
  { method: 'GET', pattern: '/company/contacts/count', handler: countContacts },
  { method: 'GET', pattern: '/company/contacts/:id', handler: getContact },
  { method: 'PATCH', pattern: '/company/contacts/:id', handler: patchContact },
  { method: 'GET', pattern: '/company/communicationtypes', handler: listCommunicationTypes },
  { method: 'GET', pattern: '/company/communicationtypes/:id', handler: getCommunicationType },
  { method: 'GET', pattern: '/system/members', handler: listMembers },
  { method: 'GET', pattern: '/system/callbacks', handler: listCallbacks },
  { method: 'POST', pattern: '/system/callbacks', handler: createCallback },
  { method: 'GET', pattern: '/system/callbacks/count', handler: countCallbacks },
  { method: 'GET', pattern: '/system/callbacks/:id', handler: getCallback },
  { method: 'PUT', pattern: '/system/callbacks/:id', handler: replaceCallback },
  { method: 'PATCH', pattern: '/system/callbacks/:id', handler: patchCallback },
  { method: 'DELETE', pattern: '/system/callbacks/:id', handler: deleteCallback },
  { method: 'GET', pattern: '/system/members/:id', handler: getMember },
  { method: 'GET', pattern: '/system/userdefinedfields', handler: listUserDefinedFields },
  { method: 'GET', pattern: '/system/userdefinedfields/count', handler: countUserDefinedFields },
  { method: 'GET', pattern: '/system/userdefinedfields/:id', handler: getUserDefinedField },
  { method: 'GET', pattern: '/time/entries', handler: listTimeEntries },
  { method: 'POST', pattern: '/time/entries', handler: createTimeEntry },
  { method: 'GET', pattern: '/time/entries/count', handler: countTimeEntries },
  { method: 'GET', pattern: '/time/entries/:id', handler: getTimeEntry },
  { method: 'PATCH', pattern: '/time/entries/:id', handler: patchTimeEntry },
  { method: 'DELETE', pattern: '/time/entries/:id', handler: deleteTimeEntry },
  { method: 'GET', pattern: '/finance/agreements', handler: listAgreements },
  { method: 'GET', pattern: '/finance/agreements/count', handler: countAgreements },
  { method: 'GET', pattern: '/finance/agreements/:id', handler: getAgreement },
]
