import { describe, expect, it } from 'vitest'
import { ConnectWiseReference } from '../../adapters/connectwise/reference.js'
import type { CwBoardStatus } from '../../adapters/connectwise/types.js'
import type { CallContext } from '../../adapters/types.js'

const ctx = {} as CallContext

/** A board with only these statuses, and nothing else to look up. */
const boardWith = (statuses: CwBoardStatus[]) =>
  new ConnectWiseReference({
    boards: async () => [{ id: 1, name: 'Help Desk' }],
    statusesOf: async () => statuses,
    typesOf: async () => [],
    priorities: async () => [],
    mapOptions: { statusMap: {}, priorityMap: {}, ticketUrl: null },
  })

describe('a status of a category on a board that has only a closed flag', () => {
  // Cancelled is the board's default closed status and sorts first: it must still be the last choice.
  const statuses: CwBoardStatus[] = [
    { id: 10, name: 'New', sortOrder: 0 },
    { id: 11, name: 'Cancelled', sortOrder: 1, closedStatus: true, defaultFlag: true },
    { id: 12, name: 'Completed', sortOrder: 2, closedStatus: true },
    { id: 13, name: 'Closed', sortOrder: 3, closedStatus: true },
  ]

  it('resolves to a closed status that is not Cancelled, in ConnectWise order', async () => {
    expect(await boardWith(statuses).statusOnBoard('resolved', 1, ctx)).toBe(12)
  })

  it('closes with a status named for it before a Cancelled default', async () => {
    expect(await boardWith(statuses).statusOnBoard('closed', 1, ctx)).toBe(12)
    expect(await boardWith(statuses.filter((s) => s.id !== 12)).statusOnBoard('closed', 1, ctx)).toBe(13)
  })

  it('takes Cancelled only when it is the one closed status', async () => {
    const onlyCancelled = statuses.filter((s) => s.id <= 11)
    expect(await boardWith(onlyCancelled).statusOnBoard('resolved', 1, ctx)).toBe(11)
  })

  it('prefers a status named Resolved when the board has one among its closed statuses', async () => {
    const withResolved = [...statuses, { id: 14, name: 'Resolved', sortOrder: 9, closedStatus: true }]
    expect(await boardWith(withResolved).statusOnBoard('resolved', 1, ctx)).toBe(14)
  })
})
