import type { Agent } from '../../src/canonical/agent.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { isoOrNull, textOrNull } from '../../src/mapping/names.js'
import { customFieldsFromHalo } from './custom-fields.js'
import { haloInstant } from './map.js'
import type { HaloAgent, HaloUser } from './types.js'

/** Pure translations of HaloPSA's people: end-users (`Users`) as contacts, agents (`Uname`) as agents. */

export function contactFromHalo(user: HaloUser): Contact {
  const firstName = textOrNull(user.firstname)
  const lastName = textOrNull(user.surname)
  return {
    id: String(user.id),
    customer: user.client_id ? { id: String(user.client_id), name: textOrNull(user.client_name) } : null,
    firstName,
    lastName,
    name: textOrNull(user.name) ?? [firstName, lastName].filter(Boolean).join(' '),
    email: textOrNull(user.emailaddress),
    phone: textOrNull(user.phonenumber),
    mobile: textOrNull(user.mobilenumber),
    title: textOrNull(user.title),
    active: user.inactive !== true,
    createdAt: isoOrNull(haloInstant(user.datecreated)),
    updatedAt: isoOrNull(haloInstant(user.ulastupdate)),
    customFields: customFieldsFromHalo(user.customfields),
    remote: user,
  }
}

/**
 * A contact write as a `Users` item, without its site and custom fields (added by the caller). `name` goes only
 * when both parts are known (a create, or an update sending both): Halo keeps the full name beside the parts, and
 * one part alone must not overwrite it.
 */
export function haloUserFields(body: ContactCreate | ContactUpdate, operation: 'create' | 'update') {
  const bothNames = operation === 'create' || (body.firstName !== undefined && body.lastName !== undefined)
  return withoutUndefined({
    name: bothNames ? [body.firstName, body.lastName].filter(Boolean).join(' ') : undefined,
    firstname: body.firstName,
    surname: body.lastName,
    emailaddress: body.email,
    phonenumber: body.phone,
    mobilenumber: body.mobile,
    title: body.title,
    inactive: body.active === undefined ? undefined : !body.active,
  })
}

/** Halo field names (as its validation errors give them) -> canonical contact fields. */
export const userFieldNames: Record<string, string> = {
  name: 'firstName',
  firstname: 'firstName',
  surname: 'lastName',
  emailaddress: 'email',
  phonenumber: 'phone',
  mobilenumber: 'mobile',
  title: 'title',
  inactive: 'active',
  site_id: 'customerId',
  client_id: 'customerId',
  customfields: 'customFields',
}

export const agentFromHalo = (agent: HaloAgent): Agent => ({
  id: String(agent.id),
  name: textOrNull(agent.name) ?? String(agent.id),
  email: textOrNull(agent.email),
  active: agent.isdisabled !== true,
  remote: agent,
})
