import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import type {
  AssetFieldValue,
  AssetRecord,
  AssetTypeRecord,
  ClientRecord,
  EndUserRecord,
  SiteRecord,
} from '../records.js'
import { ASSET_MODELS, ASSET_TYPE_CODES, type AssetModel } from './catalog.js'
import { ASSET_FIELD_IDS, ASSET_STATUS_IDS } from './reference-data.js'
import { REFERENCE_MS } from './time.js'

const ASSET_COUNT = 150
const FIRST_UPDATE_MS = utc('2024-01-01T00:00:00.000Z')

const TYPE_WEIGHTS: Record<string, number> = {
  Workstation: 35,
  Laptop: 35,
  Server: 8,
  Printer: 10,
  Firewall: 6,
  Switch: 6,
}

export interface AssetSeedContext {
  clients: readonly ClientRecord[]
  sites: readonly SiteRecord[]
  users: readonly EndUserRecord[]
  assetTypes: readonly AssetTypeRecord[]
}

/** Active clients own most assets; about one in twelve is retired (inactive). */
export function seedAssets(random: Random, context: AssetSeedContext): AssetRecord[] {
  const owners = context.clients.map((client) => [client, client.inactive ? 1 : 8] as const)
  const types = context.assetTypes.map((type) => [type, TYPE_WEIGHTS[type.name] ?? 1] as const)
  const hostCounts = new Map<string, number>()
  const assets: AssetRecord[] = []

  for (let id = 1; id <= ASSET_COUNT; id++) {
    const client = random.pickWeighted(owners)
    const type = random.pickWeighted(types)
    const model = random.pick(ASSET_MODELS[type.name] ?? [])
    const site = random.pick(context.sites.filter((candidate) => candidate.client_id === client.id))
    const siteUsers = context.users.filter((user) => user.site_id === site.id)
    const retired = random.chance(0.08)
    const hostKey = `${client.id}/${type.name}`
    const hostNumber = (hostCounts.get(hostKey) ?? 0) + 1
    hostCounts.set(hostKey, hostNumber)
    const serial = random.alphanumeric(10)
    const updatedMs = instantBetween(random, FIRST_UPDATE_MS, REFERENCE_MS)
    const user = siteUsers.length > 0 && random.chance(0.5) ? random.pick(siteUsers) : undefined

    assets.push({
      id,
      inventory_number: `INV-${String(10_000 + id)}`,
      key_field: `${initials(client.name)}-${ASSET_TYPE_CODES[type.name] ?? 'DEV'}${String(hostNumber).padStart(2, '0')}`,
      key_field2: serial,
      key_field3: null,
      client_id: client.id,
      site_id: site.id,
      username: user ? `${user.firstname} ${user.surname}` : null,
      assettype_id: type.id,
      status_id: retired
        ? ASSET_STATUS_IDS.retired
        : random.chance(0.1)
          ? ASSET_STATUS_IDS.inStorage
          : ASSET_STATUS_IDS.active,
      inactive: retired,
      warranty_end: random.chance(0.7)
        ? toTimestamp(Date.UTC(2024 + random.int(0, 3), random.int(0, 11), random.int(1, 28)))
        : null,
      notes: null,
      fields: assetFields(random, model, serial),
      customfields: [],
      dlastupdate: toTimestamp(Math.max(updatedMs, Date.parse(client.datecreated) + DAY_MS)),
    })
  }
  return assets
}

function assetFields(random: Random, model: AssetModel | undefined, serial: string): AssetFieldValue[] {
  const fields: AssetFieldValue[] = [{ id: ASSET_FIELD_IDS.serialNumber, value: serial }]
  if (model) {
    fields.push({ id: ASSET_FIELD_IDS.manufacturer, value: model.manufacturer })
    fields.push({ id: ASSET_FIELD_IDS.model, value: model.model })
    if (model.os) fields.push({ id: ASSET_FIELD_IDS.operatingSystem, value: model.os })
    if (model.ram) fields.push({ id: ASSET_FIELD_IDS.ram, value: model.ram })
  }
  if (random.chance(0.4))
    fields.push({ id: ASSET_FIELD_IDS.ipAddress, value: `10.0.${random.int(0, 9)}.${random.int(2, 250)}` })
  return fields.sort((a, b) => a.id - b.id)
}

function initials(name: string): string {
  const letters = name.match(/[A-Za-z]+/g) ?? []
  return letters
    .slice(0, 3)
    .map((word) => word[0]?.toUpperCase())
    .join('')
}
