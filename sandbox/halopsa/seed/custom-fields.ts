import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import {
  CUSTOM_FIELD_TYPE,
  CUSTOM_FIELD_USAGE,
  TEXT_INPUT_TYPE,
  type CustomFieldRecord,
  type CustomFieldUsage,
  type CustomFieldValue,
} from '../records.js'
import { REFERENCE_MS } from './time.js'

const { text, checkbox, date, singleSelection } = CUSTOM_FIELD_TYPE

type Definition = Omit<CustomFieldRecord, 'id' | 'usage' | 'inputtype' | 'values'> & {
  inputtype?: number
  choices?: string[]
}

/** Per usage, one field of each kind the emulator handles: text, number, checkbox, date and a single selection. */
const DEFINITIONS: ReadonlyArray<readonly [CustomFieldUsage, Definition[]]> = [
  [
    CUSTOM_FIELD_USAGE.ticket,
    [
      { name: 'CFExternalReference', label: 'External Reference', type: text },
      {
        name: 'CFEstimatedHours',
        label: 'Estimated Hours',
        type: text,
        inputtype: TEXT_INPUT_TYPE.decimal,
      },
      { name: 'CFOnsiteRequired', label: 'Onsite Visit Required', type: checkbox },
      { name: 'CFFollowUpDate', label: 'Follow-up Date', type: date },
      {
        name: 'CFImpactScope',
        label: 'Impact Scope',
        type: singleSelection,
        choices: ['Single user', 'Team', 'Whole site'],
      },
    ],
  ],
  [
    CUSTOM_FIELD_USAGE.client,
    [
      { name: 'CFAccountCode', label: 'Account Code', type: text },
      { name: 'CFSeats', label: 'Licensed Seats', type: text, inputtype: TEXT_INPUT_TYPE.integer },
      { name: 'CFManagedBackup', label: 'Managed Backup', type: checkbox },
      { name: 'CFContractRenewal', label: 'Contract Renewal', type: date },
      {
        name: 'CFSupportTier',
        label: 'Support Tier',
        type: singleSelection,
        choices: ['Bronze', 'Silver', 'Gold'],
      },
    ],
  ],
  [
    CUSTOM_FIELD_USAGE.asset,
    [
      { name: 'CFAssetTag', label: 'Asset Tag', type: text },
      {
        name: 'CFPurchaseCost',
        label: 'Purchase Cost',
        type: text,
        inputtype: TEXT_INPUT_TYPE.decimal,
      },
      { name: 'CFUnderWarranty', label: 'Under Warranty', type: checkbox },
      { name: 'CFPurchaseDate', label: 'Purchase Date', type: date },
      {
        name: 'CFCriticality',
        label: 'Criticality',
        type: singleSelection,
        choices: ['Low', 'Medium', 'High'],
      },
    ],
  ],
  [
    CUSTOM_FIELD_USAGE.user,
    [
      { name: 'CFEmployeeNumber', label: 'Employee Number', type: text, inputtype: TEXT_INPUT_TYPE.integer },
      { name: 'CFNewsletter', label: 'Receives Newsletter', type: checkbox },
      { name: 'CFStartDate', label: 'Start Date', type: date },
      {
        name: 'CFPreferredContact',
        label: 'Preferred Contact Method',
        type: singleSelection,
        choices: ['Email', 'Phone', 'Mobile'],
      },
      { name: 'CFPronouns', label: 'Pronouns', type: text },
    ],
  ],
]

/** The tenant's custom field definitions: ids in the order above, selection choices numbered across the tenant. */
export function seedCustomFields(): CustomFieldRecord[] {
  let lookupId = 0
  return DEFINITIONS.flatMap(([usage, definitions]) =>
    definitions.map((definition) => ({ usage, definition })),
  ).map(({ usage, definition: { choices = [], inputtype = 0, ...definition } }, index) => ({
    id: index + 1,
    ...definition,
    inputtype,
    usage,
    values: choices.map((name) => ({ id: ++lookupId, name })),
  }))
}

/**
 * Values for about a third of the records of a usage: each field of the usage set with a probability of one half,
 * a value of its type (text, the text of a number, a boolean, a date at midnight, a choice's lookup id).
 */
export function seedCustomFieldValues(
  random: Random,
  fields: readonly CustomFieldRecord[],
  usage: CustomFieldUsage,
): CustomFieldValue[] {
  if (!random.chance(1 / 3)) return []
  return fields
    .filter((field) => field.usage === usage && random.chance(0.5))
    .map((field) => ({ id: field.id, value: seededValue(random, field) }))
}

function seededValue(random: Random, field: CustomFieldRecord): CustomFieldValue['value'] {
  switch (field.type) {
    case CUSTOM_FIELD_TYPE.checkbox:
      return random.chance(0.5)
    case CUSTOM_FIELD_TYPE.date:
      return toTimestamp(Math.floor((REFERENCE_MS - random.int(-365, 365) * DAY_MS) / DAY_MS) * DAY_MS)
    case CUSTOM_FIELD_TYPE.singleSelection:
      return random.pick(field.values).id
    default:
      if (field.inputtype === TEXT_INPUT_TYPE.integer) return String(random.int(1, 250))
      if (field.inputtype === TEXT_INPUT_TYPE.decimal) return (random.int(25, 40_000) / 4).toFixed(2)
      return `${field.name.slice(2, 5).toUpperCase()}-${random.alphanumeric(6)}`
  }
}
