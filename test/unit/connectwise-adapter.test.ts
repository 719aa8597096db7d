import { describe, expect, it } from 'vitest'
import {
  commentFromConnectWise,
  companyCreateFields,
  companyIdentifier,
  customerFromConnectWise,
  noteIsPublic,
  patchOf,
  priorityLevels,
  ticketFromConnectWise,
  type ConnectWiseMapOptions,
} from '../../adapters/connectwise/map.js'
import { afterId, bracketed, quoted, ticketConditions } from '../../adapters/connectwise/query.js'
import { connectWiseRateLimitHint } from '../../adapters/connectwise/rate-limit.js'
import { keysetPage } from '../../adapters/kit/paging.js'
import { hasLinkRel } from '../../src/vendor-http/link-header.js'

const options: ConnectWiseMapOptions = { statusMap: {}, priorityMap: {}, ticketUrl: 'https://web/t?id={id}' }

describe('conditions', () => {
  it('quotes strings so quotes and backslashes stay literal', () => {
    expect(quoted('plain')).toBe('"plain"')
    expect(quoted('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"')
    expect(quoted('a" or id > 0 or summary = "')).toBe('"a\\" or id > 0 or summary = \\""')
  })

  it('writes dates in brackets to the second, floored', () => {
    expect(bracketed('2025-03-14T09:26:53.987Z')).toBe('[2025-03-14T09:26:53Z]')
    expect(bracketed('2025-03-14T11:26:53+02:00')).toBe('[2025-03-14T09:26:53Z]')
  })

  it('makes one comparison per filter, joined by and', () => {
    expect(
      ticketConditions(
        { customerId: '12', assigneeId: '3', updatedSince: '2025-01-01T00:00:00Z', q: 'printer' },
        { statusIds: [1, 2], priorityIds: [7] },
      ),
    ).toBe(
      'status/id in (1,2) and company/id = 12 and owner/id = 3 and priority/id in (7) and lastUpdated > [2025-01-01T00:00:00Z] and summary contains "printer"',
    )
    expect(ticketConditions({}, {})).toBeUndefined()
  })

  it('refuses a reference that is not a ConnectWise id', () => {
    expect(() => ticketConditions({ customerId: '12 or 1=1' }, {})).toThrow(/digits/)
  })

  it('continues after the last id seen, keeping the filters together', () => {
    expect(afterId(undefined, undefined)).toBeUndefined()
    expect(afterId(undefined, 40)).toBe('id > 40')
    expect(afterId('company/id = 1', 40)).toBe('(company/id = 1) and id > 40')
  })
})

describe('keyset paging', () => {
  const ids = [3, 5, 8, 13, 21]
  /** A vendor of five records that caps each answer at `cap`, saying whether more follow. */
  const vendor =
    (cap: number, calls: Array<[number | undefined, number]>) =>
    async (after: number | undefined, wanted: number) => {
      calls.push([after, wanted])
      const rest = ids.filter((id) => after === undefined || id > after)
      const records = rest.slice(0, Math.min(wanted, cap)).map((id) => ({ id }))
      return { records, more: records.length < rest.length }
    }

  it('asks for what the page still needs, after the last id seen, and resumes there', async () => {
    const calls: Array<[number | undefined, number]> = []
    const first = await keysetPage({ pageSize: 3, position: null, fetch: vendor(2, calls) })
    expect(first).toEqual({ records: [{ id: 3 }, { id: 5 }, { id: 8 }], next: { afterId: 8 } })
    expect(calls).toEqual([
      [undefined, 3],
      [5, 1],
    ])
    const second = await keysetPage({ pageSize: 3, position: first.next, fetch: vendor(2, calls) })
    expect(second).toEqual({ records: [{ id: 13 }, { id: 21 }], next: null })
    expect(calls.slice(2)).toEqual([[8, 3]])
  })

  it('stops at an empty batch whatever the vendor says, and refuses a position of another shape', async () => {
    const fetch = async () => ({ records: [], more: true })
    expect(await keysetPage({ pageSize: 10, position: { afterId: 21 }, fetch })).toEqual({
      records: [],
      next: null,
    })
    await expect(keysetPage({ pageSize: 10, position: { page: 2 }, fetch })).rejects.toThrow(/cursor/)
  })
})

describe('vendor headers', () => {
  it('holds the bucket only when the quota is spent, until the reset', () => {
    const now = 1_000_000
    expect(connectWiseRateLimitHint({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' }, now)).toBe(
      now + 12_000,
    )
    expect(connectWiseRateLimitHint({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '12' }, now)).toBe(
      undefined,
    )
    expect(connectWiseRateLimitHint({}, now)).toBeUndefined()
    expect(connectWiseRateLimitHint({ 'x-ratelimit-remaining': '', 'x-ratelimit-reset': '5' }, now)).toBe(
      undefined,
    )
    expect(connectWiseRateLimitHint({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }, now)).toBe(
      undefined,
    )
  })

  it('reads Link relations', () => {
    const link = '<https://h/a?page=2>; rel="next", <https://h/a?page=9>; rel="last"'
    expect(hasLinkRel(link, 'next')).toBe(true)
    expect(hasLinkRel('<https://h/a?page=1>; rel="first", <https://h/a?page=9>; rel="last"', 'next')).toBe(
      false,
    )
    expect(hasLinkRel('<https://h/a?x=rel="next">; rel="prev"', 'next')).toBe(false)
    expect(hasLinkRel(undefined, 'next')).toBe(false)
  })
})

describe('mapping', () => {
  const lookups = { priorityLevel: () => 'high' as const }

  it('takes the category from the closed flag first, then the name', () => {
    const ticket = (status: { id: number; name: string }, closedFlag = false) =>
      ticketFromConnectWise({ id: 5, summary: 's', status, closedFlag }, lookups, options)
    expect(ticket({ id: 9, name: 'Done for now' }, true).status.category).toBe('closed')
    expect(ticket({ id: 3, name: 'Waiting Customer' }).status.category).toBe('pending')
    expect(ticket({ id: 4, name: 'In Progress' }).status.category).toBe('open')
    const mapped = ticketFromConnectWise(
      { id: 5, summary: 's', status: { id: 9, name: 'Done for now' }, closedFlag: true },
      lookups,
      { ...options, statusMap: { 'Done for now': 'resolved' } },
    )
    expect(mapped.status.category).toBe('resolved')
    expect(mapped.url).toBe('https://web/t?id=5')
  })

  it('ranks priorities by words, then the vendor level, then the sort order', () => {
    const levels = priorityLevels(
      [
        { id: 1, name: 'Priority 1 - Emergency Response', sortOrder: 1 },
        { id: 2, name: 'Quick Response', sortOrder: 2, level: 'High' },
        { id: 3, name: 'Whenever', sortOrder: 3 },
        { id: 4, name: 'Do Not Respond', sortOrder: 4 },
      ],
      options,
    )
    expect([...levels.values()]).toEqual(['critical', 'high', 'medium', 'low'])
  })

  it('shows a note as public only when its flags say so', () => {
    expect(noteIsPublic({ id: 1, ticketId: 1, detailDescriptionFlag: true })).toBe(true)
    expect(noteIsPublic({ id: 1, ticketId: 1, externalFlag: true })).toBe(true)
    expect(
      noteIsPublic({ id: 1, ticketId: 1, detailDescriptionFlag: true, internalAnalysisFlag: true }),
    ).toBe(false)
    expect(noteIsPublic({ id: 1, ticketId: 1, resolutionFlag: true })).toBe(false)
    expect(noteIsPublic({ id: 1, ticketId: 1, detailDescriptionFlag: true, internalFlag: true })).toBe(false)
    expect(noteIsPublic({ id: 1, ticketId: 1 })).toBe(false)
    expect(commentFromConnectWise({ id: 2, ticketId: 7, text: 'x', createdBy: 'api' }).author).toEqual({
      id: null,
      name: 'api',
    })
  })

  it('marks deleted or inactive companies inactive', () => {
    expect(customerFromConnectWise({ id: 1, name: 'A', deletedFlag: true }).active).toBe(false)
    expect(customerFromConnectWise({ id: 1, name: 'A', status: { id: 2, name: 'Inactive' } }).active).toBe(
      false,
    )
    expect(customerFromConnectWise({ id: 1, name: 'A', status: { id: 1, name: 'Active' } }).active).toBe(true)
  })

  it('patches only the fields sent, removing the ones set to null', () => {
    expect(patchOf({ summary: 'x', owner: null, contact: undefined })).toEqual([
      { op: 'replace', path: 'summary', value: 'x' },
      { op: 'remove', path: 'owner' },
    ])
  })

  it('makes company identifiers every codebase accepts: at most 25 letters, digits and dashes', () => {
    for (const name of ['Harbor Dental', 'Ünïcode & "Quotes" (West) Incorporated Holdings', '!!!']) {
      for (const random of [() => 0, () => 0.5, () => 1 - Number.EPSILON])
        expect(companyIdentifier(name, random)).toMatch(/^[A-Za-z0-9-]{1,25}$/)
    }
    expect(companyIdentifier('A'.repeat(60), () => 1 - Number.EPSILON)).toHaveLength(25)
    expect(companyIdentifier('Harbor Dental', () => 0.5)).not.toBe(
      companyIdentifier('Harbor Dental', () => 0.25),
    )
  })

  it('refuses a company without any address field, naming the fields, and takes any one of them', () => {
    for (const address of [undefined, null, {}, { line1: '  ', city: null }]) {
      let error: unknown
      try {
        companyCreateFields({ name: 'Harbor Dental', phone: '1', address })
      } catch (caught) {
        error = caught
      }
      expect(error).toMatchObject({
        status: 400,
        extras: {
          errors: [
            'address.line1',
            'address.line2',
            'address.city',
            'address.region',
            'address.postalCode',
          ].map((field) => expect.objectContaining({ field })),
        },
      })
    }
    for (const part of ['line1', 'line2', 'city', 'region', 'postalCode'])
      expect(() => companyCreateFields({ name: 'x', address: { [part]: 'y' } })).not.toThrow()
  })
})
