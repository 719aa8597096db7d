import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Waits for another replica's work by reading the store until `read` returns a value or `timeoutMs` passes.
 * Used where a replica waits on a lock another holds (a token or reference refresh, an in-flight request):
 * short waits, read at a modest pace, never a busy loop.
 */
export async function pollFor<T>(
  read: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs
  let interval = options.intervalMs ?? 20
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() >= deadline || options.signal?.aborted) return undefined
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())))
    interval = Math.min(interval * 2, 200)
  }
}
