import type { FastifyBaseLogger } from 'fastify'

const FROM_CALLER = Symbol('thrown by the caller-supplied work, not by the store')

type AsyncMethods<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never
}

/** Marks what a callback (a token fetch, a reference load) throws, so it is not mistaken for a store failure. */
function markCallbackErrors(arg: unknown): unknown {
  if (typeof arg !== 'function') return arg
  return async (...args: unknown[]) => {
    try {
      return await (arg as (...a: unknown[]) => unknown)(...args)
    } catch (error) {
      if (error !== null && typeof error === 'object')
        Object.defineProperty(error, FROM_CALLER, { value: true })
      throw error
    }
  }
}

/**
 * The shared (Redis) implementation while the store answers, the in-process twin while it does not or when a
 * call to it fails. Errors of the caller's own work (a vendor token endpoint failing, say) pass through as they
 * are: only store failures switch to the twin.
 */
export function sharedWithLocalFallback<T extends AsyncMethods<T>>(
  shared: T,
  local: T,
  methods: ReadonlyArray<keyof T & string>,
  store: { readonly available: boolean },
  what: string,
  log: FastifyBaseLogger,
): T {
  const wrapped = {} as Record<string, unknown>
  for (const name of methods) {
    const sharedMethod = (shared as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!.bind(
      shared,
    )
    const localMethod = (local as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!.bind(local)
    wrapped[name] = async (...args: unknown[]) => {
      if (store.available) {
        try {
          return await sharedMethod(...args.map(markCallbackErrors))
        } catch (error) {
          if ((error as Record<symbol, unknown> | null)?.[FROM_CALLER]) throw error
          log.warn({ err: error }, `shared ${what} failed; using this process's own until the store answers`)
        }
      }
      return localMethod(...args)
    }
  }
  return wrapped as T
}
