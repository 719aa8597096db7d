import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../../src/vendor-http/settings.js'
import { json } from '../../helpers/gateway.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../../helpers/vendors.js'

/**
 * The fault matrix for creates, per vendor: whatever the vendor or the network does, the caller gets the result
 * or a clear problem+json (`writeOutcome: unknown` when the write may have happened), no request hangs, and the
 * ticket is never created twice (counted at the emulator): exactly once when the caller retries with its
 * Idempotency-Key until it gets an answer.
 */

describe.each(VENDOR_FIXTURES)('$vendor connection: creates under faults', (fixture) => {
  let vendor: VendorUnderTest
  beforeAll(async () => {
    vendor = await fixture.start({
      config: {
        vendorHttp: {
          ...DEFAULT_VENDOR_HTTP_SETTINGS,
          requestTimeoutMs: 400,
          breakerFailureThreshold: 1_000,
        },
      },
    })
    expect((await vendor.app.inject(`${vendor.base}/tickets/${vendor.sample().ticketId}`)).statusCode).toBe(
      200,
    )
  })
  afterAll(() => vendor.close())

  const create = (subject: string, key?: string) =>
    vendor.app.inject({
      method: 'POST',
      url: `${vendor.base}/tickets`,
      payload: { subject, customerId: vendor.sample().customerId },
      headers: key ? { 'idempotency-key': key } : {},
    })
  const created = (subject: string) => Number(vendor.snapshot().split(JSON.stringify(subject)).length - 1)
  const scope = () => ({ method: 'POST', pathPrefix: vendor.paths.tickets })

  it('connection dropped before the vendor took the create: a problem, nothing created', async () => {
    vendor.faults.drop(scope())
    const response = await create('dropped before')
    expect([response.statusCode, json(response).code]).toEqual([502, 'vendor_unavailable'])
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(created('dropped before')).toBe(0)
  })

  it('connection dropped after the vendor created it: "outcome unknown"; the keyed repeat finds the ticket it made', async () => {
    vendor.faults.dropAnswer(scope())
    const first = await create('dropped after', 'fault-drop-after')
    expect([first.statusCode, json(first).writeOutcome]).toEqual([502, 'unknown'])
    expect(created('dropped after')).toBe(1)
    const repeat = await create('dropped after', 'fault-drop-after')
    expect([repeat.statusCode, repeat.headers['idempotent-replayed']]).toEqual([201, 'true'])
    const ticket = json<{ id: string; subject: string }>(repeat)
    expect(ticket.subject).toBe('dropped after')
    expect(repeat.headers.location).toBe(`${vendor.base}/tickets/${ticket.id}`)
    expect(created('dropped after')).toBe(1)
  })

  it('a comment whose answer was lost: the keyed repeat finds it, and nothing is added twice', async () => {
    const ticketId = vendor.sample().ticketWithComments
    const before = vendor.counts().comments(ticketId)
    const comment = () =>
      vendor.app.inject({
        method: 'POST',
        url: `${vendor.base}/tickets/${ticketId}/comments`,
        payload: { body: 'Lost answer note', visibility: 'public' },
        headers: { 'idempotency-key': 'fault-comment' },
      })
    vendor.faults.dropAnswer({ method: 'POST' })
    const first = await comment()
    expect([first.statusCode, json(first).writeOutcome]).toEqual([502, 'unknown'])
    const repeat = await comment()
    expect([repeat.statusCode, json(repeat).body, json(repeat).visibility]).toEqual([
      201,
      'Lost answer note',
      'public',
    ])
    // Answered as a create of a comment is: a comment has no route of its own to point a Location at.
    expect(repeat.headers.location).toBeUndefined()
    expect(vendor.counts().comments(ticketId)).toBe(before + 1)
  })

  it('a time entry whose answer was lost: the keyed repeat finds it by what the vendor kept of it', async () => {
    const ticketId = vendor.sample().ticketId
    const before = vendor.counts().timeEntries(ticketId)
    // Notes read back trimmed, and a start the vendor keeps to the second: the same entry all the same.
    const payload = { startedAt: '2027-06-01T09:00:00.500Z', minutes: 25, notes: 'Lost answer time.\n' }
    const record = () =>
      vendor.app.inject({
        method: 'POST',
        url: `${vendor.base}/tickets/${ticketId}/time-entries`,
        payload,
        headers: { 'idempotency-key': 'fault-time-entry' },
      })
    vendor.faults.dropAnswer({ method: 'POST' })
    const first = await record()
    expect([first.statusCode, json(first).writeOutcome]).toEqual([502, 'unknown'])
    const repeat = await record()
    expect([repeat.statusCode, repeat.body]).toEqual([201, expect.stringContaining('Lost answer time.')])
    expect(json(repeat)).toMatchObject({ ticketId, minutes: 25 })
    expect(vendor.counts().timeEntries(ticketId)).toBe(before + 1)
  })

  it('a keyed repeat that finds no such ticket at the vendor keeps answering "outcome unknown", creating nothing', async () => {
    vendor.faults.drop(scope())
    const first = await create('never arrived', 'fault-never-arrived')
    expect([first.statusCode, json(first).writeOutcome]).toEqual([502, 'unknown'])
    const repeat = await create('never arrived', 'fault-never-arrived')
    expect([repeat.statusCode, json(repeat).writeOutcome]).toEqual([502, 'unknown'])
    expect(created('never arrived')).toBe(0)
  })

  it('a burst of 5xx: the create is not repeated by the gateway; the caller retrying with its key creates once', async () => {
    vendor.faults.respond({ ...scope(), status: 503, body: { error: 'busy' }, times: 3 })
    const answers = []
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await create('after 5xx burst', 'fault-5xx')
      answers.push(response.statusCode)
      if (response.statusCode === 201) break
    }
    expect(answers).toEqual([503, 503, 503, 201])
    expect(created('after 5xx burst')).toBe(1)
  })

  it('an answer slower than the deadline: 504 "outcome unknown", and a keyed repeat never creates a second time', async () => {
    vendor.faults.delay({ ...scope(), ms: 800 })
    const first = await create('slow vendor', 'fault-slow')
    expect([first.statusCode, json(first).writeOutcome]).toEqual([504, 'unknown'])
    const repeat = await create('slow vendor', 'fault-slow')
    expect([repeat.statusCode, repeat.headers['idempotent-replayed']]).toEqual([504, 'true'])
  })

  it('a storm of 429s: the create is not repeated, the caller gets 429 with Retry-After', async () => {
    vendor.faults.respond({ ...scope(), status: 429, headers: { 'retry-after': '30' }, times: 3 })
    const response = await create('during 429 storm')
    expect([response.statusCode, json(response).code, response.headers['retry-after']]).toEqual([
      429,
      'rate_limited',
      '30',
    ])
    expect(created('during 429 storm')).toBe(0)
    vendor.faults.clear()
  })
})
