import type { Agent } from '../../src/canonical/agent.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import { vendorUnavailable } from '../../src/errors.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { isoOrNull, textOrNull } from '../../src/mapping/names.js'
import { isRecord } from '../../src/vendor-http/answer.js'
import { syncroId } from './map.js'
import type { SyncroContact } from './types.js'

/** Pure translations between Syncro's contacts and users and canonical contacts and agents. No I/O here. */

/**
 * Syncro keeps one `name` per contact: the last word is read as the last name, the words before it as the first
 * name. A first name of several words ("Mary Ann") then reads back as written, and an update of one part keeps
 * the other whole; a last name of several words ("van Dijk") reads back split (no rule keeps both).
 */
export function contactNameParts(name: string | null | undefined): {
  firstName: string | null
  lastName: string | null
} {
  const words = (name ?? '').trim().split(/\s+/)
  if (words.length < 2) return { firstName: textOrNull(words[0]), lastName: null }
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! }
}

/** Syncro's contacts have no active flag (syncro-openapi.json, /contacts): always active. */
export function contactFromSyncro(contact: SyncroContact): Contact {
  return {
    id: String(contact.id),
    customer: contact.customer_id ? { id: String(contact.customer_id), name: null } : null,
    ...contactNameParts(contact.name),
    name: contact.name ?? '',
    email: textOrNull(contact.email),
    phone: textOrNull(contact.phone),
    mobile: textOrNull(contact.mobile),
    title: textOrNull(contact.title),
    active: true,
    createdAt: isoOrNull(contact.created_at),
    updatedAt: isoOrNull(contact.updated_at),
    // Syncro's settings define no contact fields (the spec's contacts carry an empty `properties`).
    customFields: [],
    remote: contact,
  }
}

/**
 * A contact's body (the spec's POST and PUT /contacts bodies: `customer_id`, `name`, `email`, `phone`, `mobile`).
 * First and last name make Syncro's one `name`, sent with every write (its PUT requires it): an update keeps
 * what it does not send from `currentName`. `title` is the PUT body's (the spec lists it there only).
 */
export function syncroContactBody(
  body: ContactCreate | ContactUpdate,
  currentName?: string | null,
): Record<string, unknown> {
  const current = contactNameParts(currentName)
  const firstName = body.firstName ?? current.firstName
  const lastName = body.lastName === undefined ? current.lastName : body.lastName
  return withoutUndefined({
    customer_id: body.customerId === undefined ? undefined : syncroId(body.customerId, 'customerId'),
    name: [firstName, lastName].filter(Boolean).join(' ') || undefined,
    email: body.email,
    phone: body.phone,
    mobile: body.mobile,
    title: body.title,
  })
}

export const contactFieldNames: Record<string, string> = {
  customer: 'customerId',
  customer_id: 'customerId',
  name: 'firstName',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  title: 'title',
}

/**
 * `GET /users`: `{"users": [[id, "Full Name"], …]}` (the spec's example) as agents. The list carries no email, and
 * reading each user for it would cost a call per user at every cache refresh: the email is left null. The API
 * lists only users who can sign in, so each is active.
 */
export function agentsFromUserList(body: unknown): Agent[] {
  const users = isRecord(body) ? body.users : undefined
  if (!Array.isArray(users) || !users.every((user) => Array.isArray(user) && typeof user[0] === 'number'))
    throw vendorUnavailable(502, 'syncro answered without the users list it documents')
  return (users as Array<[number, unknown]>).map((user) => ({
    id: String(user[0]),
    name: typeof user[1] === 'string' ? user[1] : '',
    email: null,
    active: true,
    remote: user,
  }))
}
