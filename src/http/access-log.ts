import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import { withoutCallbackToken } from '../events/callback-token.js'

/**
 * One access line per request, written when it completes, instead of fastify's two (incoming, completed): it
 * carries what both did (method, URL, caller address, status, time), at half the cost per request.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return
    const line = {
      req: { method: request.method, url: withoutCallbackToken(request.url), remoteAddress: request.ip },
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
