import type { ConnectWiseDatabase } from '../database.js'
import { CONTACT_PATCH_RULES, CONTACT_RESOURCE, contactFields, readContact } from '../inputs/contact-input.js'
import { applyPatch } from '../inputs/json-patch.js'
import { writableFields } from '../inputs/validation.js'
import type { RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { ContactRecord } from '../records.js'
import { invalidObject, recordNotFound } from '../vendor-errors.js'
import {
  COMMUNICATION_TYPE_SCHEMA,
  communicationTypeView,
  CONTACT_SCHEMA,
  contactView,
} from '../views/contacts.js'
import { newInfo, objectBody, recordId, touchedInfo, writeStamp } from './common.js'

// `/company/contacts` (list, count, get, create, patch) and `/company/communicationTypes`, what a contact's
// communication items point at.

const contactSource = (db: ConnectWiseDatabase): ListSource<ContactRecord> => ({
  records: db.contacts,
  view: (contact) => contactView(db, contact),
})

export const listContacts: RouteHandler = (request, context) =>
  listReply(request, context, CONTACT_SCHEMA, contactSource(context.db))

export const countContacts: RouteHandler = (request, { db }) =>
  countReply(request, CONTACT_SCHEMA, contactSource(db))

export const getContact: RouteHandler = (request, { db }) => {
  const contact = db.contacts.get(recordId(request.params.id))
  if (!contact) return recordNotFound('Contact', request.params.id)
  return recordReply(request, CONTACT_SCHEMA, contactView(db, contact))
}

/** A new contact is its company's default when the company has no other contact. */
export const createContact: RouteHandler = (request, context) => {
  const { db } = context
  const fields = writableFields(objectBody(request.body), Object.keys(CONTACT_PATCH_RULES.writable))
  const input = readContact(db, fields)
  if (!input.ok) return invalidObject(CONTACT_RESOURCE, input.errors)
  const { companyId } = input.fields
  const contact = db.insertContact({
    ...input.fields,
    defaultFlag:
      companyId !== null && ![...db.contacts.values()].some((other) => other.companyId === companyId),
    info: newInfo(writeStamp(context)),
  })
  return recordReply(request, CONTACT_SCHEMA, contactView(db, contact), 201)
}

export const patchContact: RouteHandler = (request, context) => {
  const { db } = context
  const contact = db.contacts.get(recordId(request.params.id))
  if (!contact) return recordNotFound('Contact', request.params.id)
  const patch = applyPatch(contactFields(db, contact), request.body, CONTACT_PATCH_RULES)
  if (!patch.ok) return invalidObject(CONTACT_RESOURCE, patch.errors)
  const input = readContact(db, patch.fields, contact)
  if (!input.ok) return invalidObject(CONTACT_RESOURCE, input.errors)
  db.updateContact(contact, { ...input.fields, info: touchedInfo(contact.info, writeStamp(context)) })
  return recordReply(request, CONTACT_SCHEMA, contactView(db, contact))
}

export const listCommunicationTypes: RouteHandler = (request, context) =>
  listReply(request, context, COMMUNICATION_TYPE_SCHEMA, {
    records: context.db.communicationTypes,
    view: communicationTypeView,
  })

export const getCommunicationType: RouteHandler = (request, { db }) => {
  const type = db.communicationTypes.get(recordId(request.params.id))
  return type
    ? recordReply(request, COMMUNICATION_TYPE_SCHEMA, communicationTypeView(type))
    : recordNotFound('CommunicationType', request.params.id)
}
