import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type ClientRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'

export function clientView(db: HaloDatabase, client: ClientRecord) {
  const mainSite = client.main_site_id === null ? undefined : db.sites.get(client.main_site_id)
  return {
    id: client.id,
    name: client.name,
    toplevel_id: client.toplevel_id,
    toplevel_name: db.topLevels.get(client.toplevel_id)?.name ?? null,
    inactive: client.inactive,
    is_vip: client.is_vip,
    website: client.website,
    main_site_id: client.main_site_id,
    main_site_name: mainSite?.name ?? null,
    notes: client.notes,
    ref: client.ref,
    customfields: customFieldsView(db, CUSTOM_FIELD_USAGE.client, client.customfields),
    datecreated: haloDateTime(client.datecreated),
    alastupdate: haloDateTime(client.alastupdate),
  }
}
