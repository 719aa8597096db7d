/** Whether an RFC 8288 `Link` header (as ConnectWise sends for paging) has a link of relation `rel`. */
export function hasLinkRel(header: string | string[] | undefined, rel: string): boolean {
  const text = Array.isArray(header) ? header.join(', ') : (header ?? '')
  return text
    .split(/,(?=\s*<)/)
    .some((link) => /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(link)?.[1]?.split(/\s+/).includes(rel) === true)
}
