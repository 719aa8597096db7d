import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, uniqueEmail, utc } from '../../shared/seed.js'
import { customerAccountDefaults, type ContactRecord, type CustomerRecord } from '../records.js'
import {
  BUSINESS_NAMES,
  CITIES,
  CUSTOMER_REFERRALS,
  FIRST_NAMES,
  LAST_NAMES,
  STREET_NAMES,
} from './catalog.js'

const CUSTOMER_COUNT = 50
const BUSINESS_COUNT = 30
const DISABLED_COUNT = 3
const FIRST_CUSTOMER_MS = utc('2023-06-01T00:00:00.000Z')
const LAST_CUSTOMER_MS = utc('2024-12-31T23:59:59.999Z')
const LAST_EDIT_MS = utc('2025-10-31T23:59:59.999Z')

export interface SeededCustomers {
  customers: CustomerRecord[]
  contacts: ContactRecord[]
}

type Place = (typeof CITIES)[number]

/** Businesses (with a domain and 1-3 contacts) and individuals (no business_name, no contacts). */
export function seedCustomers(random: Random): SeededCustomers {
  const kinds = random.shuffle([
    ...Array<'business'>(BUSINESS_COUNT).fill('business'),
    ...Array<'person'>(CUSTOMER_COUNT - BUSINESS_COUNT).fill('person'),
  ])
  const businessNames = random.sample(BUSINESS_NAMES, BUSINESS_COUNT)
  const customerIds = Array.from({ length: CUSTOMER_COUNT }, (_, index) => index + 1)
  const disabledIds = new Set(random.sample(customerIds, DISABLED_COUNT))
  const usedEmails = new Set<string>()
  const customers: CustomerRecord[] = []
  const contacts: ContactRecord[] = []

  for (const id of customerIds) {
    const place = random.pick(CITIES)
    const createdMs = instantBetween(random, FIRST_CUSTOMER_MS, LAST_CUSTOMER_MS)
    const updatedMs = Math.min(createdMs + random.int(0, 300) * DAY_MS + random.int(0, DAY_MS), LAST_EDIT_MS)
    const firstname = random.pick(FIRST_NAMES)
    const lastname = random.pick(LAST_NAMES)
    const isBusiness = kinds[id - 1] === 'business'
    const businessName = isBusiness ? (businessNames.pop() as string) : null
    const domain = businessName ? `${slug(businessName)}.example` : 'mail.example'
    // Some businesses are on file by company name only, with no person named.
    const named = !isBusiness || random.chance(0.8)
    const email = uniqueEmail(
      usedEmails,
      businessName && !named ? `office@${domain}` : `${slug(firstname)}.${slug(lastname)}@${domain}`,
    )
    const hasAddress = random.chance(0.9)

    customers.push({
      id,
      firstname: named ? firstname : null,
      lastname: named ? lastname : null,
      business_name: businessName,
      email: random.chance(0.92) ? email : null,
      phone: phoneNumber(random, place),
      mobile: isBusiness || random.chance(0.4) ? null : phoneNumber(random, place),
      address: hasAddress ? `${random.int(10, 9999)} ${random.pick(STREET_NAMES)}` : null,
      address_2: hasAddress && random.chance(0.25) ? `Suite ${random.int(100, 450)}` : null,
      city: hasAddress ? place.city : null,
      state: hasAddress ? place.state : null,
      zip: hasAddress ? place.zip : null,
      notes: random.chance(0.2) ? 'Prefers contact by email before onsite visits.' : null,
      ...customerAccountDefaults(),
      disabled: disabledIds.has(id),
      referred_by: random.pick(CUSTOMER_REFERRALS),
      portal_key: random.alphanumeric(20).toLowerCase(),
      created_at: toTimestamp(createdMs),
      updated_at: toTimestamp(updatedMs),
    })

    if (businessName) {
      for (let n = random.int(1, 3); n > 0; n--) {
        const first = random.pick(FIRST_NAMES)
        const last = random.pick(LAST_NAMES)
        contacts.push({
          id: contacts.length + 1,
          customer_id: id,
          name: `${first} ${last}`,
          address1: null,
          address2: null,
          city: null,
          state: null,
          zip: null,
          email: uniqueEmail(usedEmails, `${slug(first)}.${slug(last)}@${domain}`),
          phone: phoneNumber(random, place),
          mobile: null,
          title: null,
          notes: null,
          opt_out: false,
          extension: random.chance(0.3) ? String(random.int(100, 399)) : null,
          properties: {},
          created_at: toTimestamp(createdMs + DAY_MS),
          updated_at: toTimestamp(createdMs + DAY_MS),
        })
      }
    }
  }
  return { customers, contacts }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function phoneNumber(random: Random, place: Place): string {
  return `(${place.area}) 555-01${String(random.int(0, 99)).padStart(2, '0')}`
}
