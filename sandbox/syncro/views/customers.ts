import type { SyncroDatabase } from '../database.js'
import type { ContactRecord, CustomerRecord } from '../records.js'
import { ACCOUNT_ID } from './account.js'

const PORTAL_ORIGIN = 'https://sandbox.syncromsp.invalid'

export function customerFullname(customer: CustomerRecord): string {
  return [customer.firstname, customer.lastname].filter(Boolean).join(' ')
}

export function customerBusinessThenName(customer: CustomerRecord): string {
  return customer.business_name || customerFullname(customer)
}

// The vendor's examples only show a customer without a business; "Business - Full Name" is our reading.
function businessAndFullName(customer: CustomerRecord): string {
  const fullname = customerFullname(customer)
  if (customer.business_name && fullname) return `${customer.business_name} - ${fullname}`
  return customer.business_name || fullname
}

/** The customer as `/customers` answers it; `embedded` is the shorter form nested in an asset. */
export function customerView(db: SyncroDatabase, customer: CustomerRecord, embedded = false) {
  return {
    id: customer.id,
    firstname: customer.firstname,
    lastname: customer.lastname,
    fullname: customerFullname(customer),
    business_name: customer.business_name,
    email: customer.email,
    phone: customer.phone,
    mobile: customer.mobile,
    created_at: customer.created_at,
    updated_at: customer.updated_at,
    pdf_url: null,
    address: customer.address,
    address_2: customer.address_2,
    city: customer.city,
    state: customer.state,
    zip: customer.zip,
    latitude: null,
    longitude: null,
    notes: customer.notes,
    get_sms: customer.get_sms,
    opt_out: customer.opt_out,
    disabled: customer.disabled,
    no_email: customer.no_email,
    ...(embedded ? {} : { location_name: null }),
    location_id: null,
    properties: customer.properties,
    online_profile_url: `${PORTAL_ORIGIN}/my_profile/v2/index?portal_key=${customer.portal_key}`,
    tax_rate_id: customer.tax_rate_id,
    notification_email: customer.notification_email,
    invoice_cc_emails: customer.invoice_cc_emails,
    invoice_term_id: customer.invoice_term_id,
    referred_by: customer.referred_by,
    ref_customer_id: customer.ref_customer_id,
    business_and_full_name: businessAndFullName(customer),
    business_then_name: customerBusinessThenName(customer),
    ...(embedded ? {} : { contacts: db.contactsOf(customer.id).map(contactView) }),
  }
}

export function contactView(contact: ContactRecord) {
  return {
    id: contact.id,
    name: contact.name,
    address1: contact.address1,
    address2: contact.address2,
    city: contact.city,
    state: contact.state,
    zip: contact.zip,
    email: contact.email,
    phone: contact.phone,
    mobile: contact.mobile,
    // Not in the spec's answer examples (2019): the PUT body documents `title`, so the contact has one to show.
    title: contact.title,
    latitude: null,
    longitude: null,
    customer_id: contact.customer_id,
    account_id: ACCOUNT_ID,
    notes: contact.notes,
    created_at: contact.created_at,
    updated_at: contact.updated_at,
    vendor_id: null,
    properties: contact.properties,
    opt_out: contact.opt_out,
    extension: contact.extension,
  }
}
