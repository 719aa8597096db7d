import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { priorityForWrite, statusForWrite } from '../../src/mapping/reference-match.js'
import type { CallContext } from '../types.js'
import {
  priorityFromSyncro,
  statusFromSyncro,
  ticketTypeFromSyncro,
  type ResolvedTicketWrite,
  type SyncroMapOptions,
} from './map.js'
import type { SyncroTicketSettings } from './types.js'

export interface SyncroReferenceSource {
  /** GET /tickets/settings, through the reference cache. */
  ticketSettings(ctx: CallContext): Promise<SyncroTicketSettings>
  /** The priority texts of the account (Syncro has no priority endpoint). */
  priorityNames: readonly string[]
  mapOptions: SyncroMapOptions
}

/** Syncro's reference data in canonical form, and the resolution of canonical writes to Syncro's texts. */
export class SyncroReference {
  constructor(private readonly source: SyncroReferenceSource) {}

  async statuses(ctx: CallContext): Promise<Status[]> {
    const settings = await this.source.ticketSettings(ctx)
    return (settings.ticket_status_list ?? []).map((name) => statusFromSyncro(name, this.source.mapOptions))
  }

  priorities(): Priority[] {
    return this.source.priorityNames.map((name) => priorityFromSyncro(name, this.source.mapOptions))
  }

  async ticketTypes(ctx: CallContext): Promise<TicketType[]> {
    const settings = await this.source.ticketSettings(ctx)
    return (settings.ticket_types ?? []).filter((type) => !type.disabled).map(ticketTypeFromSyncro)
  }

  /** Turns a category or status id, a level or priority id, into the text Syncro stores. */
  async resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const needsStatus = body.status !== undefined || body.statusId !== undefined
    const status = needsStatus ? statusForWrite('syncro', await this.statuses(ctx), body) : undefined
    const priority = priorityForWrite('syncro', this.priorities(), body)
    return { statusName: status?.name, priorityName: priority?.name }
  }
}
