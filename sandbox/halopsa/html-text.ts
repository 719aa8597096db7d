// Halo keeps a note both as text and as HTML (`details`/`details_html`, `note`/`note_html`). When a write sends
// only one, the emulator derives the other, as the vendor's editor would.

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

export function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
  return escaped.replace(/\r?\n/g, '<br>')
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
}

/** The text and HTML pair after a write that sent `text`, `html`, both or neither (undefined: unchanged). */
export function textAndHtml(
  text: string | null | undefined,
  html: string | null | undefined,
): { text?: string | null; html?: string | null } {
  if (text !== undefined && html !== undefined) return { text, html }
  if (text !== undefined) return { text, html: text === null ? null : textToHtml(text) }
  if (html !== undefined) return { text: html === null ? null : htmlToText(html), html }
  return {}
}
