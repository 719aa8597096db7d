import type { FastifyReply } from 'fastify'

/** Aborted when the caller hangs up before its answer is sent: work done only for it can stop. */
export function callerSignal(reply: FastifyReply): AbortSignal {
  // Its many vendor calls watch it through one listener (src/vendor-http/abort-watch.ts): no listener limit to lift.
  const controller = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort()
  })
  return controller.signal
}
