import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type EndUserRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'

export function userName(user: EndUserRecord): string {
  return `${user.firstname} ${user.surname}`.trim()
}

/** Fields of the spec's `Users` schema (an end-user); the client is the site's. */
export function userView(db: HaloDatabase, user: EndUserRecord) {
  const site = db.sites.get(user.site_id)
  const clientId = db.clientIdOfUser(user)
  return {
    id: user.id,
    name: userName(user),
    firstname: user.firstname,
    surname: user.surname,
    initials: `${user.firstname[0] ?? ''}${user.surname[0] ?? ''}`,
    title: user.title,
    emailaddress: user.emailaddress,
    phonenumber: user.phonenumber,
    mobilenumber: user.mobilenumber,
    site_id: user.site_id,
    site_name: site?.name ?? null,
    client_id: clientId ?? null,
    client_name: clientId === undefined ? null : (db.clients.get(clientId)?.name ?? null),
    inactive: user.inactive,
    customfields: customFieldsView(db, CUSTOM_FIELD_USAGE.user, user.customfields),
    datecreated: haloDateTime(user.datecreated),
    ulastupdate: haloDateTime(user.ulastupdate),
  }
}
