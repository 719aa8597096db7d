import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { validationFailed } from '../../src/errors.js'
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
    const resolved: ResolvedTicketWrite = {}
    if (body.status !== undefined || body.statusId !== undefined) {
      const byId = body.statusId !== undefined
      const match = (await this.statuses(ctx)).find((status) =>
        byId ? status.id === body.statusId : status.category === body.status,
      )
      if (!match) throw noMatch(byId ? 'statusId' : 'status', byId ? body.statusId : body.status, 'statuses')
      resolved.statusName = match.name
    }
    if (body.priority !== undefined || body.priorityId !== undefined) {
      const byId = body.priorityId !== undefined
      const match = this.priorities().find((priority) =>
        byId ? priority.id === body.priorityId : priority.level === body.priority,
      )
      if (!match)
        throw noMatch(byId ? 'priorityId' : 'priority', byId ? body.priorityId : body.priority, 'priorities')
      resolved.priorityName = match.name
    }
    return resolved
  }
}

const noMatch = (field: string, value: string | undefined, list: string) =>
  validationFailed(`syncro has nothing matching ${field} '${value}'`, [
    { field, message: `no match in this connection's ${list}; see /${list}` },
  ])
