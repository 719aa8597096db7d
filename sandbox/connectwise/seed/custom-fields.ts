import type { Random } from '../../shared/random.js'
import { CUSTOM_FIELD_SCREENS, type CustomFieldResource } from '../custom-field-screens.js'
import type {
  CommunicationTypeRecord,
  CustomFieldEntry,
  CustomFieldType,
  CustomFieldValues,
  UserDefinedFieldRecord,
} from '../records.js'
import { siteInfo } from './reference-data.js'

// A site's custom fields: a few of each kind on every resource that carries them (text, number, checkbox, date, a
// list of options), and its communication types. The same for every seed, as a site's setup is.

interface DefinitionSpec {
  caption: string
  type: CustomFieldType
  entry?: CustomFieldEntry
  decimals?: number
  options?: readonly string[]
  /** The option a new record takes (captured: a new contact's List field holds its default option's value). */
  defaultOption?: string
}

const DEFINITIONS: Readonly<Record<CustomFieldResource, readonly DefinitionSpec[]>> = {
  ticket: [
    { caption: 'Billing code', type: 'Text' },
    { caption: 'Hours quoted', type: 'Number', decimals: 1 },
    { caption: 'After hours', type: 'Checkbox' },
    { caption: 'Follow-up date', type: 'Date', entry: 'Date' },
    {
      caption: 'Impact area',
      type: 'Text',
      entry: 'List',
      options: ['Network', 'Email', 'Hardware', 'Software'],
    },
  ],
  company: [
    {
      caption: 'Account tier',
      type: 'Text',
      entry: 'Option',
      options: ['Gold', 'Silver', 'Bronze'],
      defaultOption: 'Bronze',
    },
    { caption: 'Seats', type: 'Number' },
    { caption: 'Managed', type: 'Checkbox' },
    { caption: 'Contract renewal', type: 'Date', entry: 'Date' },
    { caption: 'Account notes', type: 'TextArea' },
  ],
  configuration: [
    { caption: 'Asset tag', type: 'Text' },
    { caption: 'Purchase price', type: 'Currency', decimals: 2 },
    { caption: 'Under warranty', type: 'Checkbox' },
    { caption: 'Purchased', type: 'Date', entry: 'Date' },
    { caption: 'Location', type: 'Text', entry: 'List', options: ['Office', 'Remote', 'Datacenter'] },
  ],
  contact: [
    { caption: 'Preferred language', type: 'Text', entry: 'List', options: ['English', 'French', 'Spanish'] },
    { caption: 'VIP', type: 'Checkbox' },
    { caption: 'Last training', type: 'Date', entry: 'Date' },
    { caption: 'Extension', type: 'Number' },
    { caption: 'LinkedIn URL', type: 'Hyperlink' },
  ],
}

/** Definitions by screen, ids 1... in the order above; option ids run on across definitions. */
export function seedUserDefinedFields(): UserDefinedFieldRecord[] {
  let optionId = 0
  let id = 0
  return (Object.keys(DEFINITIONS) as CustomFieldResource[]).flatMap((resource, screenIndex) => {
    const screen = CUSTOM_FIELD_SCREENS[resource]
    return DEFINITIONS[resource].map((spec, index) => {
      id += 1
      return {
        id,
        podId: screenIndex + 1,
        podDescription: `${screen.screenDescription} Overview`,
        caption: spec.caption,
        sequenceNumber: index + 1,
        ...screen,
        helpText: null,
        fieldTypeIdentifier: spec.type,
        numberDecimals: spec.decimals ?? 0,
        entryTypeIdentifier: spec.entry ?? 'EntryField',
        requiredFlag: false,
        displayOnScreenFlag: true,
        readOnlyFlag: false,
        listViewFlag: index === 0,
        options: (spec.options ?? []).map((optionValue, sortOrder) => ({
          id: (optionId += 1),
          optionValue,
          defaultFlag: optionValue === spec.defaultOption,
          inactiveFlag: false,
          sortOrder,
        })),
        connectWiseID: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
        dateCreated: siteInfo(30 + id).dateEntered,
      }
    })
  })
}

/**
 * Values for some of a resource's records (about a third of them, each field of such a record at even odds),
 * drawn as the field's kind holds them.
 */
export function seedCustomFieldValues(
  random: Random,
  definitions: readonly UserDefinedFieldRecord[],
  resource: CustomFieldResource,
): CustomFieldValues {
  const values: CustomFieldValues = {}
  if (!random.chance(0.35)) return values
  const { screenId } = CUSTOM_FIELD_SCREENS[resource]
  for (const definition of definitions) {
    if (definition.screenId !== screenId || !random.chance(0.5)) continue
    values[definition.id] = sampleValue(random, definition)
  }
  return values
}

function sampleValue(random: Random, definition: UserDefinedFieldRecord): string | number | boolean {
  if (definition.options.length > 0) return random.pick(definition.options).optionValue
  switch (definition.fieldTypeIdentifier) {
    case 'Checkbox':
      return random.chance(0.5)
    case 'Number':
    case 'Percent':
    case 'Currency':
      return random.int(1, 5000) / 10 ** definition.numberDecimals
    case 'Date':
      return siteInfo(random.int(100, 900)).dateEntered.replace(/T.*$/, 'T00:00:00Z')
    case 'Hyperlink':
      return `https://www.linkedin.com/in/${random.alphanumeric(8).toLowerCase()}`
    default:
      return `${random.pick(['AC', 'BX', 'CT', 'DV'])}-${random.int(100, 999)}`
  }
}

/**
 * A site's communication types. Their names are each site's own (a captured site has "Email - Business", "Phone -
 * Work", another "Work Landline"); these are the emulator's, one kind flag each, the first of each kind its default.
 */
export function seedCommunicationTypes(): CommunicationTypeRecord[] {
  const types: [string, 'email' | 'phone' | 'fax', boolean][] = [
    ['Email', 'email', true],
    ['Direct', 'phone', true],
    ['Cell', 'phone', false],
    ['Fax', 'fax', true],
    ['Home', 'phone', false],
  ]
  return types.map(([description, kind, defaultFlag], index) => ({
    id: index + 1,
    description,
    emailFlag: kind === 'email',
    phoneFlag: kind === 'phone',
    faxFlag: kind === 'fax',
    defaultFlag,
  }))
}
