import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { OPENAPI_PATH, openApiDocument } from '../../scripts/openapi-document.js'

it('openapi/openapi.json is what the code generates (run npm run openapi after changing a route)', async () => {
  const committed = await readFile(OPENAPI_PATH, 'utf8')
  expect(await openApiDocument()).toBe(committed)
})

it('documents every canonical route with named schemas', async () => {
  const document = JSON.parse(await openApiDocument())
  const paths = Object.keys(document.paths)
  for (const resource of ['tickets', 'customers', 'assets']) {
    expect(paths).toContain(`/v1/connections/{connection}/${resource}`)
    expect(paths).toContain(`/v1/connections/{connection}/${resource}/{id}`)
  }
  for (const path of ['tickets/{ticketId}/comments', 'statuses', 'priorities', 'ticket-types']) {
    expect(paths).toContain(`/v1/connections/{connection}/${path}`)
  }
  expect(paths).toEqual(expect.arrayContaining(['/v1/connections', '/healthz', '/readyz']))
  expect(Object.keys(document.components.schemas)).toEqual(
    expect.arrayContaining(['Ticket', 'Comment', 'Customer', 'Asset', 'Problem']),
  )
  const list = document.paths['/v1/connections/{connection}/tickets'].get
  expect(list.responses['200'].content['application/json'].schema.$ref).toBe(
    '#/components/schemas/TicketPage',
  )
  expect(list.responses['400'].content['application/problem+json'].schema.$ref).toBe(
    '#/components/schemas/Problem',
  )
})

it('names every operation with a unique operationId, so generated clients get stable names', async () => {
  const document = JSON.parse(await openApiDocument()) as {
    paths: Record<string, Record<string, { operationId?: string }>>
  }
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      at: `${method} ${path}`,
      id: operation.operationId,
    })),
  )
  expect(operations.filter((operation) => !operation.id)).toEqual([])
  const ids = operations.map((operation) => operation.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids).toEqual(
    expect.arrayContaining(['listTickets', 'getTicket', 'createTicketComment', 'listTicketTypes']),
  )
})

it('describes every tag and names the server relative to the gateway serving it', async () => {
  const document = JSON.parse(await openApiDocument()) as {
    tags: Array<{ name: string; description?: string }>
    servers: Array<{ url: string }>
  }
  expect(document.tags.filter((tag) => !tag.description)).toEqual([])
  expect(document.servers).toEqual([expect.objectContaining({ url: '/' })])
})

it('describes every operation, parameter and answer, and gives each problem answer an example of its status', async () => {
  interface Operation {
    description?: string
    parameters?: Array<{ name: string; description?: string; schema?: { description?: string } }>
    responses: Record<
      string,
      { description: string; content?: Record<string, { example?: { status: number } }> }
    >
  }
  const document = JSON.parse(await openApiDocument()) as { paths: Record<string, Record<string, Operation>> }
  const gaps: string[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const at = `${method} ${path}`
      if (!operation.description) gaps.push(`${at}: no description`)
      for (const parameter of operation.parameters ?? [])
        if (!parameter.description && !parameter.schema?.description)
          gaps.push(`${at} ${parameter.name}: no description`)
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (answer.description === 'Default Response')
          gaps.push(`${at} ${status}: described as 'Default Response'`)
        const problem = answer.content?.['application/problem+json']
        if (problem && problem.example?.status !== Number(status))
          gaps.push(`${at} ${status}: no example of its own`)
      }
    }
  }
  expect(gaps).toEqual([])
})

it("writes a nullable field as type: [X, 'null'], which the response serializer writes without a validator", async () => {
  const unions: string[] = []
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}[${index}]`))
    else if (node && typeof node === 'object') {
      const anyOf = (node as { anyOf?: Array<{ type?: unknown }> }).anyOf
      // Only a union of one typed schema and null could be written so: one of references (ChangeEvent.data,
      // one of four records or null) needs the validator whatever its form.
      const typed = anyOf?.filter((option) => option.type !== undefined && option.type !== 'null')
      if (anyOf?.some((option) => option.type === 'null') && typed?.length === anyOf.length - 1)
        unions.push(at)
      for (const [key, value] of Object.entries(node)) walk(value, `${at}.${key}`)
    }
  }
  walk(JSON.parse(await openApiDocument()).components.schemas, 'components.schemas')
  expect(unions).toEqual([])
})

/** Redocly's own report of one document: its recommended rules (redocly.yaml), as JSON. */
async function redoclyProblems(path: string): Promise<Array<{ ruleId: string; message: string }>> {
  const { stdout } = await promisify(execFile)(
    'node_modules/.bin/redocly',
    ['lint', '--format=json', '--max-problems=100', path],
    { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
  ).catch((failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }))
  return (JSON.parse(stdout) as { problems: Array<{ ruleId: string; message: string }> }).problems.map(
    ({ ruleId, message }) => ({ ruleId, message }),
  )
}

it("lints clean under an outside linter's recommended rules (Redocly): no error, no warning", async () => {
  expect(await redoclyProblems(fileURLToPath(OPENAPI_PATH))).toEqual([])
})
