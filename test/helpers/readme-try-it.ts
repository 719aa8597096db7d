import { readFileSync } from 'node:fs'

/** One curl command of the README's "Try it", as the gateway receives it. */
export interface TryItCommand {
  /** The line as the README writes it. */
  text: string
  method: string
  /** e.g. localhost:3000 */
  address: string
  /** Path and query. */
  url: string
  headers: Record<string, string>
  body?: string
  /** The status its comment names (`# 400 unsupported_filter: ...`), else undefined: a success. */
  expectedStatus?: number
}

/** Stands for the `nextCursor` of the answer before it. */
export const PREVIOUS_CURSOR = '<nextCursor of the previous page>'

const README = new URL('../../README.md', import.meta.url)

/** Words, 'quoted words' and a trailing # comment, as a shell splits them (enough for the README's commands). */
function words(line: string): { words: string[]; comment?: string } {
  const result: string[] = []
  for (const [token, quoted] of line.matchAll(/'([^']*)'|#.*$|\S+/g)) {
    if (token!.startsWith('#')) return { words: result, comment: token!.slice(1).trim() }
    result.push(quoted ?? token!)
  }
  return { words: result }
}

function command(text: string): TryItCommand {
  const {
    words: [curl, ...args],
    comment,
  } = words(text)
  if (curl !== 'curl') throw new Error(`not a curl command: ${text}`)
  const headers: Record<string, string> = {}
  let method: string | undefined
  let body: string | undefined
  let target: string | undefined
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg === '-s') continue
    else if (arg === '-X') method = args[++index]
    else if (arg === '-H') {
      const [name, ...value] = args[++index]!.split(':')
      headers[name!.trim().toLowerCase()] = value.join(':').trim()
    } else if (arg === '-d') body = args[++index]
    else if (arg.startsWith('-')) throw new Error(`an option this reader does not know: ${arg} in ${text}`)
    else target = arg
  }
  if (!target) throw new Error(`no URL in ${text}`)
  const slash = target.indexOf('/')
  const status = /^(\d{3})\b/.exec(comment ?? '')?.[1]
  return {
    text,
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    address: target.slice(0, slash),
    url: target.slice(slash),
    headers,
    body,
    expectedStatus: status ? Number(status) : undefined,
  }
}

/** The curl commands of the README's "Try it", in order. */
export function readmeTryIt(): TryItCommand[] {
  const readme = readFileSync(README, 'utf8')
  const section = readme.slice(readme.indexOf('## Try it'))
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
  if (!block) throw new Error('README.md: no sh block under "Try it"')
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '))
    .map(command)
}
