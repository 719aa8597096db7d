import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import type { AssetRecord, AssetTypeRecord, ContactRecord, CustomerRecord } from '../records.js'
import { ASSET_MODELS, ASSET_NAME_CODES } from './catalog.js'

const ASSET_COUNT = 150
const FIRST_ASSET_MS = utc('2024-01-15T00:00:00.000Z')
const LAST_ASSET_MS = utc('2025-09-30T23:59:59.999Z')

const TYPE_WEIGHTS: Record<string, number> = {
  Desktop: 35,
  Laptop: 30,
  Server: 8,
  Printer: 15,
  'Network Device': 12,
}

/** Businesses own most devices; individuals own the odd laptop or desktop. */
export function seedAssets(
  random: Random,
  customers: readonly CustomerRecord[],
  contacts: readonly ContactRecord[],
  assetTypes: readonly AssetTypeRecord[],
): AssetRecord[] {
  const owners = customers.map((customer) => [customer, customer.business_name ? 5 : 1] as const)
  const drafts: (Omit<AssetRecord, 'id' | 'name'> & { typeName: string })[] = []

  for (let n = 0; n < ASSET_COUNT; n++) {
    const customer = random.pickWeighted(owners)
    const typeChoices = assetTypes
      .filter((type) => customer.business_name || type.name === 'Desktop' || type.name === 'Laptop')
      .map((type) => [type, TYPE_WEIGHTS[type.name] ?? 1] as const)
    const type = random.pickWeighted(typeChoices)
    const model = random.pick(
      ASSET_MODELS[type.name] ?? [{ manufacturer: 'Generic', model: 'Device', extra: {} }],
    )
    const customerContacts = contacts.filter((contact) => contact.customer_id === customer.id)
    const createdMs = Math.max(
      instantBetween(random, FIRST_ASSET_MS, LAST_ASSET_MS),
      Date.parse(customer.created_at) + DAY_MS,
    )

    drafts.push({
      typeName: type.name,
      customer_id: customer.id,
      contact_id: customerContacts.length > 0 && random.chance(0.3) ? random.pick(customerContacts).id : null,
      asset_type_id: type.id,
      asset_serial: random.chance(0.9) ? random.alphanumeric(10) : null,
      external_rmm_link: null,
      properties: {
        Manufacturer: model.manufacturer,
        Model: model.model,
        ...model.extra,
        ...(random.chance(0.5)
          ? { 'Warranty Expiration': toTimestamp(createdMs + random.int(365, 1095) * DAY_MS).slice(0, 10) }
          : {}),
      },
      created_at: toTimestamp(createdMs),
      updated_at: toTimestamp(createdMs + random.int(0, 120) * DAY_MS + random.int(0, DAY_MS)),
    })
  }

  // Ids and name sequences follow creation time, as they would in the vendor's database.
  const customersById = new Map(customers.map((customer) => [customer.id, customer]))
  const countsByCustomerAndType = new Map<string, number>()
  return drafts
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map(({ typeName, ...draft }, index) => {
      const key = `${draft.customer_id}/${typeName}`
      const sequence = (countsByCustomerAndType.get(key) ?? 0) + 1
      countsByCustomerAndType.set(key, sequence)
      const owner = customersById.get(draft.customer_id) as CustomerRecord
      return { id: index + 1, name: assetName(owner, typeName, sequence), ...draft }
    })
}

function assetName(customer: CustomerRecord, typeName: string, sequence: number): string {
  const code = ASSET_NAME_CODES[typeName] ?? 'DEV'
  const number = String(sequence).padStart(2, '0')
  if (customer.business_name) {
    const prefix = customer.business_name
      .split(/\s+/)
      .map((word) => word[0])
      .join('')
      .toUpperCase()
    return `${prefix}-${code}-${number}`
  }
  return `${customer.firstname ?? 'Home'}-${code}-${number}`
}
