import { DAY_MS } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { formatTimestamp } from '../dates.js'
import type { AgreementRecord, CompanyRecord, ContactRecord, NamedRecord } from '../records.js'
import { named } from './reference-data.js'
import { HISTORY_START_MS, instantBetween, REFERENCE_MS, SITE_CREATED_MS } from './time.js'

/** Agreement kinds an MSP commonly sells; the names are the sandbox's own. */
const AGREEMENT_KINDS = [
  { name: 'Managed Services', units: 'Hours', cycle: null, unlimited: true, amounts: [1500, 2500, 4000] },
  { name: 'Block Hours', units: 'Hours', cycle: 'CalendarMonth', unlimited: false, amounts: [900, 1800] },
  {
    name: 'Incident Pack',
    units: 'Incidents',
    cycle: 'ContractYear',
    unlimited: false,
    amounts: [600, 1200],
  },
] as const

const LIMITS = { Hours: [10, 20, 40], Incidents: [5, 10, 25] } as const

export function seedAgreementTypes(): NamedRecord[] {
  return named(AGREEMENT_KINDS.map((kind) => kind.name))
}

/**
 * One agreement for about half of the active companies (a second for some), started before the tickets' history
 * ends; a yearly term or none, a few cancelled. Ids in company order.
 */
export function seedAgreements(
  random: Random,
  companies: readonly CompanyRecord[],
  contacts: readonly ContactRecord[],
  types: readonly NamedRecord[],
): AgreementRecord[] {
  const agreements: Omit<AgreementRecord, 'id'>[] = []
  for (const company of companies) {
    if (company.deletedFlag || !random.chance(0.5)) continue
    const count = random.chance(0.2) ? 2 : 1
    const kinds = random.sample(AGREEMENT_KINDS, count)
    for (const kind of kinds) agreements.push(draftAgreement(random, company, contacts, types, kind))
  }
  return agreements.map((agreement, index) => ({ ...agreement, id: index + 1 }))
}

function draftAgreement(
  random: Random,
  company: CompanyRecord,
  contacts: readonly ContactRecord[],
  types: readonly NamedRecord[],
  kind: (typeof AGREEMENT_KINDS)[number],
): Omit<AgreementRecord, 'id'> {
  const startMs =
    Math.floor(instantBetween(random, SITE_CREATED_MS, REFERENCE_MS - 30 * DAY_MS) / DAY_MS) * DAY_MS
  const endless = random.chance(0.5)
  const cancelled = random.chance(0.1)
  const cancelledMs = instantBetween(random, Math.max(startMs, HISTORY_START_MS), REFERENCE_MS)
  const contact = contacts.find((candidate) => candidate.companyId === company.id && !candidate.inactiveFlag)
  const at = formatTimestamp(startMs - DAY_MS)
  const limit = kind.unlimited ? null : random.pick(LIMITS[kind.units])
  return {
    name: `${company.name} - ${kind.name}`.slice(0, 100),
    typeId: types.find((type) => type.name === kind.name)?.id ?? 1,
    companyId: company.id,
    contactId: contact?.id ?? null,
    customerPO: random.chance(0.4) ? `PO-${random.int(10000, 99999)}` : null,
    startDate: formatTimestamp(startMs),
    endDate: endless ? null : formatTimestamp(startMs + 365 * DAY_MS),
    noEndingDateFlag: endless,
    cancelledFlag: cancelled,
    dateCancelled: cancelled ? formatTimestamp(cancelledMs) : null,
    reasonCancelled: cancelled ? random.pick(['Moved to another provider', 'Business closed']) : null,
    internalNotes: null,
    applicationUnits: kind.units,
    applicationLimit: limit,
    applicationCycle: kind.cycle,
    applicationUnlimitedFlag: kind.unlimited,
    billAmount: random.pick(kind.amounts),
    billTime: kind.unlimited ? 'NoCharge' : 'Billable',
    info: { lastUpdated: at, dateEntered: at, enteredBy: 'jsmith', updatedBy: 'jsmith' },
  }
}
