import { ACTIVITY_COMMENTS, otherSummary } from '../shared/activity-text.js'
import { changed, createActivity, pickOther, pickRecord, type EmulatorActivity } from '../shared/activity.js'
import type { Random } from '../shared/random.js'
import type { AutotaskDatabase } from './database.js'
import { ENTITIES } from './entities/index.js'

/**
 * Changes the database as people at the MSP would, through the entities' own writes (so each change is
 * validated and stamped exactly as an API write is). `now` is the runtime's clock. Tickets cannot be deleted
 * in Autotask (no DELETE in SWAGGER; a DELETE answers 405 in a practitioner's notes "Autotask API — Lessons Learned" (zone 19; repository not identified: weak)), so that move never
 * happens here and another is made instead.
 */
export function createAutotaskActivity(
  db: AutotaskDatabase,
  random: Random,
  now: () => Date,
): EmulatorActivity {
  const write = (entity: string, body: Record<string, unknown>, parentId?: number) => {
    const definition = ENTITIES[entity]
    const apply = body.id === undefined ? definition?.create : definition?.update
    if (!definition || !apply) throw new Error(`The sandbox activity cannot write ${entity}`)
    return apply(db, body, parentId, now())
  }
  const activeValues = (field: string) =>
    db
      .picklist('Tickets', field)
      .filter((value) => value.isActive)
      .map((value) => Number(value.value))

  return createActivity(random, {
    editTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const edits: [string, unknown][] = [
        ['title', otherSummary(random, ticket.title)],
        ['status', pickOther(random, activeValues('status'), ticket.status)],
        ['priority', pickOther(random, activeValues('priority'), ticket.priority)],
      ]
      const [field, value] = random.pick(edits.filter(([, candidate]) => candidate !== undefined))
      write('Tickets', { id: ticket.id, [field]: value })
      return changed('updated', 'ticket', ticket.id)
    },
    commentOnTicket: () => {
      const ticket = pickRecord(random, db.tickets)
      if (!ticket) return undefined
      const note = write(
        'TicketNotes',
        {
          title: 'Update',
          description: random.pick(ACTIVITY_COMMENTS),
          noteType: 3,
          publish: random.pick([1, 2]),
        },
        ticket.id,
      )
      return changed('created', 'comment', note.id, ticket.id)
    },
    createTicket: () => {
      const company = [...db.companies.values()].find((candidate) => candidate.isActive && candidate.id !== 0)
      if (!company) return undefined
      const ticket = write('Tickets', {
        companyID: company.id,
        title: otherSummary(random, ''),
        status: 1,
        priority: 2,
        queueID: random.pick(activeValues('queueID')),
      })
      return changed('created', 'ticket', ticket.id)
    },
    updateCustomer: () => {
      const company = pickRecord(random, db.companies)
      if (!company) return undefined
      write('Companies', { id: company.id, phone: `+1 555 ${String(random.int(0, 9999)).padStart(4, '0')}` })
      return changed('updated', 'customer', company.id)
    },
    updateAsset: () => {
      const item = pickRecord(random, db.configurationItems)
      if (!item) return undefined
      write('ConfigurationItems', { id: item.id, serialNumber: random.alphanumeric(10) })
      return changed('updated', 'asset', item.id)
    },
    deleteTicket: () => undefined,
  })
}
