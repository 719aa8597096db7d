import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../scripts/openapi-document.js'
import { DEFAULT_PAGE_SIZE } from '../../src/canonical/page.js'
import { json } from '../helpers/gateway.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../helpers/vendors.js'

/**
 * What Swagger UI's "Try it out" sends when the user types nothing but the connection: every parameter it pre-fills
 * (an example, or a required parameter's default). Every list of a connection, a ticket's comments included, must
 * then answer 200 with records, on every vendor.
 */

interface Parameter {
  name: string
  in: 'query' | 'path' | 'header'
  required?: boolean
  example?: unknown
  examples?: Record<string, { value: unknown }>
  schema?: { default?: unknown; example?: unknown; examples?: unknown[] }
}

/** The value Swagger UI fills in before the user types, if any. */
function prefilled(parameter: Parameter): unknown {
  const example =
    parameter.example ??
    Object.values(parameter.examples ?? {})[0]?.value ??
    parameter.schema?.example ??
    parameter.schema?.examples?.[0]
  if (example !== undefined) return example
  return parameter.required ? parameter.schema?.default : undefined
}

const document = JSON.parse(await openApiDocument()) as {
  paths: Record<string, { get?: { parameters?: Parameter[] } }>
}
/** The lists of one connection (a GET of a collection, not of one record), nested ones included. */
const lists = Object.entries(document.paths).flatMap(([path, item]) =>
  item.get && path.startsWith('/v1/connections/{connection}/') && !path.endsWith('}')
    ? [{ path, parameters: item.get.parameters ?? [] }]
    : [],
)

describe.each(VENDOR_FIXTURES)("$vendor connection: Swagger UI's Try it out, nothing typed", (fixture) => {
  let vendor: VendorUnderTest
  let hasBoards: boolean
  beforeAll(async () => {
    vendor = await fixture.start()
    hasBoards = json<{ capabilities: { boards: boolean } }>(await vendor.app.inject(vendor.base)).capabilities
      .boards
  })
  afterAll(() => vendor.close())

  it('covers the lists of the document', () => {
    expect(lists.map((list) => list.path.split('/').at(-1))).toEqual(
      expect.arrayContaining([
        'tickets',
        'customers',
        'assets',
        'comments',
        'statuses',
        'priorities',
        'ticket-types',
        'boards',
        'contacts',
        'agents',
      ]),
    )
  })

  it.each(lists)('GET $path answers 200 with records', async ({ path, parameters }) => {
    let url = path.replace('/v1/connections/{connection}', vendor.base)
    for (const parameter of parameters.filter((candidate) => candidate.in === 'path')) {
      if (parameter.name === 'connection') continue
      const value = prefilled(parameter)
      expect(value, `${parameter.name} would have to be typed`).toBeDefined()
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(value)))
    }
    const query = new URLSearchParams()
    for (const parameter of parameters.filter((candidate) => candidate.in === 'query')) {
      const value = prefilled(parameter)
      if (value !== undefined) query.set(parameter.name, String(value))
    }
    if (query.size) url += `?${query}`
    const response = await vendor.app.inject(url)
    expect([response.statusCode, url]).toEqual([200, url])
    // The event feed holds what the event sources logged, and none runs yet (docs/events.md, its status); a
    // vendor without boards has none to list.
    if (!path.endsWith('/events')) {
      const empty = path.endsWith('/boards') && !hasBoards
      expect(json<{ data: unknown[] }>(response).data.length > 0).toBe(!empty)
    }
  })

  it('pages by the default page size when pageSize is left out (it is optional, with its default)', async () => {
    const response = await vendor.app.inject(`${vendor.base}/tickets`)
    expect(json<{ data: unknown[] }>(response).data).toHaveLength(DEFAULT_PAGE_SIZE)
  })
})
