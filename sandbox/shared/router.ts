export interface Route<Handler> {
  method: string
  /** Literal segments and `:name` placeholders, e.g. `/tickets/:id/comments`. */
  pattern: string
  handler: Handler
}

export interface RouteMatch<Handler> {
  route: Route<Handler>
  params: Record<string, string>
}

/**
 * First route whose method and pattern fit; a trailing slash is ignored (Rails and IIS both ignore it). With
 * `ignoreCase`, literal segments match in any case (for vendors whose servers route so).
 */
export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  path: string,
  { ignoreCase = false }: { ignoreCase?: boolean } = {},
): RouteMatch<Handler> | undefined {
  const segments = splitPath(path)
  if (!segments) return undefined
  const fold = ignoreCase ? (text: string) => text.toLowerCase() : (text: string) => text
  for (const route of routes) {
    if (route.method !== method) continue
    const params = matchSegments(splitPath(route.pattern) ?? [], segments, fold)
    if (params) return { route, params }
  }
  return undefined
}

function splitPath(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent)
  } catch {
    return undefined
  }
}

function matchSegments(
  pattern: string[],
  segments: string[],
  fold: (text: string) => string,
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string
    if (part.startsWith(':')) params[part.slice(1)] = segment
    else if (fold(part) !== fold(segment)) return undefined
  }
  return params
}
