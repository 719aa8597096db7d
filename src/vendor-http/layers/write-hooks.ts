import type { Layer } from './exchange.js'

/** A vendor status that says it did not act on a write (a 502 or 504 may come from in front of it, after it did). */
const vendorRefused = (status: number) => status >= 400 && status !== 502 && status !== 504

const isWrite = (call: { method: string; read?: boolean }) => call.method !== 'GET' && call.read !== true

/**
 * The caller's hooks around each attempt of a write (idempotency): `beforeWrite` once the attempt is otherwise
 * ready to leave, `afterWrite` with what the vendor answered. A read sent by POST (a query) is no write.
 */
export const writeHooksLayer: Layer = (next) => ({
  async ready(exchange) {
    if (isWrite(exchange.call)) await exchange.context.beforeWrite?.()
    return next.ready(exchange)
  },
  async send(exchange) {
    const result = await next.send(exchange)
    if (isWrite(exchange.call) && result.kind === 'response')
      exchange.context.afterWrite?.({ refused: vendorRefused(result.status) })
    return result
  },
})
