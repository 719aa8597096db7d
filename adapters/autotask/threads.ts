import type { ConcurrencyLimit } from '../../src/vendor-http/layers/concurrency.js'

/**
 * Autotask takes 3 requests at once per API integration code and endpoint (an entity: `Tickets` for
 * `/Tickets/query` and `/Tickets/12`), refusing the 4th "Thread Threshold Exceeded" (the help's
 * General/ThreadLimiting.htm; Itgenatr005, n8n-nodes-autotask PR #107; the facts, §6). The endpoint is the path's
 * first segment, in any case. (Unsourced: chosen because ASP.NET routes without regard to case, so `/tickets` and
 * `/Tickets` reach one endpoint.)
 */
export const AUTOTASK_THREADS_PER_ENDPOINT = 3

export const endpointOf = (path: string): string =>
  path.replace(/^\/+/, '').split(/[/?#]/, 1)[0]!.toLowerCase()

export const autotaskThreads: ConcurrencyLimit = {
  limit: AUTOTASK_THREADS_PER_ENDPOINT,
  keyOf: (call) => endpointOf(call.path),
}
