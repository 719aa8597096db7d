import { callbackPath, callbackSigningKey, callbackToken } from '../../src/events/callback-token.js'
import type { ChangeEvent } from '../../src/canonical/event.js'
import { startReceiver } from '../../test/helpers/event-receiver.js'
import { startConnectWiseGateway } from '../../test/helpers/gateway.js'
import { memberAuth } from '../../test/sandbox/connectwise/helpers.js'

/** ConnectWise's own limit, as the emulator keeps it: what the sources' share is a part of. */
export const EVENTS_VENDOR_LIMIT = { limit: 60, windowMs: 60_000 }
/**
 * The sources' share: the sandbox's (EVENT_VENDOR_SHARE). The default, 0.1, is 6 calls a minute of ConnectWise's
 * 60: enough for a look a minute (EVENT_POLL_SECONDS' default), too few to measure lag in seconds.
 */
export const EVENTS_SHARE = 0.5
const CALLBACK_SECRET = 'bench-callback-secret-of-at-least-32-chars'

export interface EventsResult {
  source: 'poll' | 'callback'
  /** The vendor's limit in calls a minute. */
  vendorLimitPerMinute: number
  pollSeconds: number
  changes: number
  delivered: number
  lagP50Seconds: number | null
  lagMaxSeconds: number | null
  /** Vendor calls the event sources made from the first change to the last delivery. */
  eventVendorCalls: number
  seconds: number
  /** Those calls over what the vendor's limit allows in that time. */
  shareOfLimit: number
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

/**
 * Change events from a ConnectWise emulator at its own limit, the sources at the default share: tickets changed at
 * the vendor one every `spacingMs`, and the time until each reached a subscribed receiver, found by polling every
 * `pollSeconds` alone, then with the vendor's callbacks registered. Gateway and emulator in one process.
 */
export interface EventsOptions {
  changes: number
  spacingMs: number
  pollSeconds: number
  deadlineMs: number
  /** ConnectWise's own limit, but for a smoke run (which measures nothing, and should not wait on it). */
  vendorLimit?: { limit: number; windowMs: number }
}

export async function events(options: EventsOptions): Promise<EventsResult[]> {
  const results: EventsResult[] = []
  for (const source of ['poll', 'callback'] as const) results.push(await eventsRun(source, options))
  return results
}

async function eventsRun(source: 'poll' | 'callback', options: EventsOptions): Promise<EventsResult> {
  const vendorLimit = options.vendorLimit ?? EVENTS_VENDOR_LIMIT
  const gateway = await startConnectWiseGateway({
    emulator: { rateLimit: vendorLimit },
    config: {
      logLevel: 'warn',
      eventPollSeconds: options.pollSeconds,
      eventVendorShare: EVENTS_SHARE,
      eventCallbackSecret: CALLBACK_SECRET,
    },
  })
  const arrivals = new Map<string, number>()
  const receiver = await startReceiver((_index, { body }) => {
    const event = (JSON.parse(body) as { data: ChangeEvent }).data
    if (!arrivals.has(event.resource.id)) arrivals.set(event.resource.id, performance.now())
    return 204
  })
  try {
    // The reference data loaded first, as the server's warm start does: the sources' share reads changes only.
    await gateway.app.inject('/v1/connections/connectwise-test/tickets?pageSize=1')
    await gateway.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = gateway.app.server.address() as { port: number }
    await gateway.app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      payload: { url: receiver.url, types: ['ticket.updated'] },
    })
    const events = gateway.app.events!
    if (source === 'callback')
      for (const connection of events.sources.registrations())
        await events.sources.registerCallbacks(connection, {
          url: `http://127.0.0.1:${port}${callbackPath(connection, callbackToken(CALLBACK_SECRET, connection))}`,
          signingKey: callbackSigningKey(CALLBACK_SECRET, connection),
        })
    await events.schedule!.start()
    const { eventWatch } = gateway.app.sharedState
    while ((await eventWatch.mark('connectwise-test', 'ticket')).startedAt === undefined)
      await new Promise((resolve) => setTimeout(resolve, 100))

    const callsBefore = await eventVendorCalls(gateway.app.metrics.eventVendorCalls)
    const started = performance.now()
    const changedAt = new Map<string, number>()
    const tickets = [...gateway.emulator.db.tickets.values()].slice(0, options.changes)
    for (const [index, ticket] of tickets.entries()) {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, options.spacingMs))
      const answer = await fetch(`${gateway.emulator.baseUrl}/service/tickets/${ticket.id}`, {
        method: 'PATCH',
        headers: {
          authorization: memberAuth(gateway.emulator),
          clientid: gateway.emulator.clientIds[0]!,
          'content-type': 'application/json',
        },
        body: JSON.stringify([{ op: 'replace', path: 'summary', value: `Changed for the bench ${index}` }]),
      })
      await answer.arrayBuffer()
      changedAt.set(String(ticket.id), performance.now())
    }
    const deadline = performance.now() + options.deadlineMs
    while (arrivals.size < changedAt.size && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100))
    const seconds = (performance.now() - started) / 1000
    const calls = (await eventVendorCalls(gateway.app.metrics.eventVendorCalls)) - callsBefore
    const lags = [...changedAt]
      .filter(([id]) => arrivals.has(id))
      .map(([id, at]) => Math.max(0, arrivals.get(id)! - at) / 1000)
      .sort((a, b) => a - b)
    const allowed = (vendorLimit.limit * seconds * 1000) / vendorLimit.windowMs
    const round = (value: number | null) => (value === null ? null : Number(value.toFixed(2)))
    return {
      source,
      vendorLimitPerMinute: (vendorLimit.limit * 60_000) / vendorLimit.windowMs,
      pollSeconds: options.pollSeconds,
      changes: changedAt.size,
      delivered: lags.length,
      lagP50Seconds: round(percentile(lags, 0.5)),
      lagMaxSeconds: round(lags.at(-1) ?? null),
      eventVendorCalls: calls,
      seconds: Number(seconds.toFixed(1)),
      shareOfLimit: Number((calls / allowed).toFixed(3)),
    }
  } finally {
    await gateway.close()
    await receiver.close()
  }
}

async function eventVendorCalls(counter: { get(): Promise<{ values: Array<{ value: number }> }> }) {
  return (await counter.get()).values.reduce((sum, { value }) => sum + value, 0)
}
