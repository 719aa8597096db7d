export interface Link {
  rel: 'first' | 'prev' | 'next' | 'last'
  params: Record<string, number>
}

/**
 * The vendor's `Link` header: `<url>; rel="next", <url>; rel="last"`. Each URL carries the request's other
 * query parameters (`kept`, in their order), then the link's own paging parameters.
 */
export function linkHeader(url: string, kept: readonly [string, string][], links: readonly Link[]) {
  return links
    .map(({ rel, params }) => {
      const all = [...kept, ...Object.entries(params).map(([name, value]) => [name, String(value)] as const)]
      const search = all.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      return `<${url}?${search.join('&')}>; rel="${rel}"`
    })
    .join(', ')
}
