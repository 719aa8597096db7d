import { fileURLToPath } from 'node:url'

/**
 * The parts of Syncro's OpenAPI document the emulator's conformance test needs (test/integration/
 * sandbox-syncro.test.ts): each response example, or schema where the document gives no example, of the
 * operations the emulator serves. Kept in the repository so that test runs on a fresh clone; the document
 * itself lives outside it (../shared/vendor-specs/syncro-openapi.json). Regenerate with
 * `npx tsx scripts/extract-syncro-spec-examples.ts [path/to/syncro-openapi.json]`.
 */

export const SYNCRO_SPEC_PATH = fileURLToPath(
  new URL('../../shared/vendor-specs/syncro-openapi.json', import.meta.url),
)
export const SYNCRO_SPEC_EXAMPLES_PATH = fileURLToPath(
  new URL('../test/fixtures/syncro-spec-examples.json', import.meta.url),
)

/** The operations the emulator serves (sandbox/syncro/routes/index.ts), as the document names them. */
export const SYNCRO_OPERATIONS: readonly string[] = [
  'GET /tickets',
  'POST /tickets',
  'GET /tickets/{id}',
  'PUT /tickets/{id}',
  'DELETE /tickets/{id}',
  'GET /tickets/{id}/comments',
  'POST /tickets/{id}/comment',
  'POST /tickets/{id}/timer_entry',
  'PUT /tickets/{id}/update_timer_entry',
  'POST /tickets/{id}/delete_timer_entry',
  'POST /tickets/{id}/charge_timer_entry',
  'GET /ticket_timers',
  // The document's path has no leading slash (a typo); the emulator serves /ticket_timers/{id}.
  'PATCH ticket_timers/{id}',
  'GET /invoices',
  'GET /invoices/{id}',
  'GET /tickets/settings',
  'GET /customers',
  'POST /customers',
  'GET /customers/{id}',
  'PUT /customers/{id}',
  'GET /customer_assets',
  'POST /customer_assets',
  'GET /customer_assets/{id}',
  'PUT /customer_assets/{id}',
  'GET /users',
  'GET /users/{id}',
  'GET /settings',
  'GET /contacts',
  'GET /contacts/{id}',
  'POST /contacts',
  'PUT /contacts/{id}',
  'DELETE /contacts/{id}',
]

/** Per response status: the example, the named examples' values, or the schema when there is no example. */
export interface SpecResponse {
  example?: unknown
  examples?: Record<string, unknown>
  schema?: unknown
}

export interface SyncroSpecExamples {
  source: string
  version: string
  operations: Record<string, Record<string, SpecResponse>>
}

interface OpenApiContent {
  example?: unknown
  examples?: Record<string, { value?: unknown }>
  schema?: unknown
}
interface OpenApiDocument {
  info?: { title?: string; version?: string }
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, OpenApiContent> }> }>
  >
}

export function extractSyncroSpecExamples(spec: OpenApiDocument): SyncroSpecExamples {
  const operations: SyncroSpecExamples['operations'] = {}
  for (const operation of SYNCRO_OPERATIONS) {
    const [method = '', path = ''] = operation.split(' ')
    const responses = spec.paths[path]?.[method.toLowerCase()]?.responses
    if (!responses) throw new Error(`the document has no ${operation}`)
    operations[operation] = {}
    for (const [status, response] of Object.entries(responses)) {
      const content = Object.values(response.content ?? {})[0]
      if (!content) continue
      const kept: SpecResponse = {}
      if (content.example !== undefined) kept.example = content.example
      else if (content.examples)
        kept.examples = Object.fromEntries(
          Object.entries(content.examples).map(([name, example]) => [name, example.value]),
        )
      else if (content.schema !== undefined) kept.schema = content.schema
      operations[operation][status] = kept
    }
  }
  return {
    source: `${spec.info?.title ?? 'Syncro'} OpenAPI document (vendor-specs/syncro-openapi.json), the operations the emulator serves; regenerate with npx tsx scripts/extract-syncro-spec-examples.ts`,
    version: spec.info?.version ?? '',
    operations,
  }
}
