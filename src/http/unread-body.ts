import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * An answer given before the request's body was read (413 for a body over the limit, 401 before the body is
 * looked at) must still reach a client that is busy sending that body. Closing the socket now would leave
 * unread bytes in it, and the kernel then resets the connection under the client: its write fails (EPIPE) and
 * it may never read the answer. So the rest of the body is read and dropped, up to `maxBytes`, on a connection
 * kept open; past that, the connection closes as before (a client sending that much is not owed the answer).
 */
export function drainUnreadBody(request: FastifyRequest, reply: FastifyReply, maxBytes: number): void {
  const raw = request.raw
  if (raw.complete || raw.destroyed) return
  const declared = Number(raw.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return
  let drained = 0
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > maxBytes) raw.socket.destroy()
  })
  raw.resume()
  // Kept open while the body drains; the server's request timeout still bounds how long that may take.
  reply.removeHeader('connection')
}
