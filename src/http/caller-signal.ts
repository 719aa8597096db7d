import { setMaxListeners } from 'node:events'
import type { FastifyReply } from 'fastify'

/** Aborted when the caller hangs up before its answer is sent: work done only for it can stop. */
export function callerSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  // Each vendor read of the request listens while it runs (and stops when it ends); one request may run more
  // than Node's default warning threshold of 10 at once (ConnectWise statuses, board by board).
  setMaxListeners(0, controller.signal)
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort()
  })
  return controller.signal
}
