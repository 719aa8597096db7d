import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../helpers/vendors.js'

/**
 * Property-based fuzzing of every route the OpenAPI document describes, with values drawn from the document's
 * own parameter names and body properties (and some it does not know): whatever comes in, the gateway answers
 * below 500, every error is problem+json, and a request it refuses as invalid (400) writes nothing at the vendor.
 */

interface Operation {
  method: 'GET' | 'POST' | 'PATCH'
  path: string
  query: string[]
  bodyProperties: string[] | undefined
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown; tags?: string[] }
    >
  >
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
}

const document = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as OpenApi

// The passthrough answers what the vendor answers, a vendor 4xx or 5xx as it is: its own refusals are tested in
// test/integration/connections/passthrough.test.ts, its path rules by a property test (test/unit/passthrough-path).
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([, operation]) => !operation.tags?.includes('Passthrough'))
    .map(([method, operation]) => {
      const ref = (
        operation.requestBody as { content?: { 'application/json'?: { schema?: { $ref?: string } } } }
      )?.content?.['application/json']?.schema?.$ref
      const schema = ref ? document.components.schemas[ref.split('/').pop()!] : undefined
      return {
        method: method.toUpperCase() as Operation['method'],
        path,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyProperties: operation.requestBody ? Object.keys(schema?.properties ?? {}) : undefined,
      }
    }),
)

/** Text with the troublemakers: ids, dates, enums, huge numbers, unicode, injection attempts, empties. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('1', '0', '-1', '007', '99999999999999999999', '1e3', ' 2 ', 'abc', '', ' '),
  fc.constantFrom('open', 'closed,pending', 'high', 'critical,low', 'remote', 'internal', 'public'),
  fc.constantFrom(
    '2025-01-01T00:00:00Z',
    '2016-12-31T23:59:60Z',
    '2025-02-30T00:00:00Z',
    '2024-01-01T00:00:00+01',
  ),
  fc.constantFrom(
    '" or 1=1 --',
    "') or ('a'='a",
    '{"$gt":""}',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '😀'.repeat(50),
  ),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
)

const jsonValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('line1', 'city', 'x', 'country'), text, { maxKeys: 3 }),
)

/** Mostly the operation's own query parameters (so requests get past validation), sometimes anything. */
const queryFor = (operation: Operation) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.dictionary(fc.constantFrom(...operation.query, 'include'), text, { maxKeys: 4 }),
    },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 }) },
  )

/** Mostly the body's own properties; any JSON where the body has none named (a vendor's callback). */
const bodyFor = (properties: string[]) =>
  properties.length === 0
    ? jsonValue
    : fc.oneof(
        { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...properties), jsonValue, { maxKeys: 6 }) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.constantFrom(...properties, 'extra'), jsonValue, { maxKeys: 6 }),
        },
        { weight: 1, arbitrary: jsonValue },
      )

const requestFor = (operation: Operation, connection: string, ids: string[]) =>
  fc.record({
    connection: fc.oneof({ weight: 5, arbitrary: fc.constant(connection) }, { weight: 1, arbitrary: text }),
    ids: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...ids) },
        { weight: 2, arbitrary: fc.constantFrom('0', '007', '-1', 'abc', '99999999999999999999', '1.5') },
        { weight: 1, arbitrary: text },
      ),
      { minLength: 2, maxLength: 2 },
    ),
    query: queryFor(operation),
    body: operation.bodyProperties ? bodyFor(operation.bodyProperties) : fc.constant(undefined),
  })

const writesAtVendor = (vendor: VendorUnderTest) =>
  Object.entries(vendor.stats.byRoute)
    // HaloPSA's token endpoint is a POST that writes nothing.
    .filter(([route]) => !route.startsWith('GET ') && !route.endsWith('/auth/token'))
    .reduce((sum, [, count]) => sum + count, 0)

describe.each(VENDOR_FIXTURES)('$vendor connection: fuzzed input', (fixture) => {
  let vendor: VendorUnderTest
  beforeAll(async () => {
    vendor = await fixture.start()
  })
  afterAll(() => vendor.close())

  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    '%s answers below 500, problem+json on errors, nothing written when refused',
    async (_, operation) => {
      const connection = vendor.base.split('/').pop()!
      const sample = vendor.sample()
      await fc.assert(
        fc.asyncProperty(
          requestFor(operation, connection, [sample.ticketId, sample.customerId]),
          async ({ connection: name, ids, query, body }) => {
            let index = 0
            const path = operation.path.replace(/\{(\w+)\}/g, (_, param: string) =>
              encodeURIComponent(param === 'connection' ? name : (ids[index++ % ids.length] ?? '1')),
            )
            const writesBefore = writesAtVendor(vendor)
            const response = await vendor.app.inject({
              method: operation.method,
              url: `${path}?${new URLSearchParams(query)}`,
              ...(body === undefined
                ? {}
                : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
            })
            expect(response.statusCode, response.body).toBeLessThan(500)
            if (response.statusCode >= 400) {
              expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
              const problem = JSON.parse(response.body) as { code?: string; detail?: string; status?: number }
              expect(problem.status).toBe(response.statusCode)
              expect(typeof problem.code).toBe('string')
              expect(problem.detail).toBeTruthy()
            }
            if (response.statusCode === 400) expect(writesAtVendor(vendor)).toBe(writesBefore)
          },
        ),
        { numRuns: 25 },
      )
    },
  )
})
