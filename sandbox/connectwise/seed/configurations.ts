import { DAY_MS } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { formatTimestamp } from '../dates.js'
import type {
  CompanyRecord,
  ConfigurationRecord,
  ConfigurationTypeRecord,
  ContactRecord,
  NamedRecord,
} from '../records.js'
import { CONFIGURATION_TYPES, MEMBERS } from './catalog.js'
import { idOf } from './reference-data.js'
import { HISTORY_START_MS, instantBetween, REFERENCE_MS } from './time.js'

const CONFIGURATION_COUNT = 200
const WARRANTY_FROM_MS = Date.parse('2024-01-01T00:00:00Z')
const WARRANTY_TO_MS = Date.parse('2028-12-31T00:00:00Z')

export interface ConfigurationContext {
  companies: readonly CompanyRecord[]
  contacts: readonly ContactRecord[]
  configurationTypes: readonly ConfigurationTypeRecord[]
  configurationStatuses: readonly NamedRecord[]
  manufacturers: readonly NamedRecord[]
}

/** 200 devices of companies not deleted; names like `ACMEDENTAL-WS-007`, numbered per company and type. */
export function seedConfigurations(random: Random, context: ConfigurationContext): ConfigurationRecord[] {
  const companies = context.companies.filter((company) => !company.deletedFlag)
  const numbers = new Map<string, number>()
  return Array.from({ length: CONFIGURATION_COUNT }, (_, index) => {
    const company = random.pick(companies)
    const spec = random.pickWeighted(CONFIGURATION_TYPES.map((type) => [type, type.weight] as const))
    const [manufacturerName, model] = random.pick(spec.models)
    const key = `${company.id}/${spec.prefix}`
    const number = (numbers.get(key) ?? 0) + 1
    numbers.set(key, number)
    const status = random.pickWeighted([
      ['Active', 85],
      ['Inactive', 10],
      ['Retired', 5],
    ] as const)
    const contacts = context.contacts.filter((contact) => contact.companyId === company.id)
    const enteredMs = instantBetween(random, HISTORY_START_MS - 200 * DAY_MS, REFERENCE_MS - 10 * DAY_MS)
    const member = () => random.pick(MEMBERS.slice(0, 7)).identifier
    return {
      id: index + 1,
      name: `${company.identifier.slice(0, 12).toUpperCase()}-${spec.prefix}-${String(number).padStart(3, '0')}`,
      typeId: idOf(context.configurationTypes, spec.name),
      statusId: idOf(context.configurationStatuses, status),
      companyId: company.id,
      contactId: contacts.length > 0 && random.chance(0.4) ? random.pick(contacts).id : null,
      serialNumber: random.alphanumeric(10),
      modelNumber: model,
      tagNumber: random.chance(0.5) ? `AT-${random.int(10000, 99999)}` : null,
      manufacturerId: idOf(context.manufacturers, manufacturerName),
      ipAddress: spec.networked
        ? `10.${random.int(0, 40)}.${random.int(0, 254)}.${random.int(1, 254)}`
        : null,
      macAddress: Array.from({ length: 6 }, () =>
        random.int(0, 255).toString(16).padStart(2, '0').toUpperCase(),
      ).join(':'),
      osType: spec.osTypes.length > 0 ? random.pick(spec.osTypes) : null,
      warrantyExpirationDate: random.chance(0.8)
        ? formatTimestamp(
            Math.floor(instantBetween(random, WARRANTY_FROM_MS, WARRANTY_TO_MS) / DAY_MS) * DAY_MS,
          )
        : null,
      activeFlag: status === 'Active',
      customFieldValues: {},
      info: {
        dateEntered: formatTimestamp(enteredMs),
        lastUpdated: formatTimestamp(instantBetween(random, enteredMs, REFERENCE_MS)),
        enteredBy: member(),
        updatedBy: member(),
      },
    }
  })
}
