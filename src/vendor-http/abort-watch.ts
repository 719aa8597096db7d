/** The callbacks watching each signal, behind the one listener that signal has for them all. */
const watchers = new WeakMap<AbortSignal, Set<() => void>>()

/**
 * Calls `callback` once when `signal` aborts (never for a signal aborted already, as `addEventListener`), through one
 * listener per signal however many watch it: a request, the warm start and the event sources each run many vendor
 * calls at once under one signal, and a listener per call would pass Node's warning threshold of 10 listeners per
 * signal (MaxListenersExceededWarning) without leaking anything. Answers the function that stops watching.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = watchers.get(signal)
  if (!callbacks) {
    const watching = new Set<() => void>()
    watchers.set(signal, watching)
    signal.addEventListener(
      'abort',
      () => {
        const due = [...watching]
        watching.clear()
        for (const each of due) each()
      },
      { once: true },
    )
    callbacks = watching
  }
  const watching = callbacks
  // A wrapper of its own: the same function watched twice is two watches, each stopped by its own answer.
  const watch = () => callback()
  watching.add(watch)
  return () => void watching.delete(watch)
}
