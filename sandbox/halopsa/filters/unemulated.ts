import { ReplyError } from '../../shared/reply.js'
import { queryText } from '../query-params.js'
import { bindingError } from '../vendor-errors.js'

/**
 * Filters the spec documents on a list (their descriptions: "Filters by…", "Returns tickets based on…", "Returns
 * only…", "Include only…") that the emulator does not apply. Answering unfiltered records would be silent wrong
 * data, so a request that sets one is refused with a 400 naming it; a boolean filter set to false filters nothing
 * and passes.
 */
export function refuseUnemulatedFilters(query: URLSearchParams, names: readonly string[]): void {
  for (const name of names) {
    const value = queryText(query, name)?.trim().toLowerCase()
    if (value === undefined || value === 'false') continue
    throw new ReplyError(
      bindingError(name, `The sandbox does not emulate the ${name} filter; the request was not run.`),
    )
  }
}

/** GET /Tickets filters of the spec the emulator does not apply (spec: paths./Tickets.get.parameters). */
export const UNEMULATED_TICKET_FILTERS = [
  'billableonly',
  'billing_date',
  'billing_type',
  'category_1',
  'category_2',
  'category_3',
  'category_4',
  'checkmyticketsonly',
  'contract_id',
  'contract_period',
  'domain',
  'extraportalfilter',
  'facebook_id',
  'flagged',
  'followedandagents',
  'includeapproval',
  'includebreached',
  'includechildren',
  'includeclosed',
  'includefollowedonly',
  'includehold',
  'includeinactivetechs',
  'includeinactiveusers',
  'includemyuseronly',
  'includeprojects',
  'includeread',
  'includesubmittedonly',
  'isquicktimesearch',
  'isteams',
  'itil_requesttype',
  'itil_requesttype_id',
  'list_id',
  'mine',
  'nochargeonly',
  'onlytime',
  'orion_type',
  'parent_id',
  'pending_review',
  'prepayorcontractonly',
  'product',
  'ready_for_invoicing',
  'related_id',
  'release_id',
  'requesttypegroup',
  'search_details',
  'search_id',
  'search_inventory_number',
  'search_oppcompanyname',
  'search_oppcontactname',
  'search_oppemailaddress',
  'search_release1',
  'search_release2',
  'search_release3',
  'search_releasenote',
  'search_reportedby',
  'search_summary',
  'search_supplier_reference',
  'search_user_name',
  'search_version',
  'searchthisticketid',
  'service_id',
  'showonroadmap',
  'sprints',
  'startandendset',
  'supplier_id',
  'supplier_status',
  'ticketcontract_id',
  'toplevel_id',
  'unlinked_only',
  'username',
  'view_id',
  'withattachments',
] as const

/** GET /Client filters of the spec the emulator does not apply. */
export const UNEMULATED_CLIENT_FILTERS = [
  'accountmanageronly',
  'activeinactive',
  'advanced_search',
  'azureclients',
  'callplan',
  'domain',
  'exclude_internal',
  'gficlients',
  'integration_tenantids',
  'integration_type',
  'isjira',
  'issentinel',
  'isservicenow',
  'search_name_only',
  'sentinelid',
  'snowaccountid',
  'snowclients',
  'ticketarea_id',
  'view_id',
] as const

/** GET /Asset filters of the spec the emulator does not apply. */
export const UNEMULATED_ASSET_FILTERS = [
  'activeinactive',
  'advanced_search',
  'assetgroup_id',
  'assetgroups',
  'assets',
  'assetstatuses',
  'assettype',
  'bookmarked',
  'consignable',
  'consignment_id',
  'contract_id',
  'domotzagents',
  'excludethese',
  'globalsearchid',
  'integration_tenantids',
  'integration_type',
  'inventory_number',
  'item_id',
  'itemstock_id',
  'kb_id',
  'licence_id',
  'linked_to_ticket',
  'linkedto_id',
  'mine',
  'mysite',
  'salesorder_id',
  'salesorder_line',
  'search_inventory_number_only',
  'service_id',
  'service_ids',
  'stockbin_id',
  'stockbin_ids',
  'supplier_contract_id',
  'supplier_id',
  'suppliercontracts',
  'ticket_id',
  'tickettype_id',
  'user_id',
  'username',
] as const

/** GET /Actions filters of the spec the emulator does not apply (it holds no system, SLA, supplier or billing actions). */
export const UNEMULATED_ACTION_FILTERS = [
  'actoutcome',
  'actoutcomenum',
  'conversationonly',
  'datesearch',
  'excludebilling',
  'excludehiddenfrominternalit',
  'intraticketonly',
  'ischildnotes',
  'isrelatednotes',
  'slaonly',
  'supplieronly',
] as const

/**
 * GET /Users filters of the spec the emulator does not apply. `exclude_agents`, `exclude_generaluser` and
 * `exclude_defaultsiteusers` are not here: the emulator holds no such users, so they exclude nothing, rightly.
 */
export const UNEMULATED_USER_FILTERS = [
  'activeinactive',
  'advanced_search',
  'allapprovers',
  'approvers_only',
  'asset_id',
  'contract_id',
  'department_id',
  'integration_type',
  'is_followers',
  'licence_id',
  'myallcustomers',
  'myarea',
  'mydepartment',
  'mysite',
  'mysitecontact',
  'mytoplevel',
  'opp_id',
  'organisation_id',
  'role',
  'supplier_id',
  'tickettype_id',
] as const

/** GET /FieldInfo filters of the spec the emulator does not apply (it applies `typeid`). */
export const UNEMULATED_FIELD_INFO_FILTERS = [
  'access_control_level',
  'domain',
  'extratype',
  'fieldtype',
  'fieldtypemultiple',
  'inputtype',
  'systemid',
] as const

/**
 * GET /Invoice filters of the spec the emulator does not apply (spec: paths./Invoice.get.parameters): it holds
 * no contracts, recurring invoices, sales or purchase orders, credits, approvals or billing categories.
 */
export const UNEMULATED_INVOICE_FILTERS = [
  'advanced_search',
  'asset_id',
  'awaiting_approval',
  'billing_date',
  'billingcategory_ids',
  'contract_id',
  'includepoinvoices',
  'my_approvals',
  'purchaseorder_id',
  'quote_status',
  'ready_for_invoicing',
  'recurringinvoice_id',
  'reviewrequired',
  'rinvoice_type',
  'salesorder_id',
  'search',
  'sent_status',
  'stripeautopaymentrequired',
  'toplevel_id',
  'user_id',
] as const
