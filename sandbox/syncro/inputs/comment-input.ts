import { castBoolean, castObject, castText, isBlank } from '../body-fields.js'

export interface CommentDraft {
  subject: string
  body: string
  hidden: boolean
  tech: string | null
}

export type CommentInput = { ok: true; draft: CommentDraft } | { ok: false; messages: string[] }

/**
 * Subject and body are required (blank or whitespace fails); `hidden` defaults to false. `do_not_email` and
 * `sms_body` are accepted and have no effect: the sandbox sends no mail.
 */
export function readCommentInput(raw: unknown): CommentInput {
  const fields = castObject(raw) ?? {}
  const subject = castText(fields.subject)
  const body = castText(fields.body)
  const messages = [
    ...(isBlank(body) ? ["Body can't be blank"] : []),
    ...(isBlank(subject) ? ["Subject can't be blank"] : []),
  ]
  if (messages.length > 0 || subject === null || body === null) return { ok: false, messages }
  return {
    ok: true,
    draft: { subject, body, hidden: castBoolean(fields.hidden) ?? false, tech: castText(fields.tech) },
  }
}

/** `comments_attributes` entries are validated as comments; Rails names their errors after the association. */
export function readNestedCommentInputs(value: unknown): { drafts: CommentDraft[]; messages: string[] } {
  const drafts: CommentDraft[] = []
  const messages = new Set<string>()
  for (const raw of Array.isArray(value) ? value : []) {
    const input = readCommentInput(raw)
    if (input.ok) drafts.push(input.draft)
    else
      for (const message of input.messages)
        messages.add(`Comments ${message[0]?.toLowerCase()}${message.slice(1)}`)
  }
  return { drafts, messages: [...messages] }
}
