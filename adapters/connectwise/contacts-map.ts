import type { CustomFieldDefinition } from '../../src/canonical/custom-field.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import { validationFailed } from '../../src/errors.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { checkLengths } from '../../src/mapping/limits.js'
import { isoOrNull, textOrNull } from '../../src/mapping/names.js'
import { customFieldsFromConnectWise, customFieldsOf } from './custom-fields.js'
import { idRef } from './map.js'
import type { CwCommunicationItem, CwCommunicationType, CwContact } from './types.js'

/**
 * ConnectWise company contacts, both ways. Pure functions. A contact keeps its email, phones and fax as
 * `communicationItems`, each of a communication type (`/company/communicationTypes`: description and an email,
 * phone or fax flag; their names are each site's own). Canonical `email` is the contact's default Email item,
 * `phone` its default Phone item that is not a mobile, `mobile` one whose type's name says Cell or Mobile.
 */

type Slot = 'email' | 'phone' | 'mobile'

const MOBILE_NAME = /\b(cell|mobile)\b/i

const slotOf = (item: CwCommunicationItem): Slot | undefined => {
  if (item.communicationType === 'Email') return 'email'
  if (item.communicationType !== 'Phone') return undefined
  return MOBILE_NAME.test(item.type?.name ?? '') ? 'mobile' : 'phone'
}

/** The slot's item: the default one, else the first. */
function itemIn(items: readonly CwCommunicationItem[], slot: Slot): CwCommunicationItem | undefined {
  const candidates = items.filter((item) => slotOf(item) === slot)
  return candidates.find((item) => item.defaultFlag === true) ?? candidates[0]
}

export function contactFromConnectWise(contact: CwContact): Contact {
  const items = contact.communicationItems ?? []
  const value = (slot: Slot) => textOrNull(itemIn(items, slot)?.value)
  const firstName = textOrNull(contact.firstName)
  const lastName = textOrNull(contact.lastName)
  return {
    id: String(contact.id),
    customer: contact.company
      ? {
          id: String(contact.company.id),
          name: textOrNull(contact.company.name) ?? textOrNull(contact.company.identifier),
        }
      : null,
    firstName,
    lastName,
    name: [firstName, lastName].filter(Boolean).join(' '),
    email: value('email'),
    phone: value('phone'),
    mobile: value('mobile'),
    title: textOrNull(contact.title),
    active: contact.inactiveFlag !== true,
    createdAt: isoOrNull(contact._info?.dateEntered),
    updatedAt: isoOrNull(contact._info?.lastUpdated),
    customFields: customFieldsFromConnectWise(contact.customFields),
    remote: contact,
  }
}

/** The communication type a slot writes with: one of its kind, the default first (a mobile: Cell or Mobile). */
export function communicationTypeFor(
  types: readonly CwCommunicationType[],
  slot: Slot,
): CwCommunicationType | undefined {
  const fits = (type: CwCommunicationType) =>
    slot === 'email'
      ? type.emailFlag === true
      : type.phoneFlag === true && MOBILE_NAME.test(type.description ?? '') === (slot === 'mobile')
  const candidates = types.filter(fits)
  return candidates.find((type) => type.defaultFlag === true) ?? candidates[0]
}

/**
 * The contact's items after a write: each slot the write names gets its value (its item changed in place, or a
 * new item of the slot's type), or loses its item when set to null; every other item stays as it was. Null when
 * the write names no slot. A slot the site has no communication type for is a 400.
 */
export function communicationItemsAfter(
  current: readonly CwCommunicationItem[],
  body: Pick<ContactUpdate, Slot>,
  types: readonly CwCommunicationType[],
): CwCommunicationItem[] | null {
  const slots = (['email', 'phone', 'mobile'] as const).filter((slot) => body[slot] !== undefined)
  if (slots.length === 0) return null
  let items = current.map((item) => ({ ...item }))
  for (const slot of slots) {
    const value = body[slot]
    const existing = itemIn(items, slot)
    if (value === null || value === undefined || value.trim() === '') {
      items = items.filter((item) => item !== existing)
    } else if (existing) {
      existing.value = value
    } else {
      const type = communicationTypeFor(types, slot)
      if (!type) {
        throw validationFailed(`this ConnectWise site has no communication type for ${slot}`, [
          { field: slot, message: `no ${slot} communication type at this ConnectWise site` },
        ])
      }
      items.push({ type: { id: type.id }, value, defaultFlag: true })
    }
  }
  // Items as ConnectWise takes them: the type by id; the kind follows from the type.
  return items.map(({ id, type, value, extension, defaultFlag }) =>
    withoutUndefined({ id, type: type && { id: type.id }, value, extension, defaultFlag }),
  )
}

/** Contact.php (spinen/connectwise-company-php-client): first and last name at most 30 characters. */
const NAME_MAX_LENGTH = 30

/** A contact's own fields in ConnectWise's names (its items and custom fields are added by the caller). */
export function contactFields(body: ContactCreate | ContactUpdate): Record<string, unknown> {
  checkLengths('connectwise', {
    firstName: [body.firstName, NAME_MAX_LENGTH],
    lastName: [body.lastName, NAME_MAX_LENGTH],
  })
  return withoutUndefined({
    firstName: body.firstName,
    lastName: body.lastName,
    title: body.title,
    company: idRef(body.customerId, 'customerId'),
    inactiveFlag: body.active === undefined ? undefined : !body.active,
  })
}

/** A new contact's whole body: its items from the slots, its custom fields as written. */
export function contactCreateBody(
  body: ContactCreate,
  types: readonly CwCommunicationType[],
  definitions: readonly CustomFieldDefinition[],
): Record<string, unknown> {
  return withoutUndefined({
    ...contactFields(body),
    communicationItems: communicationItemsAfter([], body, types) ?? undefined,
    customFields: customFieldsOf([], body.customFields, definitions),
  })
}

export const contactFieldNames: Record<string, string> = {
  firstName: 'firstName',
  lastName: 'lastName',
  title: 'title',
  company: 'customerId',
  inactiveFlag: 'active',
  customFields: 'customFields',
}
