import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import type { ClientRecord, EndUserRecord, SiteRecord } from '../records.js'
import {
  AWKWARD_CLIENT_NAMES,
  CLIENT_NOTES,
  EXTRA_SITE_NAMES,
  FIRST_NAMES,
  PLACE_WORDS,
  SURNAMES,
  TRADE_WORDS,
} from './catalog.js'
import { REFERENCE_MS } from './time.js'

const CLIENT_COUNT = 60
const INACTIVE_COUNT = 6
const PRIORITY_SLA_ID = 2
const FIRST_CLIENT_MS = utc('2022-01-10T00:00:00.000Z')
const LAST_CLIENT_MS = utc('2024-04-30T23:59:59.999Z')

export interface SeededClients {
  clients: ClientRecord[]
  sites: SiteRecord[]
  users: EndUserRecord[]
}

/** Clients (ids in creation order) with a main site and up to two more, and 1-4 end-users per site. */
export function seedClients(random: Random): SeededClients {
  const combined = PLACE_WORDS.flatMap((place) => TRADE_WORDS.map((trade) => `${place} ${trade}`))
  const names = random.shuffle([
    ...AWKWARD_CLIENT_NAMES,
    ...random.sample(combined, CLIENT_COUNT - AWKWARD_CLIENT_NAMES.length),
  ])
  const createdTimes = names
    .map(() => instantBetween(random, FIRST_CLIENT_MS, LAST_CLIENT_MS))
    .sort((a, b) => a - b)
  const ids = names.map((_, index) => index + 1)
  const inactiveIds = new Set(random.sample(ids, INACTIVE_COUNT))
  const clients: ClientRecord[] = []
  const sites: SiteRecord[] = []
  const users: EndUserRecord[] = []

  for (const [index, name] of names.entries()) {
    const id = index + 1
    const createdMs = createdTimes[index] as number
    const isVip = random.chance(0.15)
    const domain = `${slug(name)}.example`
    const clientSites = [
      'Main',
      ...random.sample(
        EXTRA_SITE_NAMES,
        random.pickWeighted([
          [0, 5],
          [1, 3],
          [2, 2],
        ]),
      ),
    ]
    for (const siteName of clientSites) {
      const site = {
        id: sites.length + 1,
        client_id: id,
        name: siteName,
        sla_id: isVip ? PRIORITY_SLA_ID : null,
      }
      sites.push(site)
      for (let n = random.int(1, 4); n > 0; n--) {
        const firstname = random.pick(FIRST_NAMES)
        const surname = random.pick(SURNAMES)
        users.push({
          id: users.length + 1,
          site_id: site.id,
          firstname,
          surname,
          emailaddress: random.chance(0.9) ? `${slug(firstname)}.${slug(surname)}@${domain}` : null,
          // The rest comes from seedUserDetails, drawn apart so this stream (and all it seeds) stays as it was.
          phonenumber: null,
          mobilenumber: null,
          title: null,
          inactive: false,
          customfields: [],
          datecreated: toTimestamp(createdMs),
          ulastupdate: toTimestamp(createdMs),
        })
      }
    }
    clients.push({
      id,
      name,
      toplevel_id: random.chance(0.1) ? 2 : 1,
      inactive: inactiveIds.has(id),
      is_vip: isVip,
      website: random.chance(0.8) ? `https://www.${domain}` : null,
      notes: random.chance(0.25) ? random.pick(CLIENT_NOTES) : null,
      ref: `CUST${String(id).padStart(4, '0')}`,
      main_site_id: sites.find((site) => site.client_id === id)?.id ?? null,
      customfields: [],
      datecreated: toTimestamp(createdMs),
      alastupdate: toTimestamp(
        Math.min(createdMs + random.int(0, 600) * DAY_MS + random.int(0, DAY_MS), REFERENCE_MS),
      ),
    })
  }
  return { clients, sites, users }
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
