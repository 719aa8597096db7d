import { isIP } from 'node:net'
import { performance } from 'node:perf_hooks'
import { Webhook } from 'standardwebhooks'
import { Agent, request, type Dispatcher } from 'undici'
import type { ChangeEvent } from '../../canonical/event.js'
import type { DeliveryOutcome } from '../../canonical/subscription.js'
import { isPublicAddress, publicOnlyLookup, type TargetPolicy } from './target-url.js'

/** The Standard Webhooks specification asks for 15 to 30 s; BullMQ's job lock (30 s) must outlast it. */
export const DELIVERY_TIMEOUT_MS = 15_000
/** What is read of a receiver's answer: it is not used, only drained so the connection can be reused. */
const MAX_ANSWER_BYTES = 64 * 1024

export interface SendResult {
  outcome: DeliveryOutcome
  status: number | null
  error: string | null
  durationMs: number
}

/** The HTTP client of deliveries: each connection's address checked by its own lookup (target-url.ts). */
export function deliveryAgent(policy: TargetPolicy): Agent {
  return new Agent({
    connect: {
      timeout: DELIVERY_TIMEOUT_MS,
      ...(policy.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
    },
    headersTimeout: DELIVERY_TIMEOUT_MS,
    bodyTimeout: DELIVERY_TIMEOUT_MS,
  })
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

/**
 * POSTs `{type, timestamp, data: event}` to `url`, signed over exactly the bytes sent (webhook-id: the event id, the
 * same on every attempt, so receivers can de-duplicate). Never follows a redirect: a 3xx is a failure, as any
 * status but 2xx; a 410 says the receiver is gone.
 */
export async function sendEvent(
  url: string,
  secret: string,
  event: ChangeEvent,
  options: { dispatcher: Dispatcher; policy: TargetPolicy; now?: () => Date },
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  const target = new URL(url)
  // An IP literal never reaches the agent's lookup (net.connect skips it): checked here, at every attempt.
  if (!options.policy.allowPrivate && isIP(hostOf(target)) && !isPublicAddress(hostOf(target)))
    return { outcome: 'failed', status: null, error: 'the address is not a public one', durationMs: 0 }
  const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event })
  const attemptedAt = (options.now ?? (() => new Date()))()
  try {
    const answer = await request(target, {
      method: 'POST',
      dispatcher: options.dispatcher,
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(event.id, attemptedAt, body),
      },
      headersTimeout: DELIVERY_TIMEOUT_MS,
      bodyTimeout: DELIVERY_TIMEOUT_MS,
    })
    await answer.body.dump({ limit: MAX_ANSWER_BYTES })
    const status = answer.statusCode
    const outcome = status >= 200 && status < 300 ? 'delivered' : status === 410 ? 'gone' : 'failed'
    return { outcome, status, error: null, durationMs: elapsed() }
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    return { outcome: 'failed', status: null, error: code ?? message, durationMs: elapsed() }
  }
}
