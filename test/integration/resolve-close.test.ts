import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StatusCategory } from '../../src/canonical/common.js'
import {
  json,
  type AutotaskGateway,
  startAutotaskGateway,
  startConnectWiseGateway,
  startHaloGateway,
  startSyncroGateway,
  type ConnectWiseGateway,
  type Gateway,
  type HaloGateway,
  type SyncroGateway,
} from '../helpers/gateway.js'

// An app resolves and closes tickets on every connection with the same call, PATCH {"status": "resolved"} and
// {"status": "closed"}: it must succeed on every seeded board of every vendor, from every status a ticket can
// be in. Where a board has no status of category resolved (ConnectWise marks finished statuses only with
// closedStatus; Autotask has its system status Complete), resolved takes the board's closed status and the ticket
// reads as closed (docs/vendors.md).

interface Status {
  id: string
  name: string
  category: StatusCategory
  boardId: string | null
}

interface Walk {
  gateway: Gateway
  base: string
  customerId: string
  /** The boards tickets can be on (null: the vendor has none), and the statuses a ticket can be set to. */
  boards(statuses: Status[]): Array<{ boardId: string | null; statuses: Status[] }>
}

const gateways: Gateway[] = []
const walks: Record<string, Walk> = {}

beforeAll(async () => {
  const cw: ConnectWiseGateway = await startConnectWiseGateway()
  const halo: HaloGateway = await startHaloGateway()
  const syncro: SyncroGateway = await startSyncroGateway()
  const autotask: AutotaskGateway = await startAutotaskGateway()
  gateways.push(cw, halo, syncro, autotask)
  const cwDb = cw.emulator.db
  walks.connectwise = {
    gateway: cw,
    base: `/v1/connections/${cw.connection.id}`,
    customerId: String([...cwDb.companies.values()].find((c) => !c.deletedFlag && c.statusId === 1)!.id),
    // An inactive board takes no tickets, nor a ticket an inactive status (ConnectWise refuses both).
    boards: (statuses) =>
      [...cwDb.boards.values()]
        .filter((board) => !board.inactiveFlag)
        .map((board) => ({
          boardId: String(board.id),
          statuses: statuses.filter(
            (status) =>
              status.boardId === String(board.id) && !cwDb.statuses.get(Number(status.id))?.inactive,
          ),
        })),
  }
  walks.halopsa = {
    gateway: halo,
    base: `/v1/connections/${halo.connection.id}`,
    customerId: String([...halo.emulator.db.clients.values()].find((client) => !client.inactive)!.id),
    boards: (statuses) => [{ boardId: null, statuses }],
  }
  walks.syncro = {
    gateway: syncro,
    base: `/v1/connections/${syncro.connection.id}`,
    customerId: String([...syncro.emulator.db.customers.values()].find((customer) => !customer.disabled)!.id),
    boards: (statuses) => [{ boardId: null, statuses }],
  }
  walks.autotask = {
    gateway: autotask,
    base: `/v1/connections/${autotask.connection.id}`,
    customerId: String(
      [...autotask.emulator.db.companies.values()].find((company) => company.isActive && company.id > 0)!.id,
    ),
    // Autotask's statuses are the database's, not a queue's.
    boards: (statuses) => [{ boardId: null, statuses }],
  }
})

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()))
})

describe.each(['connectwise', 'halopsa', 'syncro', 'autotask'])('resolving and closing on %s', (vendor) => {
  it('succeeds on every board, from every status', async () => {
    const { gateway, base, customerId, boards } = walks[vendor]!
    const inject = async (
      method: 'GET' | 'POST' | 'PATCH',
      path: string,
      payload?: Record<string, unknown>,
    ) => {
      const response = await gateway.app.inject({ method, url: `${base}${path}`, payload })
      return { status: response.statusCode, body: response.body }
    }
    const listed = await inject('GET', '/statuses')
    expect(listed.status).toBe(200)
    const walked = boards(json<{ data: Status[] }>(listed).data)
    expect(walked.length).toBeGreaterThan(0)
    for (const { boardId, statuses } of walked) {
      const resolvedTo: StatusCategory = statuses.some((status) => status.category === 'resolved')
        ? 'resolved'
        : 'closed'
      const created = await inject('POST', '/tickets', {
        subject: `Resolve me on ${boardId ?? vendor}`,
        customerId,
        ...(boardId === null ? {} : { boardId }),
      })
      expect(created.status, created.body).toBe(201)
      const ticketId = json<{ id: string }>(created).id
      for (const start of statuses) {
        const moved = await inject('PATCH', `/tickets/${ticketId}`, { statusId: start.id })
        expect(moved.status, `${vendor} board ${boardId}: to ${start.name}: ${moved.body}`).toBe(200)
        for (const [status, category] of [
          ['resolved', resolvedTo],
          ['closed', 'closed'],
        ] as const) {
          const answer = await inject('PATCH', `/tickets/${ticketId}`, { status })
          const where = `${vendor} board ${boardId}, from ${start.name}, ${status}: ${answer.body}`
          expect(answer.status, where).toBe(200)
          const ticket = json<{ status: Status; board: { id: string } | null }>(answer)
          expect(ticket.status.category, where).toBe(category)
          // A closed status named for the category is the one taken ("Resolved" / "Closed" on the same board).
          const named = statuses.find(
            (candidate) =>
              candidate.category === category &&
              candidate.name.toLowerCase() === status &&
              resolvedTo === 'closed',
          )
          if (named) expect(ticket.status.id, where).toBe(named.id)
          if (boardId !== null) expect(ticket.board?.id, where).toBe(boardId)
        }
      }
    }
  })
})
