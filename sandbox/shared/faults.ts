/** Which requests a fault applies to, and how many of them. */
export interface FaultScope {
  /** How many matching requests the fault affects; default 1. `Infinity` lasts until `clear()`. */
  times?: number
  /** HTTP method, case-insensitive; any method when absent. */
  method?: string
  /** Matched against the path after the API prefix, e.g. `/tickets`; any path when absent. */
  pathPrefix?: string
}

export interface RespondFault extends FaultScope {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/**
 * An answer that repeats the request, as a careless vendor or proxy echoes what it was sent. In the strings of
 * `body`, `{{request}}` becomes the request as received (request line, every header, the body); `{{url}}`,
 * `{{headers}}` and `{{body}}` each of those parts alone.
 */
export interface EchoFault extends FaultScope {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface DelayFault extends FaultScope {
  ms: number
}

export interface FaultControls {
  /** The next matching requests get this response instead of being processed. */
  respond(fault: RespondFault): void
  /** The next matching requests get this answer, with the request they made echoed in it. */
  echo(fault: EchoFault): void
  /** The next matching requests wait this long, then are processed normally. */
  delay(fault: DelayFault): void
  /** The next matching requests get no response: their connection is destroyed. */
  drop(fault: FaultScope): void
  /**
   * The next matching requests are processed (a create happens), then their connection is destroyed instead of
   * answered: the client cannot know whether the write happened.
   */
  dropAnswer(fault: FaultScope): void
  /**
   * The next matching requests are processed at once (a create happens), and their answer leaves `ms` later: a
   * client that goes away meanwhile never hears of its write.
   */
  delayAnswer(fault: DelayFault): void
  /**
   * The next matching requests are processed (a create happens), then answered with this instead of the real
   * answer: a vendor (or proxy) that acted and answered something the client cannot read.
   */
  replaceAnswer(fault: RespondFault): void
  clear(): void
}

export type FaultAction =
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'echo'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'drop-answer' }
  | { kind: 'delay-answer'; ms: number }
  | { kind: 'replace-answer'; status: number; body?: unknown; headers?: Record<string, string> }

interface FaultRule {
  action: FaultAction
  remaining: number
  method?: string
  pathPrefix?: string
}

/** Faults are used up in the order they were added; each request takes at most one. */
export class FaultInjector implements FaultControls {
  private rules: FaultRule[] = []

  respond({ status, body, headers, ...scope }: RespondFault): void {
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new RangeError(`Invalid status ${status}`)
    this.add({ kind: 'respond', status, body, headers }, scope)
  }

  echo({ status, body, headers, ...scope }: EchoFault): void {
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new RangeError(`Invalid status ${status}`)
    this.add({ kind: 'echo', status, body, headers }, scope)
  }

  delay({ ms, ...scope }: DelayFault): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Invalid delay ${ms}`)
    this.add({ kind: 'delay', ms }, scope)
  }

  drop(scope: FaultScope = {}): void {
    this.add({ kind: 'drop' }, scope)
  }

  dropAnswer(scope: FaultScope = {}): void {
    this.add({ kind: 'drop-answer' }, scope)
  }

  replaceAnswer({ status, body, headers, ...scope }: RespondFault): void {
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new RangeError(`Invalid status ${status}`)
    this.add({ kind: 'replace-answer', status, body, headers }, scope)
  }

  delayAnswer({ ms, ...scope }: DelayFault): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Invalid delay ${ms}`)
    this.add({ kind: 'delay-answer', ms }, scope)
  }

  clear(): void {
    this.rules = []
  }

  /** The action for this request, if a fault matches; uses up one of its `times`. */
  take(method: string, path: string): FaultAction | undefined {
    const rule = this.rules.find(
      (candidate) =>
        (candidate.method === undefined || candidate.method === method.toUpperCase()) &&
        (candidate.pathPrefix === undefined || path.startsWith(candidate.pathPrefix)),
    )
    if (!rule) return undefined
    rule.remaining--
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule)
    return rule.action
  }

  private add(action: FaultAction, { times = 1, method, pathPrefix }: FaultScope): void {
    if (!(times >= 1)) throw new RangeError(`Invalid fault count ${times}`)
    this.rules.push({ action, remaining: times, method: method?.toUpperCase(), pathPrefix })
  }
}
