import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../app/config.js'
import type { ChangeEvent, EventType } from '../../src/canonical/event.js'
import { detectedChange } from '../helpers/change-events.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

/** GET /v1/connections/{connection}/events on each store: events appended to the log, read back through the feed. */

interface FeedPage {
  data: ChangeEvent[]
  nextCursor: string
}

const HOUR = 3_600_000
const start = Date.UTC(2026, 11, 3, 10, 0, 0)
let redis: TestRedis

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

describe.each(['memory', 'redis'] as const)('the event feed on %s', (store) => {
  let gateway: SyncroGateway
  let serial = 0
  /** Each test its own record ids: the log is shared by the file's tests. */
  const recordId = () => `r${++serial}`

  beforeAll(async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' })
    gateway = await startSyncroGateway({
      config: {
        eventRetentionHours: 1,
        ...(store === 'redis'
          ? { store: { ...defaults.store, redisUrl: redis.url, keyPrefix: 'feed:' } }
          : {}),
      },
      moreConnections: (emulator) => [
        { id: 'syncro-eu', vendor: 'syncro', apiKey: emulator.apiKeys[0]!, baseUrl: emulator.baseUrl },
      ],
    })
  })
  afterAll(() => gateway?.close())

  const append = (connection: string, type: EventType, at: number, id = recordId()) =>
    gateway.app.sharedState.events.append(
      [detectedChange(connection, id, new Date(at - 60_000).toISOString(), type)],
      new Date(at),
    )
  const feed = (connection: string, query = '') =>
    gateway.app.inject({ url: `/v1/connections/${connection}/events${query}` })
  const page = async (connection: string, query = '') => {
    const response = await feed(connection, query)
    expect(response.statusCode, response.body).toBe(200)
    return json<FeedPage>(response)
  }

  it('answers an empty log with no events and a cursor that later reads what was appended', async () => {
    const empty = await page('syncro-eu')
    expect(empty.data).toEqual([])
    expect(empty.nextCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/))
    const [logged] = await append('syncro-eu', 'customer.created', start)
    expect((await page('syncro-eu', `?cursor=${empty.nextCursor}`)).data).toEqual([logged!.event])
  })

  it('walks the feed to its end, page by page, and reads on from the same cursor after new appends', async () => {
    const logged = []
    for (let index = 0; index < 5; index++) {
      logged.push(...(await append('syncro-test', 'customer.updated', start + index)))
    }
    await append('syncro-eu', 'customer.updated', start + 10)
    const walked: ChangeEvent[] = []
    let cursor = ''
    for (let pages = 0; pages < 10; pages++) {
      const { data, nextCursor } = await page('syncro-test', `?limit=2${cursor && `&cursor=${cursor}`}`)
      expect(data.length).toBeLessThanOrEqual(2)
      expect(nextCursor).toEqual(expect.any(String))
      cursor = nextCursor
      if (data.length === 0) break
      walked.push(...data)
    }
    expect(walked).toEqual(logged.map((entry) => entry.event))
    expect(walked.every((event) => event.connection === 'syncro-test')).toBe(true)

    const later = [
      ...(await append('syncro-test', 'customer.deleted', start + 20)),
      ...(await append('syncro-test', 'customer.created', start + 21)),
    ]
    expect((await page('syncro-test', `?cursor=${cursor}`)).data).toEqual(later.map((entry) => entry.event))
  })

  it('answers the types asked for only, and refuses their cursor with other types', async () => {
    const connection = 'syncro-test'
    const types = '?types=ticket.created,customer.deleted'
    const from = (await page(connection, `${types}&limit=1000`)).nextCursor
    await append(connection, 'ticket.created', start + 30)
    await append(connection, 'customer.updated', start + 31)
    await append(connection, 'customer.deleted', start + 32)
    const { data, nextCursor } = await page(connection, `${types}&cursor=${from}`)
    expect(data.map((event) => event.type)).toEqual(['ticket.created', 'customer.deleted'])
    // Types in another order are the same types.
    expect(
      (await feed(connection, `?types=customer.deleted,ticket.created&cursor=${nextCursor}`)).statusCode,
    ).toBe(200)
    const otherTypes = await feed(connection, `?types=customer.updated&cursor=${nextCursor}`)
    expect([otherTypes.statusCode, json(otherTypes).code]).toEqual([400, 'invalid_cursor'])
  })

  it("refuses another connection's cursor, a forged position, and types or limits out of range", async () => {
    const { nextCursor } = await page('syncro-eu')
    const elsewhere = await feed('syncro-test', `?cursor=${nextCursor}`)
    expect([elsewhere.statusCode, json(elsewhere).code]).toEqual([400, 'invalid_cursor'])
    const envelope = JSON.parse(Buffer.from(nextCursor, 'base64url').toString()) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...envelope, p: '1 OR 1' })).toString('base64url')
    const forgedAnswer = await feed('syncro-eu', `?cursor=${forged}`)
    expect([forgedAnswer.statusCode, json(forgedAnswer).code]).toEqual([400, 'invalid_cursor'])
    for (const query of ['?types=ticket.changed', '?types=ticketXcreated', '?limit=0', '?limit=1001']) {
      const answer = await feed('syncro-eu', query)
      expect([query, answer.statusCode, json(answer).code]).toEqual([query, 400, 'validation_failed'])
    }
    expect((await feed('no-such-connection')).statusCode).toBe(404)
  })

  it('answers 410 problem+json for a cursor whose following events are past the retention', async () => {
    const connection = 'syncro-eu'
    const { nextCursor: beforeLost } = await page(connection, '?limit=1000')
    await append(connection, 'customer.updated', start + 40)
    await append(connection, 'customer.updated', start + 2 * HOUR)
    const expired = await feed(connection, `?cursor=${beforeLost}`)
    expect(expired.statusCode).toBe(410)
    expect(expired.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(json(expired)).toMatchObject({ status: 410, code: 'cursor_expired' })
    // Without a cursor the feed starts again from the oldest event kept.
    expect((await page(connection)).data.map((event) => event.detectedAt)).toEqual([
      new Date(start + 2 * HOUR).toISOString(),
    ])
  })
})
