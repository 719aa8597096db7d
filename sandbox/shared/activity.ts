import type { IdOrder } from './id-table.js'
import type { Random } from './random.js'
import type { EmulatorReply } from './reply.js'

// The sandbox "activity": the emulator's own records change over time, as when people work at the vendor, so
// the gateway's pollers and the vendors' callbacks have something to report with no client writing anything.

/** One change the activity made, named as a change feed would name it. */
export interface ActivityChange {
  kind: 'created' | 'updated' | 'deleted'
  resource: 'ticket' | 'comment' | 'customer' | 'asset'
  /** The vendor's id of the record changed (for a comment, the comment's). */
  id: string
  /** The ticket a comment was added to. */
  ticketId?: string
}

export interface ActivityOptions {
  /** How often the emulator changes a record on its own, in milliseconds. */
  everyMs: number
}

export interface EmulatorActivity {
  /** Makes one random change now, and says what it changed. */
  step(): ActivityChange
  /** Runs `step` every `everyMs` (a running timer is replaced); the timer never keeps the process alive. */
  start(everyMs: number): void
  stop(): void
  readonly running: boolean
}

/**
 * How a vendor makes each kind of change, through its own write handlers. A move answers undefined when there is
 * nothing for it to change (no ticket left to edit), and another move is made instead.
 */
export interface ActivityMoves {
  editTicket(): ActivityChange | undefined
  commentOnTicket(): ActivityChange | undefined
  createTicket(): ActivityChange | undefined
  updateCustomer(): ActivityChange | undefined
  updateAsset(): ActivityChange | undefined
  deleteTicket(): ActivityChange | undefined
}

/** How often each kind of change happens relative to the others: mostly edits, rarely a delete. */
const WEIGHTS: readonly (readonly [keyof ActivityMoves, number])[] = [
  ['editTicket', 60],
  ['commentOnTicket', 20],
  ['createTicket', 8],
  ['updateCustomer', 5],
  ['updateAsset', 5],
  ['deleteTicket', 2],
]

/** The activity that makes `moves`, chosen by their weights with `random`. */
export function createActivity(random: Random, moves: ActivityMoves): EmulatorActivity {
  let timer: NodeJS.Timeout | undefined

  const step = (): ActivityChange => {
    const change = moves[random.pickWeighted(WEIGHTS)]() ?? firstChange(moves)
    if (!change) throw new Error('The sandbox activity found no record to change')
    return change
  }
  const stop = () => {
    clearInterval(timer)
    timer = undefined
  }

  return {
    step,
    start: (everyMs) => {
      requireInterval(everyMs)
      stop()
      timer = setInterval(() => {
        try {
          step()
        } catch (error) {
          process.emitWarning(error as Error)
        }
      }, everyMs).unref()
    },
    stop,
    get running() {
      return timer !== undefined
    },
  }
}

/** What a move answers: the change, the ids as text. */
export function changed(
  kind: ActivityChange['kind'],
  resource: ActivityChange['resource'],
  id: number,
  ticketId?: number,
): ActivityChange {
  return { kind, resource, id: String(id), ...(ticketId === undefined ? {} : { ticketId: String(ticketId) }) }
}

/** The activity options an emulator was given, checked: undefined when it has none (no activity). */
export function checkActivityOptions(options: ActivityOptions | undefined): ActivityOptions | undefined {
  if (options === undefined) return undefined
  requireInterval(options.everyMs)
  return { everyMs: options.everyMs }
}

function firstChange(moves: ActivityMoves): ActivityChange | undefined {
  for (const [name] of WEIGHTS) {
    const change = moves[name]()
    if (change) return change
  }
  return undefined
}

function requireInterval(everyMs: number): void {
  if (!Number.isInteger(everyMs) || everyMs < 1)
    throw new RangeError(`activity.everyMs must be an integer >= 1, got ${everyMs}`)
}

/** A record chosen at random, undefined when there is none. */
export function pickRecord<T>(random: Random, records: IdOrder<T> | readonly T[]): T | undefined {
  if (Array.isArray(records)) return records.length === 0 ? undefined : random.pick(records)
  const table = records as IdOrder<T>
  return table.size === 0 ? undefined : table.atRank(random.int(0, table.size - 1))
}

/** One of `values` other than `current`, undefined when there is no other. */
export function pickOther<T>(random: Random, values: Iterable<T>, current: T): T | undefined {
  const others = [...values].filter((value) => value !== current)
  return others.length === 0 ? undefined : random.pick(others)
}

/**
 * The body the emulator's own handler answered to a write the activity made; the activity only makes writes
 * the vendor accepts, so a refusal is a bug and throws.
 */
export function acceptedBody<T>(reply: EmulatorReply, write: string): T {
  if (reply.status >= 300)
    throw new Error(`The sandbox activity's ${write} answered ${reply.status}: ${JSON.stringify(reply.body)}`)
  return reply.body as T
}
