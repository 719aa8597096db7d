import { request, type Agent, type Dispatcher } from 'undici'

/** An emulator's answer, its JSON body parsed. */
export interface CallResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted field by field
}

export interface JsonRequest {
  method?: string
  headers?: Record<string, string>
  /** Sent as JSON, with its content type. */
  body?: unknown
  /** Sent as is, with the JSON content type (malformed bodies). */
  rawBody?: string
  dispatcher?: Agent
}

/** One raw HTTP call to an emulator, the way a client of the real vendor makes it. */
export async function callJson(url: string, options: JsonRequest = {}): Promise<CallResult> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined
  const response = await request(url, {
    method: (options.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    dispatcher: options.dispatcher,
  })
  const text = await response.body.text()
  return {
    status: response.statusCode,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  }
}
