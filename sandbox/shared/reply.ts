/** What an emulator's handler answers: serialised by `sendReply`. */
export interface EmulatorReply {
  status: number
  /** A string is sent as is; anything else as JSON; undefined sends no body. */
  body?: unknown
  headers?: Record<string, string>
}

/** Thrown by a handler to answer at once, e.g. an unparsable filter. */
export class ReplyError extends Error {
  constructor(readonly reply: EmulatorReply) {
    super(`emulator answers ${reply.status}`)
  }
}
