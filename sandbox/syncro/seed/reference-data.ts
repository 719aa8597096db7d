import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import { utc } from '../../shared/seed.js'
import type { AssetTypeRecord, TicketTypeRecord, UserRecord } from '../records.js'
import { ASSET_TYPE_NAMES, MSP_DOMAIN, TECHNICIANS, TICKET_TYPE_NAMES } from './catalog.js'

// The account was set up in early 2023; reference data dates from then, a day apart per record.
const ACCOUNT_CREATED_MS = utc('2023-02-01T09:00:00.000Z')

export function seedUsers(): UserRecord[] {
  return TECHNICIANS.map((tech, index) => ({
    id: index + 1,
    email: `${tech.full_name.split(' ')[0]?.toLowerCase()}@${MSP_DOMAIN}`,
    full_name: tech.full_name,
    group: tech.group,
    admin: tech.admin,
    color: tech.color,
    created_at: toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS),
    updated_at: toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS),
  }))
}

export function seedTicketTypes(): TicketTypeRecord[] {
  return TICKET_TYPE_NAMES.map((name, index) => ({
    id: index + 1,
    name,
    disabled: false,
    created_at: toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS),
    updated_at: toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS),
  }))
}

export function seedAssetTypes(): AssetTypeRecord[] {
  return ASSET_TYPE_NAMES.map((name, index) => ({
    id: index + 1,
    name,
    created_at: toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS),
    updated_at: toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS),
  }))
}
