import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import { utc } from '../../shared/seed.js'
import type {
  AssetTypeFieldRecord,
  AssetTypeRecord,
  CustomFieldRecord,
  CustomerRecord,
  FieldType,
  TicketFieldRecord,
  TicketRecord,
  TicketTypeRecord,
} from '../records.js'

// The account's custom fields: per ticket type (the spec's POST /tickets example: `ticket_fields` of the ticket's
// type), for customers (`GET /settings` -> `customers.customer_fields`) and per asset type (`assets.asset_type_fields`).
// Values are seeded as the web app's forms would post them: text, a check box "1" or "0", a date "YYYY-MM-DD" (our
// reading: no source shows a value of a check box or date field). Chosen by record id, with no draw from the seed's
// random stream, so the rest of the seed stays as it was.

interface FieldDraft {
  name: string
  type: FieldType
  /** A drop-down's choices. */
  choices?: readonly string[]
  /** What a text field is filled with, by record id. */
  samples?: readonly string[]
}

const TICKET_FIELDS: Record<string, readonly FieldDraft[]> = {
  Hardware: [
    { name: 'Device Type', type: 'select_box', choices: ['Desktop', 'Laptop', 'Printer', 'Server', 'Other'] },
    { name: 'Under Warranty', type: 'check_box' },
    { name: 'Purchase Date', type: 'date_field' },
  ],
  Software: [
    {
      name: 'Application',
      type: 'text_field',
      samples: ['Outlook', 'QuickBooks', 'Chrome', 'Teams', 'Acrobat'],
    },
    { name: 'Affected Users', type: 'number_field' },
  ],
  Network: [
    { name: 'Site', type: 'text_field', samples: ['Main office', 'Warehouse', 'Branch 2', 'Remote'] },
    { name: 'Outage Started', type: 'date_field' },
    { name: 'Devices Affected', type: 'number_field' },
  ],
  'User Onboarding': [
    { name: 'Start Date', type: 'date_field' },
    {
      name: 'Department',
      type: 'select_box',
      choices: ['Front Office', 'Accounting', 'Operations', 'Sales'],
    },
    { name: 'Needs Laptop', type: 'check_box' },
    { name: 'Notes for HR', type: 'text_area', samples: ['Badge and parking pass', 'Shared mailbox access'] },
  ],
}

const CUSTOMER_FIELDS: readonly FieldDraft[] = [
  { name: 'Contract Tier', type: 'select_box', choices: ['Bronze', 'Silver', 'Gold'] },
  { name: 'Onboarded On', type: 'date_field' },
  { name: 'Seats', type: 'number_field' },
  { name: 'Managed Backup', type: 'check_box' },
  { name: 'Site Code', type: 'text_field', samples: ['HQ-01', 'NW-02', 'DT-03', 'SE-04'] },
]

/** The seeded assets' `properties` keys (seed/assets.ts, ASSET_MODELS) are these fields' names. */
const OPERATING_SYSTEMS = [
  'Windows 11 Pro',
  'Windows 10 Pro',
  'macOS 14',
  'Windows Server 2022',
  'Ubuntu 22.04',
]
const COMMON_ASSET_FIELDS: readonly FieldDraft[] = [
  { name: 'Manufacturer', type: 'text_field' },
  { name: 'Model', type: 'text_field' },
  { name: 'Warranty Expiration', type: 'date_field' },
]
const COMPUTER_FIELDS: readonly FieldDraft[] = [
  { name: 'Operating System', type: 'select_box', choices: OPERATING_SYSTEMS },
  { name: 'RAM', type: 'text_field' },
]
const ASSET_TYPE_FIELDS: Record<string, readonly FieldDraft[]> = {
  Desktop: [...COMMON_ASSET_FIELDS, ...COMPUTER_FIELDS],
  Laptop: [...COMMON_ASSET_FIELDS, ...COMPUTER_FIELDS],
  Server: [
    ...COMMON_ASSET_FIELDS,
    ...COMPUTER_FIELDS,
    { name: 'Rack Units', type: 'number_field' },
    { name: 'Monitored', type: 'check_box' },
  ],
  Printer: [...COMMON_ASSET_FIELDS, { name: 'Toner', type: 'text_field' }],
  'Network Device': [
    ...COMMON_ASSET_FIELDS,
    { name: 'Firmware', type: 'text_field' },
    { name: 'Monitored', type: 'check_box' },
  ],
}

// Defined a year after the account was set up (seed/reference-data.ts), a minute apart.
const FIELDS_CREATED_MS = utc('2024-02-01T09:00:00.000Z')

export interface SeededCustomFields {
  ticketFields: TicketFieldRecord[]
  customerFields: CustomFieldRecord[]
  assetTypeFields: AssetTypeFieldRecord[]
}

/** Each kind of field is its own table: its field ids and answer ids count from 1. */
export function seedCustomFields(
  ticketTypes: readonly TicketTypeRecord[],
  assetTypes: readonly AssetTypeRecord[],
): SeededCustomFields {
  const ticketField = fieldDefiner()
  const customerField = fieldDefiner()
  const assetTypeField = fieldDefiner()
  return {
    ticketFields: ticketTypes.flatMap((type) =>
      (TICKET_FIELDS[type.name] ?? []).map((draft, n) => ({
        ...ticketField(draft, n + 1),
        ticket_type_id: type.id,
      })),
    ),
    customerFields: CUSTOMER_FIELDS.map((draft, n) => customerField(draft, n + 1)),
    assetTypeFields: assetTypes.flatMap((type) =>
      (ASSET_TYPE_FIELDS[type.name] ?? []).map((draft, n) => ({
        ...assetTypeField(draft, n + 1),
        asset_type_id: type.id,
      })),
    ),
  }
}

function fieldDefiner(): (draft: FieldDraft, position: number) => CustomFieldRecord {
  let fieldId = 0
  let answerId = 0
  return (draft, position) => {
    const stamp = toTimestamp(FIELDS_CREATED_MS + ++fieldId * 60_000)
    return {
      id: fieldId,
      name: draft.name,
      field_type: draft.type,
      required: null,
      hidden: false,
      position,
      answers: (draft.choices ?? []).map((content) => ({
        id: ++answerId,
        content,
        created_at: stamp,
        updated_at: stamp,
      })),
      created_at: stamp,
      updated_at: stamp,
    }
  }
}

/** Values for two tickets of three that have a type; a field now and then left empty. */
export function seedTicketProperties(tickets: TicketRecord[], fields: readonly TicketFieldRecord[]): void {
  for (const ticket of tickets) {
    if (ticket.ticket_type_id === null || ticket.id % 3 === 0) continue
    const own = fields.filter((field) => field.ticket_type_id === ticket.ticket_type_id)
    ticket.properties = propertiesFor(ticket.id, Date.parse(ticket.created_at), own, TICKET_SAMPLES)
  }
}

/** Values for the businesses (individuals have none). */
export function seedCustomerProperties(
  customers: CustomerRecord[],
  fields: readonly CustomFieldRecord[],
): void {
  for (const customer of customers) {
    if (!customer.business_name) continue
    customer.properties = propertiesFor(
      customer.id,
      Date.parse(customer.created_at),
      fields,
      CUSTOMER_SAMPLES,
    )
  }
}

const samplesByName = (drafts: readonly FieldDraft[]) =>
  new Map(drafts.map((draft) => [draft.name, draft.samples ?? [draft.name]]))
const TICKET_SAMPLES = samplesByName(Object.values(TICKET_FIELDS).flat())
const CUSTOMER_SAMPLES = samplesByName(CUSTOMER_FIELDS)

function propertiesFor(
  recordId: number,
  recordCreatedMs: number,
  fields: readonly CustomFieldRecord[],
  samples: ReadonlyMap<string, readonly string[]>,
): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const field of fields) {
    if ((recordId + field.id) % 5 === 0) continue
    properties[field.name] = valueFor(
      field,
      recordId,
      recordCreatedMs,
      samples.get(field.name) ?? [field.name],
    )
  }
  return properties
}

function valueFor(
  field: CustomFieldRecord,
  recordId: number,
  recordCreatedMs: number,
  samples: readonly string[],
): string {
  switch (field.field_type) {
    case 'select_box':
      return field.answers[recordId % field.answers.length]?.content ?? ''
    case 'check_box':
      return recordId % 2 === 0 ? '1' : '0'
    case 'date_field':
      return toTimestamp(recordCreatedMs - (recordId % 30) * DAY_MS).slice(0, 10)
    case 'number_field':
      return String(1 + (recordId % 12))
    default:
      return samples[recordId % samples.length] ?? field.name
  }
}
