import type { components } from './schema.js'

/** An answer the gateway failed: RFC 9457 problem details, as the OpenAPI document describes them. */
export type GatewayProblem = components['schemas']['Problem']

/** What openapi-fetch resolves a call to: `data` when the answer is 2xx, `error` (its parsed body) otherwise. */
export interface GatewayResult<Data> {
  data?: Data
  error?: unknown
  response: Response
}

/** A call the gateway answered with an error; `problem` is its problem+json body (absent if a proxy answered). */
export class GatewayRequestError extends Error {
  override readonly name = 'GatewayRequestError'
  readonly status: number
  readonly problem: GatewayProblem | undefined

  constructor(
    readonly response: Response,
    body: unknown,
  ) {
    const problem = isProblemAnswer(response) ? (body as GatewayProblem) : undefined
    super(
      problem
        ? `${problem.status} ${problem.code}: ${problem.detail}`
        : `${response.status} ${response.statusText}`,
    )
    this.status = response.status
    this.problem = problem
  }
}

const isProblemAnswer = (response: Response) =>
  response.headers.get('content-type')?.startsWith('application/problem+json') ?? false

/** The data of a successful call, or a GatewayRequestError: `const ticket = dataOrThrow(await client.GET(...))`. */
export function dataOrThrow<Data>(result: GatewayResult<Data>): Data {
  if (!result.response.ok) throw new GatewayRequestError(result.response, result.error)
  return result.data as Data
}
