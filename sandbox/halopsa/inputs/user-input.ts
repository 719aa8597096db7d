import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type EndUserRecord, type Timestamp } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { targetOf, type ItemPlanner } from './array-write.js'
import { readCustomFields } from './custom-fields.js'
import type { ItemReader } from './item-reader.js'
import { checkReference, isBlank } from './references.js'

type UserPatch = Partial<Omit<EndUserRecord, 'id' | 'customfields' | 'datecreated' | 'ulastupdate'>>

/** Our choice: a plain shape check (something@domain.tld); no source shows Halo's own rule. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/**
 * `POST /Users` items (`Users` in the spec). A create needs a site (`site_id`: an end-user belongs to a site, and
 * through it to a client; public clients name the site as required) and a name. `name` is split at its last
 * space into `firstname` and `surname` (our choice: the emulator keeps the parts and answers `name` joined), and
 * a `firstname` or `surname` sent beside it wins. `client_id`, when sent, must be the site's client: the site
 * says which client the user is at. `emailaddress` must look like an address; `title` is the job title.
 */
export function userPlanner(db: HaloDatabase, now: Timestamp): ItemPlanner<EndUserRecord> {
  return (reader) => {
    const errors: FieldError[] = []
    const { patch, clientId, customFields } = readUserPatch(db, reader, errors)
    const target = targetOf(reader, db.users, 'User')
    if (target.error) return { ok: false, errors: [target.error] }
    const existing = target.record

    if (!existing && !reader.has('site_id')) errors.push({ field: 'site_id', message: 'Site ID is required' })
    checkReference(errors, 'site_id', 'Site', patch.site_id, (id) => db.sites.has(id))
    checkReference(errors, 'client_id', 'Client', clientId, (id) => db.clients.has(id))
    const user = { firstname: '', surname: '', ...existing, ...patch }
    if (isBlank(user.firstname) && isBlank(user.surname))
      errors.push({ field: 'name', message: 'User name is required' })
    if (!isBlank(user.emailaddress) && !EMAIL.test(user.emailaddress!.trim()))
      errors.push({ field: 'emailaddress', message: `'${user.emailaddress}' is not a valid email address` })
    const site = user.site_id === undefined ? undefined : db.sites.get(user.site_id)
    if (site && clientId !== undefined && db.clients.has(clientId) && site.client_id !== clientId)
      errors.push({ field: 'site_id', message: `Site ID ${site.id} does not belong to client ${clientId}` })
    if (errors.length > 0) return { ok: false, errors }

    return {
      ok: true,
      apply: () => {
        const stored = existing ?? db.insertUser(newUser(patch.site_id as number, now))
        return db.updateUser(stored, {
          ...patch,
          ulastupdate: now,
          ...(customFields ? { customfields: customFields(stored.customfields) } : {}),
        })
      },
    }
  }
}

function readUserPatch(db: HaloDatabase, reader: ItemReader, errors: FieldError[]) {
  const patch: UserPatch = {}
  const set = <K extends keyof UserPatch>(key: K, value: UserPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value
  }
  const name = reader.text('name')
  if (name !== undefined) Object.assign(patch, nameParts(name ?? ''))
  for (const part of ['firstname', 'surname'] as const) {
    const text = reader.text(part)
    if (text !== undefined) patch[part] = (text ?? '').trim()
  }
  // Halo's "none" for a link is 0 or null; a user cannot be at no site.
  const siteId = reader.integer('site_id')
  if (siteId === null || siteId === 0) errors.push({ field: 'site_id', message: 'Site ID is required' })
  else set('site_id', siteId)
  for (const field of ['emailaddress', 'phonenumber', 'mobilenumber', 'title'] as const) {
    const text = reader.text(field)
    if (text !== undefined) patch[field] = isBlank(text) ? null : text!.trim()
  }
  set('inactive', reader.boolean('inactive') ?? undefined)
  const clientId = reader.integer('client_id') ?? undefined
  return {
    patch,
    clientId: clientId === 0 ? undefined : clientId,
    customFields: readCustomFields(db, CUSTOM_FIELD_USAGE.user, reader, errors),
  }
}

function nameParts(name: string): { firstname: string; surname: string } {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
  if (words.length <= 1) return { firstname: words[0] ?? '', surname: '' }
  return { firstname: words.slice(0, -1).join(' '), surname: words[words.length - 1] as string }
}

function newUser(siteId: number, now: Timestamp): Omit<EndUserRecord, 'id'> {
  return {
    site_id: siteId,
    firstname: '',
    surname: '',
    emailaddress: null,
    phonenumber: null,
    mobilenumber: null,
    title: null,
    inactive: false,
    customfields: [],
    datecreated: now,
    ulastupdate: now,
  }
}
