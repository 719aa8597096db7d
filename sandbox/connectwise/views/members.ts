import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { MemberRecord } from '../records.js'
import { withoutNulls } from './json.js'
import { INFO, infoView } from './references.js'

/** A member record has no `name`: that only appears in references to it (`owner`, a note's `member`). */
export const MEMBER_SCHEMA = {
  id: 'integer',
  identifier: 'string',
  firstName: 'string',
  lastName: 'string',
  officeEmail: 'string',
  title: 'string',
  inactiveFlag: 'boolean',
  licenseClass: 'string',
  hireDate: 'datetime',
  defaultEmail: 'string',
  defaultPhone: 'string',
  companyActivityTabFormat: 'string',
  invoiceTimeTabFormat: 'string',
  invoiceScreenDefaultTabFormat: 'string',
  invoicingDisplayOptions: 'string',
  agreementInvoicingDisplayOptions: 'string',
  _info: INFO,
} as const satisfies FieldSchema

/**
 * ConnectWise's Member model (src/ManageTypes.ts of connectwise-rest 1.3.0, generated from ConnectWise's spec)
 * requires these besides identifier and names: licenseClass (A, C, F, X), hireDate, defaultEmail and defaultPhone
 * (Office, Mobile, Home), companyActivityTabFormat and invoiceTimeTabFormat (SummaryList, DetailList),
 * invoiceScreenDefaultTabFormat (ShowInvoicingTab, ShowAgreementInvoicingTab), invoicingDisplayOptions and
 * agreementInvoicingDisplayOptions (RemainOnInvoicingScreen, ShowRecentInvoices). A client generated from that
 * spec refuses a member without them; the display settings are the same for every seeded member.
 */
const MEMBER_SETTINGS = {
  defaultEmail: 'Office',
  defaultPhone: 'Office',
  companyActivityTabFormat: 'SummaryList',
  invoiceTimeTabFormat: 'SummaryList',
  invoiceScreenDefaultTabFormat: 'ShowInvoicingTab',
  invoicingDisplayOptions: 'RemainOnInvoicingScreen',
  agreementInvoicingDisplayOptions: 'RemainOnInvoicingScreen',
} as const

export function memberView(member: MemberRecord): JsonObject {
  return withoutNulls({
    id: member.id,
    identifier: member.identifier,
    firstName: member.firstName,
    lastName: member.lastName,
    officeEmail: member.officeEmail,
    title: member.title,
    inactiveFlag: member.inactiveFlag,
    licenseClass: member.licenseClass,
    hireDate: member.hireDate,
    ...MEMBER_SETTINGS,
    _info: infoView(member.info),
  })
}
