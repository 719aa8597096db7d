import { agentNamesOf } from '../../src/mapping/agents.js'
import type { Agent } from '../../src/canonical/agent.js'
import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import type { CustomFieldResource, CustomFieldWrite } from '../../src/canonical/custom-field.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import type { NestedDeclaration, ResourceDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { AutotaskApi } from './api.js'
import { userDefinedFieldsOf } from './custom-fields.js'
import {
  assetConditions,
  AUTOTASK_FILTERS,
  contactConditions,
  customerConditions,
  customFieldCondition,
  noteConditions,
  ticketConditions,
} from './filters.js'
import {
  assetFieldNames,
  assetFromAutotask,
  autotaskCompanyBody,
  autotaskConfigurationItemBody,
  autotaskContactBody,
  autotaskNoteBody,
  autotaskPathId,
  autotaskTicketBody,
  commentFieldNames,
  commentFromAutotask,
  contactFieldNames,
  contactFromAutotask,
  customerFieldNames,
  customerFromAutotask,
  ticketFieldNames,
  ticketFromAutotask,
  type AutotaskMapOptions,
  ticketNamed,
} from './map.js'
import { autotaskId, listQuery, type AutotaskListQuery } from './query.js'
import type { AutotaskReference } from './reference.js'
import type {
  AutotaskCompany,
  AutotaskConfigurationItem,
  AutotaskContact,
  AutotaskProduct,
  AutotaskTicket,
  AutotaskTicketNote,
} from './types.js'

const itemPath = (entity: string) => (id: string) => `/${entity}/${autotaskPathId(id)}`
export const ticketPath = itemPath('Tickets')
const contactPath = itemPath('Contacts')

export interface AutotaskResourceContext {
  api: AutotaskApi
  reference: AutotaskReference
  mapOptions: AutotaskMapOptions
  /** Every resource, through the reference cache (assignees' names). */
  agents: (ctx: CallContext) => Promise<Agent[]>
  /** The connection's `defaultResourceId`: the required owner of a new company (none: no customer create). */
  defaultResourceId: string | undefined
  /** Every product, through the reference cache (assets' make and model). */
  products: (ctx: CallContext) => Promise<AutotaskProduct[]>
}

/**
 * Autotask's tickets, notes, companies, configuration items and contacts, declared. Every list is a query of the
 * entity (`POST /{Entity}/query`); a create or update answers `{itemId}` and the record is read again (api.ts).
 */
export function autotaskResources({
  api,
  reference,
  mapOptions,
  agents,
  defaultResourceId,
  products,
}: AutotaskResourceContext) {
  const udfsOf = (resource: CustomFieldResource, ctx: CallContext) => reference.customFields(resource, ctx)
  const udfWrites = async (
    resource: CustomFieldResource,
    writes: CustomFieldWrite[] | undefined,
    ctx: CallContext,
  ) =>
    writes === undefined || writes.length === 0
      ? undefined
      : userDefinedFieldsOf(writes, await udfsOf(resource, ctx))
  const customFieldOf = async (resource: CustomFieldResource, filters: ListFilters, ctx: CallContext) =>
    filters.customField === undefined
      ? undefined
      : customFieldCondition(filters.customField, await udfsOf(resource, ctx))
  /** A create's body: the update's, over `extra` and over the required picklists it leaves out, at their defaults. */
  const withDefaults = async (
    entity: string,
    vendorBody: Record<string, unknown>,
    ctx: CallContext,
    extra: Record<string, unknown> = {},
  ) => ({ ...(await reference.defaultsFor(entity, vendorBody, ctx)), ...extra, ...vendorBody })

  const ticketBody = async (body: TicketCreate | TicketUpdate, ctx: CallContext) =>
    autotaskTicketBody(body, {
      ...(await reference.resolveTicketWrite(body, ctx)),
      userDefinedFields: await udfWrites('tickets', body.customFields, ctx),
    })
  const tickets: ResourceDeclaration<AutotaskListQuery, AutotaskTicket, Ticket, TicketCreate, TicketUpdate> =
    {
      path: '/Tickets',
      itemPath: ticketPath,
      filters: AUTOTASK_FILTERS.tickets,
      query: async (filters, ctx) =>
        listQuery(
          ticketConditions(filters, {
            statuses: await reference.statusValuesFor(filters, ctx),
            priorities: await reference.priorityValuesFor(filters, ctx),
            customField: await customFieldOf('tickets', filters, ctx),
          }),
        ),
      toCanonical: async (records, ctx) => {
        const [picklists, udfs, people] = await Promise.all([
          reference.ticketPicklists(ctx),
          udfsOf('tickets', ctx),
          agents(ctx),
        ])
        const names = agentNamesOf(people)
        return records.map((ticket) => ticketFromAutotask(ticket, picklists, mapOptions, udfs, names))
      },
      createBody: async (body, ctx) => withDefaults('Tickets', await ticketBody(body, ctx), ctx),
      updateBody: ticketBody,
      fieldNames: ticketFieldNames,
    }

  /**
   * Notes are listed as TicketNotes of the ticket, and created under the ticket (`POST /Tickets/{id}/Notes`: a child
   * entity is written through its parent, Autotask's entity pages), then read again from /TicketNotes.
   */
  const comments: NestedDeclaration<AutotaskListQuery, AutotaskTicketNote, Comment, CommentCreate> = {
    path: '/TicketNotes',
    createPath: (ticketId) => `${ticketPath(ticketId)}/Notes`,
    envelope: { one: '/TicketNotes' },
    filters: AUTOTASK_FILTERS.comments,
    query: (filters, _ctx, ticketId) => listQuery(noteConditions(filters, autotaskPathId(ticketId))),
    toCanonical: async (records, ctx) => {
      const publish = await reference.notePublish(ctx)
      return records.map((note) => commentFromAutotask(note, publish))
    },
    createBody: async (body, ctx, ticketId) =>
      autotaskNoteBody(autotaskPathId(ticketId), body, await reference.noteWrite(body, ctx)),
    fieldNames: commentFieldNames,
    missingParent: ticketNamed,
  }

  /**
   * A new company needs a type and an owner (companyName, companyType, ownerResourceID and phone are what Datto's
   * Postman collection creates one with): Customer, and the connection's default resource, as the API user cannot
   * own one ("cannot be a ResourceID or OwnerResourceID": HELP General/Define_API_User.htm). Without one the
   * connection declares no customer create.
   */
  const companyTypeAndOwner = async (owner: string, ctx: CallContext) => {
    const companyType = await reference.customerCompanyType(ctx)
    return { ...(companyType === undefined ? {} : { companyType }), ownerResourceID: Number(owner) }
  }
  const companyBody = async (body: CustomerCreate | CustomerUpdate, ctx: CallContext) =>
    autotaskCompanyBody(body, { userDefinedFields: await udfWrites('customers', body.customFields, ctx) })

  const customers: ResourceDeclaration<
    AutotaskListQuery,
    AutotaskCompany,
    Customer,
    CustomerCreate,
    CustomerUpdate
  > = {
    path: '/Companies',
    itemPath: itemPath('Companies'),
    filters: AUTOTASK_FILTERS.customers,
    query: async (filters, ctx) =>
      listQuery(customerConditions(filters, await customFieldOf('customers', filters, ctx))),
    toCanonical: async (records, ctx) => {
      const udfs = await udfsOf('customers', ctx)
      return records.map((company) => customerFromAutotask(company, udfs))
    },
    ...(defaultResourceId === undefined
      ? {}
      : {
          createBody: async (body: CustomerCreate, ctx: CallContext) =>
            withDefaults(
              'Companies',
              await companyBody(body, ctx),
              ctx,
              await companyTypeAndOwner(defaultResourceId, ctx),
            ),
        }),
    updateBody: companyBody,
    fieldNames: customerFieldNames,
  }

  const configurationItemBody = async (body: AssetCreate | AssetUpdate, ctx: CallContext) =>
    autotaskConfigurationItemBody(body, {
      userDefinedFields: await udfWrites('assets', body.customFields, ctx),
      productID: await reference.productFor(body.model, ctx),
    })
  const assets: ResourceDeclaration<
    AutotaskListQuery,
    AutotaskConfigurationItem,
    Asset,
    AssetCreate,
    AssetUpdate
  > = {
    path: '/ConfigurationItems',
    itemPath: itemPath('ConfigurationItems'),
    filters: AUTOTASK_FILTERS.assets,
    query: async (filters, ctx) =>
      listQuery(assetConditions(filters, await customFieldOf('assets', filters, ctx))),
    toCanonical: async (records, ctx) => {
      const [types, udfs, all] = await Promise.all([
        reference.configurationItemTypes(ctx),
        udfsOf('assets', ctx),
        products(ctx),
      ])
      const byId = new Map(all.map((product) => [product.id, product]))
      return records.map((item) => assetFromAutotask(item, types, udfs, byId))
    },
    // A new item is active, as Autotask's own form makes it (isActive is required: ecitsolutions/Autotask).
    createBody: async (body, ctx) =>
      withDefaults('ConfigurationItems', await configurationItemBody(body, ctx), ctx, { isActive: true }),
    updateBody: configurationItemBody,
    fieldNames: assetFieldNames,
  }

  /** Contacts are written under their company (`/Companies/{id}/Contacts`: Contacts' parent is Companies). */
  const companyContacts = (companyId: number) => `/Companies/${companyId}/Contacts`
  const contacts: ResourceDeclaration<
    AutotaskListQuery,
    AutotaskContact,
    Contact,
    ContactCreate,
    ContactUpdate
  > = {
    path: '/Contacts',
    itemPath: contactPath,
    filters: AUTOTASK_FILTERS.contacts,
    query: async (filters, ctx) =>
      listQuery(contactConditions(filters, await customFieldOf('contacts', filters, ctx))),
    toCanonical: async (records, ctx) => {
      const udfs = await udfsOf('contacts', ctx)
      return records.map((contact) => contactFromAutotask(contact, udfs))
    },
    fieldNames: contactFieldNames,
    custom: {
      // The UDFs are read before the write: nothing that can fail may come between a write and its answer.
      async create(body, ctx) {
        const udfs = await udfsOf('contacts', ctx)
        // A new contact is active unless the write says otherwise (isActive is required: ecitsolutions/Autotask).
        const vendorBody = {
          isActive: 1,
          ...autotaskContactBody(body, { userDefinedFields: userDefinedFieldsOf(body.customFields, udfs) }),
        }
        const target = { path: companyContacts(autotaskId(body.customerId, 'customerId')), key: '/Contacts' }
        const created = await api.create<AutotaskContact>(
          target,
          vendorBody,
          { fieldNames: contactFieldNames },
          ctx,
        )
        return contactFromAutotask(created, udfs)
      },
      async update(id, body, ctx) {
        const [udfs, current] = await Promise.all([
          udfsOf('contacts', ctx),
          api.read<AutotaskContact>({ path: contactPath(id) }, ctx),
        ])
        const vendorBody = autotaskContactBody(body, {
          userDefinedFields: userDefinedFieldsOf(body.customFields, udfs),
        })
        if (Object.keys(vendorBody).length === 0) return contactFromAutotask(current, udfs)
        // A contact is only ever made under its company (the facts, §9), so a full read names it.
        const path = companyContacts(current.companyID!)
        const target = { path, itemPath: contactPath(id), id, key: '/Contacts' }
        const updated = await api.update<AutotaskContact>(
          target,
          vendorBody,
          { fieldNames: contactFieldNames },
          ctx,
        )
        return contactFromAutotask(updated, udfs)
      },
    },
  }

  return { tickets, comments, customers, assets, contacts }
}
