import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type ClientRecord, type Timestamp } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { targetOf, type ItemPlanner } from './array-write.js'
import { readCustomFields } from './custom-fields.js'
import type { ItemReader } from './item-reader.js'
import { checkReference, isBlank } from './references.js'

const DEFAULT_TOP_LEVEL_ID = 1
const MAIN_SITE_NAME = 'Main'

type ClientPatch = Partial<Omit<ClientRecord, 'id' | 'customfields'>>

/**
 * `POST /Client` items. `name` is required and, our choice, unique case-insensitively across the tenant and
 * the array (Halo warns about duplicate customer names). A create starts under the default top level and gets
 * a main site named "Main", as Halo creates one with every customer.
 */
export function clientPlanner(db: HaloDatabase, now: Timestamp): ItemPlanner<ClientRecord> {
  const namesInArray = new Set<string>()
  return (reader) => {
    const errors: FieldError[] = []
    const { patch, customFields } = readClientPatch(db, reader, errors)
    const target = targetOf(reader, db.clients, 'Client')
    if (target.error) return { ok: false, errors: [target.error] }
    const existing = target.record

    if ((!existing || patch.name !== undefined) && isBlank(patch.name)) {
      errors.push({ field: 'name', message: 'Client name is required' })
    } else if (patch.name !== undefined) {
      const key = patch.name.trim().toLowerCase()
      const taken = [...db.clients.values()].some(
        (client) => client.id !== existing?.id && client.name.trim().toLowerCase() === key,
      )
      if (taken || namesInArray.has(key))
        errors.push({ field: 'name', message: `A client named '${patch.name}' already exists` })
      namesInArray.add(key)
    }
    checkReference(errors, 'toplevel_id', 'Top Level', patch.toplevel_id, (id) => db.topLevels.has(id))
    if (errors.length > 0) return { ok: false, errors }

    return {
      ok: true,
      apply: () => {
        const client = existing ?? createClient(db, now)
        db.updateClient(client, {
          ...patch,
          alastupdate: now,
          ...(customFields ? { customfields: customFields(client.customfields) } : {}),
        })
        return client
      },
    }
  }
}

function readClientPatch(db: HaloDatabase, reader: ItemReader, errors: FieldError[]) {
  const patch: ClientPatch = {}
  const set = <K extends keyof ClientPatch>(key: K, value: ClientPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value
  }
  const name = reader.text('name')
  if (name !== undefined) patch.name = name ?? ''
  set('toplevel_id', reader.integer('toplevel_id') ?? undefined)
  set('inactive', reader.boolean('inactive') ?? undefined)
  set('is_vip', reader.boolean('is_vip') ?? undefined)
  set('website', reader.text('website'))
  set('notes', reader.text('notes'))
  set('ref', reader.text('ref'))
  return { patch, customFields: readCustomFields(db, CUSTOM_FIELD_USAGE.client, reader, errors) }
}

function createClient(db: HaloDatabase, now: Timestamp): ClientRecord {
  const client = db.insertClient({
    name: '',
    toplevel_id: DEFAULT_TOP_LEVEL_ID,
    inactive: false,
    is_vip: false,
    website: null,
    notes: null,
    ref: null,
    main_site_id: null,
    customfields: [],
    datecreated: now,
    alastupdate: now,
  })
  client.main_site_id = db.insertSite({ client_id: client.id, name: MAIN_SITE_NAME, sla_id: null }).id
  return client
}
