import { fileURLToPath } from 'node:url'

/**
 * The parts of HaloPSA's OpenAPI document (3.6 MB, outside the repository: ../shared/vendor-specs/
 * halopsa-openapi.json) that the conformance test test/integration/halopsa-spec.test.ts needs, kept in
 * test/fixtures/halopsa-spec-subset.json so the test runs on a fresh clone: the documented query parameters of the
 * operations the adapter calls, and the record schemas of the endpoints it uses, as JSON Schema (OpenAPI's
 * `nullable` as a `null` type; formats and descriptions dropped; a reference to a schema outside the subset
 * accepts anything). Regenerate with `npx tsx scripts/extract-halopsa-spec-subset.ts [path/to/halopsa-openapi.json]`.
 */

export const HALOPSA_SPEC_PATH = fileURLToPath(
  new URL('../../shared/vendor-specs/halopsa-openapi.json', import.meta.url),
)
export const HALOPSA_SPEC_SUBSET_PATH = fileURLToPath(
  new URL('../test/fixtures/halopsa-spec-subset.json', import.meta.url),
)

/** The operations the adapter calls (adapters/halopsa/), as the document names them. */
export const HALOPSA_OPERATIONS: readonly string[] = [
  'GET /Tickets',
  'GET /Tickets/{id}',
  'POST /Tickets',
  'GET /Actions',
  'POST /Actions',
  'GET /Client',
  'GET /Client/{id}',
  'POST /Client',
  'GET /Asset',
  'GET /Asset/{id}',
  'POST /Asset',
  'GET /AssetType/{id}',
  'GET /Status',
  'GET /Priority',
  'GET /TicketType',
  'GET /Team',
  'GET /Agent',
  'GET /Users',
  'GET /Users/{id}',
  'POST /Users',
  'GET /FieldInfo',
  'GET /FieldInfo/{id}',
]

/**
 * The record schemas: the POST bodies' items (`Faults`, `Actions`, `Area`, `Device`) and the reference records
 * (`TStatus`, `Policy`, `RequestType`, `SectionDetail` for a team, `Xtype` with `TypeInfo` for an asset type), with
 * `FieldHelper` (an asset's fields), custom fields (`CustomField` a record's value, `FieldInfo` a definition, `Lookup` a
 * selection's choice); and for the emulator's other routes `Uname` (an agent), `Site`, `Users`, `InvoiceHeader` with
 * `InvoiceDetail` (an invoice and its lines) and `TimesheetEvent`. The document's GET operations declare no response content, so which schema a
 * GET answers with is the test's reading (the collection's POST body, the reference record of the same name).
 */
export const HALOPSA_SCHEMAS: readonly string[] = [
  'Faults',
  'Actions',
  'Area',
  'Device',
  'FieldHelper',
  'TStatus',
  'Policy',
  'RequestType',
  'SectionDetail',
  'Xtype',
  'TypeInfo',
  'Uname',
  'Site',
  'Users',
  'CustomField',
  'FieldInfo',
  'Lookup',
  'InvoiceHeader',
  'InvoiceDetail',
  'TimesheetEvent',
]

type Json = Record<string, unknown>

export interface HalopsaSpecSubset {
  source: string
  /** Per operation: its documented query parameters (lower-cased) and, for a POST, its body's item schema. */
  operations: Record<string, { parameters: string[]; bodyItems?: string }>
  /** JSON Schema definitions, referenced as `#/definitions/<name>`. */
  definitions: Record<string, Json>
}

export function extractHalopsaSpecSubset(spec: Json): HalopsaSpecSubset {
  const paths = spec.paths as Record<string, Record<string, Json>>
  const schemas = (spec.components as Json).schemas as Record<string, Json>
  const operations: HalopsaSpecSubset['operations'] = {}
  for (const operation of HALOPSA_OPERATIONS) {
    const [method, path] = operation.split(' ') as [string, string]
    const found = paths[path]?.[method.toLowerCase()]
    if (!found) throw new Error(`the document has no ${operation}`)
    const parameters = ((found.parameters as Json[] | undefined) ?? [])
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => String(parameter.name).toLowerCase())
    const body = (found.requestBody as Json | undefined)?.content as Record<string, Json> | undefined
    const items = ((body?.['application/json']?.schema as Json | undefined)?.items as Json | undefined)?.$ref
    operations[operation] = {
      parameters: [...new Set(parameters)].sort(),
      ...(typeof items === 'string' ? { bodyItems: items.split('/').at(-1) } : {}),
    }
  }
  const definitions: Record<string, Json> = {}
  for (const name of HALOPSA_SCHEMAS) {
    const schema = schemas[name]
    if (!schema) throw new Error(`the document has no schema ${name}`)
    definitions[name] = toJsonSchema(schema)
  }
  return { source: 'halopsa-openapi.json (HaloPSA API, OpenAPI 3.0.1)', operations, definitions }
}

function toJsonSchema(schema: Json): Json {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').at(-1)!
    return HALOPSA_SCHEMAS.includes(name) ? { $ref: `#/definitions/${name}` } : {}
  }
  const out: Json = {}
  if (typeof schema.type === 'string') out.type = schema.nullable ? [schema.type, 'null'] : schema.type
  if (Array.isArray(schema.enum)) out.enum = schema.nullable ? [...schema.enum, null] : schema.enum
  if (schema.items) out.items = toJsonSchema(schema.items as Json)
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, Json>).map(([key, value]) => [
        key,
        toJsonSchema(value),
      ]),
    )
  }
  if (typeof schema.additionalProperties === 'boolean') out.additionalProperties = schema.additionalProperties
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key])) {
      const parts = (schema[key] as Json[]).map(toJsonSchema)
      // A nullable reference (`{"allOf":[{"$ref"}],"nullable":true}`) may be null too.
      if (schema.nullable) return { anyOf: [{ [key]: parts }, { type: 'null' }] }
      out[key] = parts
    }
  }
  return out
}
