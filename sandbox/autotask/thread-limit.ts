/**
 * Autotask's thread limit: at most `limit` requests in flight at once per API tracking identifier (the integration
 * code) and object endpoint, 3 for integrations made since 2023.1 (HELP General/ThreadLimiting.htm; facts §6).
 * ZoneInformation is exempt (same page); ThresholdInformation is not (n8n-nodes-autotask PR #107). The object
 * endpoint is read as the path's first segment, the entity (`/Tickets/…`, `/Tickets/{id}/Notes` alike) (unsourced:
 * chosen; HELP does not say how child URLs count).
 */
export class ThreadLimit {
  readonly #inFlight = new Map<string, number>()

  constructor(readonly limit: number) {}

  /** Takes a thread for the call, or answers false when the limit is spent; `release` gives a taken one back. */
  take(integrationCode: string, path: string): { release(): void } | false {
    const key = `${integrationCode} ${endpointOf(path)}`
    const count = this.#inFlight.get(key) ?? 0
    if (count >= this.limit) return false
    this.#inFlight.set(key, count + 1)
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        const left = (this.#inFlight.get(key) ?? 1) - 1
        if (left === 0) this.#inFlight.delete(key)
        else this.#inFlight.set(key, left)
      },
    }
  }
}

function endpointOf(path: string): string {
  return (path.split('/').find((segment) => segment !== '') ?? '').toLowerCase()
}

/**
 * The refusal's text as n8n-nodes-autotask PR #107 quotes a production answer, with its code Itgenatr005 (facts §6);
 * where the code stands in the text, and the 500 (the refusal "may arrive with a non-429 HTTP status", n8n
 * retryHandler.ts), are unsourced: chosen as Autotask's business refusals are 500s (facts §4).
 */
export function threadThresholdText(limit: number): string {
  return `Thread Threshold Exceeded — The Autotask API thread threshold of ${limit} threads has been exceeded. (Itgenatr005)`
}
