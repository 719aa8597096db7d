import type { FastifyReply } from 'fastify'

/** Aborted when the caller hangs up before its answer is sent: work done only for it can stop. */
export function callerSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort()
  })
  return controller.signal
}
