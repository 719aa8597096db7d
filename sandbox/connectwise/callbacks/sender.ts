import { randomUUID } from 'node:crypto'
import type { CallbackSender } from '../../shared/callback-sender.js'
import type { ConnectWiseChange, ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type { CallbackEntryRecord } from '../records.js'
import { companyView } from '../views/companies.js'
import { configurationView } from '../views/configurations.js'
import { contactView } from '../views/contacts.js'
import { ticketView } from '../views/tickets.js'
import { contentSignature } from './signing.js'

export interface CallbackSite {
  /** The host the payload's `FromUrl` names. */
  fromUrl: string
  companyId: string
  /** The absolute URL of the signing key, for `Metadata.key_url`. */
  keyUrl: string
  signingKey: string
}

type Called = Exclude<ConnectWiseChange, { resource: 'note' | 'timeEntry' }>

/**
 * Calls back every active registration a change matches. ConnectWise has no callback type for ticket notes
 * (absent from the PSA Callbacks type list, docs/events-sources.md 1.1), so a note sends nothing; whether the
 * vendor sends a ticket "updated" for a note is unknown, and the emulator does not. SOAP callbacks
 * (`isSoapCallbackFlag`) are a legacy format the emulator does not send. The vendor has a `time` type (same list);
 * the emulator does not call time entries back yet. Returns the function that stops listening.
 */
export function startConnectWiseCallbacks(
  db: ConnectWiseDatabase,
  sender: CallbackSender,
  site: CallbackSite,
): () => void {
  return db.changes.listen((change) => {
    if (change.resource === 'note' || change.resource === 'timeEntry') return
    for (const entry of db.callbacks.values()) {
      if (!calls(db, entry, change)) continue
      sender.schedule(() => request(db, entry, change, site))
    }
  })
}

function calls(db: ConnectWiseDatabase, entry: CallbackEntryRecord, change: Called): boolean {
  if (entry.inactiveFlag || entry.isSoapCallbackFlag) return false
  if (entry.type.toLowerCase() !== change.resource) return false
  // "whether the callback creator receives messages" (amp-labs/connectors connectwise subscriber types): the
  // registering member's own changes are left out. The meaning is inferred from that comment (events-sources 1.1).
  if (
    entry.isSelfSuppressedFlag &&
    change.by !== undefined &&
    change.by === db.members.get(entry.memberId)?.identifier
  )
    return false
  return levelMatches(entry, change)
}

/**
 * `objectId` names the thing the level names (PSA Callbacks page): owner is every record; board, status, type and
 * the record's own level compare with the record. Project, phase, territory and integrator-tag levels are
 * accepted at registration but never match: the emulator's records carry none of them.
 */
function levelMatches(entry: CallbackEntryRecord, change: Called): boolean {
  const level = entry.level.toLowerCase()
  if (level === 'owner') return true
  if (level === change.resource) return change.record.id === entry.objectId
  // A contact's levels besides itself are its company (and types and territory, which its records carry none of).
  if (change.resource === 'contact') return level === 'company' && change.record.companyId === entry.objectId
  if (level === 'status') return change.record.statusId === entry.objectId
  if (change.resource === 'ticket') return level === 'board' && change.record.boardId === entry.objectId
  if (change.resource === 'company') return level === 'type' && change.record.typeIds.includes(entry.objectId)
  return level === 'type' && change.record.typeId === entry.objectId
}

/**
 * The POST as captured from a ConnectWise sandbox (amp-labs/connectors providers/connectwise/internal/webhook/
 * test/{event,contact-update,contact-create,contact-delete}.json): `Action` added/updated/deleted, `Entity` the
 * record as a REST GET answers it, as a JSON string, null on deleted; `MemberId` the member identifier who made the
 * change; `CallbackObjectRecId` the registration. `ProductInstanceId` and `PartnerId` are marketplace ids, null
 * here. The record id is appended to the registered URL as raw text (amp-labs subscriber/create.go registers
 * `...?recordId=` "ConnectWise will append the record identifier"; Kerkhoff's default URL ends `?id=`).
 */
function request(db: ConnectWiseDatabase, entry: CallbackEntryRecord, change: Called, site: CallbackSite) {
  const payload = {
    MessageId: randomUUID(),
    FromUrl: site.fromUrl,
    CompanyId: site.companyId,
    MemberId: change.by ?? null,
    Action: change.action === 'created' ? 'added' : change.action,
    Type: change.resource,
    ID: change.record.id,
    ProductInstanceId: null,
    PartnerId: null,
    Entity: change.action === 'deleted' ? null : JSON.stringify(entityOf(db, change)),
    Metadata: { key_url: site.keyUrl },
    CallbackObjectRecId: entry.id,
  }
  const body = JSON.stringify(payload)
  return {
    url: `${entry.url}${change.record.id}`,
    headers: { 'x-content-signature': contentSignature(site.signingKey, body) },
    body,
  }
}

function entityOf(db: ConnectWiseDatabase, change: Called): JsonObject {
  if (change.resource === 'ticket') return ticketView(db, change.record)
  if (change.resource === 'company') return companyView(db, change.record)
  if (change.resource === 'contact') return contactView(db, change.record)
  return configurationView(db, change.record)
}
