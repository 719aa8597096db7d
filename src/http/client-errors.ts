import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { GatewayError } from '../errors.js'
import { PROBLEM_CONTENT_TYPE, problemText, sendProblem } from './problem.js'

/** How long a closed-for-writing socket may wait for the client to close its side before it is cut. */
const LINGER_MS = 1_000

function clientErrorOf(code: string | undefined): GatewayError {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError(408, 'request_timeout', 'the request (headers and body) did not arrive in time')
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError(431, 'validation_failed', 'the request headers are too large')
    default:
      return new GatewayError(400, 'validation_failed', 'the request is not valid HTTP/1.1')
  }
}

/**
 * What Node's HTTP server reports before (or instead of) a request: bytes that do not parse as HTTP, headers
 * too large, a request or its body not received in time. Answered as problem+json with a request id, like
 * every other answer, then the connection is closed. The log line says what happened and how many bytes came,
 * never the bytes themselves (they hold the caller's API key and body).
 */
export function handleClientError(
  this: FastifyInstance,
  error: NodeJS.ErrnoException & { bytesParsed?: number },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const problem = clientErrorOf(error.code)
  const requestId = randomUUID()
  this.log.info(
    { requestId, status: problem.status, reason: error.code, bytesParsed: error.bytesParsed },
    'client error: no request could be read',
  )
  // A request whose answer has started (an oversized body still draining) only loses its connection.
  const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (socket.writable && !answering?.headersSent) {
    const body = problemText(problem, requestId)
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `content-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    )
  }
  socket.end()
  setTimeout(() => socket.destroy(), LINGER_MS).unref()
}

/** Requests the router cannot take (a path that does not decode, a path part too long) answer problem+json too. */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'the path is not valid: it holds a percent-encoding that is not UTF-8'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'the path is not valid: a part of it is too long'
        : 'the request cannot be routed'
  return sendProblem(request, reply, new GatewayError(400, 'validation_failed', detail))
}
