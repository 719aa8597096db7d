import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EmulatorDescription, EmulatorUnderTest } from './emulators.js'

/**
 * What every emulator promises alike, in its vendor's shapes: refusing bad credentials, a 404 for a record it
 * does not hold, its rate limit's rolling window, the faults of sandbox/shared/faults.ts, paging walks that
 * answer each ticket once, created tickets that read back.
 */
export function emulatorContract(description: EmulatorDescription): void {
  describe(`${description.vendor} emulator`, () => {
    let emulator: EmulatorUnderTest

    beforeAll(async () => {
      emulator = await description.start()
    })
    afterAll(() => emulator.close())
    afterEach(() => emulator.faults.clear())

    it("refuses a request without credentials or with wrong ones, with the vendor's 401", async () => {
      for (const credentials of emulator.refusedCredentials) {
        const { status, json, headers } = await emulator.send(emulator.paths.tickets, { credentials })
        const label = JSON.stringify(credentials)
        expect(status, label).toBe(401)
        expect(json, label).toEqual(emulator.unauthorized.body)
        for (const [name, value] of Object.entries(emulator.unauthorized.headers))
          expect(headers[name], `${label} ${name}`).toBe(value)
      }
    })

    it("answers 404 in the vendor's shape for unknown or malformed record ids", async () => {
      for (const path of emulator.missingRecords()) {
        const { status, json } = await emulator.send(path)
        expect(status, path).toBe(404)
        expect(json, path).toEqual(emulator.notFound)
      }
    })

    it('walks every ticket exactly once, page by page', async () => {
      const walked = await emulator.walkTickets()
      expect(new Set(walked).size).toBe(walked.length)
      expect([...walked].sort((a, b) => a - b)).toEqual(emulator.ticketIds())
    })

    it('reads a created ticket back as the create answered it', async () => {
      const { ticketCreate } = emulator
      const created = await emulator.send(creates(emulator).tickets, {
        method: 'POST',
        body: ticketCreate.body,
      })
      expect(created.status, JSON.stringify(created.json)).toBe(ticketCreate.status)
      const ticket = ticketCreate.ticketOf(created)
      expect(emulator.ticketIds()).toContain(ticket.id)
      const read = await emulator.send(emulator.ticketPath(ticket.id))
      expect(read.status).toBe(200)
      expect(ticketCreate.ticketOf(read)).toEqual(ticket)
    })

    describe('fault injection', () => {
      const prefixed = (path: string) => `${emulator.faultPrefix}${path}`

      it('answers an injected response once, before auth, then serves normally', async () => {
        emulator.faults.respond({ status: 503, body: { message: 'Service Unavailable' } })
        const injected = await emulator.send(emulator.paths.tickets, { credentials: {} })
        expect(injected).toMatchObject({ status: 503, json: { message: 'Service Unavailable' } })
        const served = await emulator.send(emulator.paths.tickets)
        expect(served.status).toBe(200)
        for (const header of emulator.ownHeaders) {
          expect(injected.headers[header], header).toBeUndefined()
          expect(served.headers[header], header).toBeDefined()
        }
      })

      it("injects the vendor's own 429 when only the status is given", async () => {
        const before = emulator.stats.rateLimited
        emulator.faults.respond({ status: 429, times: 2 })
        for (let n = 0; n < 2; n++) {
          const { status, headers, json } = await emulator.send(emulator.paths.customers)
          expect(status).toBe(429)
          expect(headers).toMatchObject(emulator.injected429.headers)
          expect(json).toEqual(emulator.injected429.body)
        }
        expect((await emulator.send(emulator.paths.customers)).status).toBe(200)
        expect(emulator.stats.rateLimited).toBe(before + 2)
      })

      it('applies a fault only to its method and path prefix', async () => {
        const { body, status } = emulator.invalidCreate
        const at = creates(emulator)
        emulator.faults.respond({ status: 502, method: 'post', pathPrefix: prefixed(at.tickets) })
        expect((await emulator.send(emulator.paths.tickets)).status).toBe(200)
        expect((await emulator.send(at.customers, { method: 'POST', body })).status).toBe(status)
        expect((await emulator.send(at.tickets, { method: 'POST', body })).status).toBe(502)
        expect((await emulator.send(at.tickets, { method: 'POST', body })).status).toBe(status)
      })

      it('delays a request, then processes it; the next one takes the next fault', async () => {
        const pathPrefix = prefixed(emulator.paths.small)
        emulator.faults.delay({ ms: 150, pathPrefix })
        emulator.faults.respond({ status: 503, pathPrefix })
        const start = performance.now()
        expect((await emulator.send(emulator.paths.small)).status).toBe(200)
        expect(performance.now() - start).toBeGreaterThanOrEqual(145)
        // Had the delay stayed, this request would have taken it (faults are taken in order) and been a 200.
        expect((await emulator.send(emulator.paths.small)).status).toBe(503)
        expect((await emulator.send(emulator.paths.small)).status).toBe(200)
      })

      it('drops the connection without a response', async () => {
        emulator.faults.drop({ pathPrefix: prefixed(emulator.paths.small) })
        await expect(emulator.send(emulator.paths.small)).rejects.toThrow()
        expect((await emulator.send(emulator.paths.small)).status).toBe(200)
      })

      it('forgets pending faults on clear', async () => {
        emulator.faults.respond({ status: 500, times: 5 })
        emulator.faults.clear()
        expect((await emulator.send(emulator.paths.small)).status).toBe(200)
      })

      it('echoes the request it was sent, in the parts asked for', async () => {
        emulator.faults.echo({ status: 500, body: { request: '{{request}}', url: '{{url}}' } })
        const { status, json } = await emulator.send(emulator.paths.small, {
          credentials: { query: 'mark=1' },
        })
        expect(status).toBe(500)
        expect(json.url).toMatch(/\?mark=1$/)
        expect(json.request).toMatch(new RegExp(`^GET ${escape(json.url)} HTTP/1\\.1\\n`))
      })

      it('processes a create whose answer it drops, or replaces: the ticket exists all the same', async () => {
        const { ticketCreate } = emulator
        const pathPrefix = prefixed(creates(emulator).tickets)
        const before = emulator.ticketIds().length
        emulator.faults.dropAnswer({ method: 'POST', pathPrefix })
        await expect(
          emulator.send(creates(emulator).tickets, { method: 'POST', body: ticketCreate.body }),
        ).rejects.toThrow()
        expect(emulator.ticketIds()).toHaveLength(before + 1)
        emulator.faults.replaceAnswer({
          status: 502,
          body: { message: 'Bad Gateway' },
          method: 'POST',
          pathPrefix,
        })
        const replaced = await emulator.send(creates(emulator).tickets, {
          method: 'POST',
          body: ticketCreate.body,
        })
        expect(replaced).toMatchObject({ status: 502, json: { message: 'Bad Gateway' } })
        expect(emulator.ticketIds()).toHaveLength(before + 2)
      })
    })

    describe('rate limit', () => {
      // The window runs on performance.now(), faked here: time moves when the test says, not with the machine.
      const limit = { limit: 3, windowMs: 60_000 }
      let limited: EmulatorUnderTest

      beforeAll(async () => {
        vi.useFakeTimers({ toFake: ['performance'] })
        limited = await description.start({ rateLimit: limit })
      })
      afterAll(async () => {
        vi.useRealTimers()
        await limited.close()
      })

      it('rolls the window, and rejected requests do not keep it closed', async () => {
        const small = limited.paths.small
        for (let n = 0; n < limit.limit; n++) expect((await limited.send(small)).status).toBe(200)
        vi.advanceTimersByTime(limit.windowMs / 2)
        for (let n = 0; n < 2; n++) {
          const rejected = await limited.send(small)
          expect(rejected.status).toBe(429)
          expect(rejected.headers['retry-after']).toBe(limited.rateLimited.retryAfter(limit.windowMs / 2))
          expect(rejected.json).toEqual(limited.rateLimited.body)
        }
        vi.advanceTimersByTime(limit.windowMs / 2 - 1)
        expect((await limited.send(small)).status).toBe(429)
        // The accepted requests have left the window; had the rejections counted, none would pass yet.
        vi.advanceTimersByTime(1)
        for (let n = 0; n < limit.limit; n++) expect((await limited.send(small)).status).toBe(200)
        expect((await limited.send(small)).status).toBe(429)
      })
    })
  })
}

/** Where the vendor creates tickets and customers: its list paths, unless it creates elsewhere (Autotask). */
const creates = (emulator: EmulatorUnderTest) => emulator.createPaths ?? emulator.paths

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
