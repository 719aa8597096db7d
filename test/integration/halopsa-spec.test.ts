import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HALOPSA_SPEC_SUBSET_PATH, type HalopsaSpecSubset } from '../../scripts/halopsa-spec-subset.js'
import { json, startGateway, startHaloGateway, type Gateway, type HaloGateway } from '../helpers/gateway.js'
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js'

// The HaloPSA emulator and adapter against HaloPSA's OpenAPI document: the record schemas of the endpoints the
// adapter uses (what the emulator answers, what the adapter writes) and the query parameters the adapter sends.
// The parts of the document this needs are kept in the repository (scripts/extract-halopsa-spec-subset.ts
// extracts them from ../shared/vendor-specs/halopsa-openapi.json), so it runs on a fresh clone.

const spec = JSON.parse(readFileSync(HALOPSA_SPEC_SUBSET_PATH, 'utf8')) as HalopsaSpecSubset
const ajv = new Ajv({ strict: false, allErrors: true })
ajv.addSchema({ $id: 'halopsa', definitions: spec.definitions })
const validators = new Map<string, ValidateFunction>()
const validatorOf = (schema: string) => {
  let validate = validators.get(schema)
  if (!validate) {
    validate = ajv.compile({ $ref: `halopsa#/definitions/${schema}` })
    validators.set(schema, validate)
  }
  return validate
}

/** Schema errors of one record, as readable lines (empty when it conforms). */
function problems(schema: string, record: unknown): string[] {
  const validate = validatorOf(schema)
  if (validate(record)) return []
  return (validate.errors ?? []).map(
    (error) =>
      `${schema}${error.instancePath} ${error.message}${
        error.params && 'additionalProperty' in error.params
          ? ` '${String(error.params.additionalProperty)}'`
          : ''
      }`,
  )
}

let gateway: HaloGateway
let proxy: RecordingProxy
let recorded: Gateway
let token: string
const base = '/v1/connections/halopsa-spec'

beforeAll(async () => {
  gateway = await startHaloGateway()
  proxy = await startRecordingProxy(gateway.emulator.origin)
  recorded = await startGateway([{ ...gateway.connection, id: 'halopsa-spec', baseUrl: proxy.origin }])
  const client = gateway.emulator.clients[0]!
  const answer = await request(`${gateway.emulator.authUrl}/token?tenant=${gateway.emulator.tenant}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).toString(),
  })
  token = ((await answer.body.json()) as { access_token: string }).access_token
})
afterAll(async () => {
  await recorded?.close()
  await proxy?.close()
  await gateway?.close()
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted against the schemas
async function vendor(path: string): Promise<any> {
  const answer = await request(`${gateway.emulator.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(answer.statusCode, path).toBe(200)
  return answer.body.json()
}

describe("the emulator's answers conform to the spec's record schemas", () => {
  it.each([
    ['/Tickets?count=50', 'tickets', 'Faults'],
    ['/Actions?ticket_id=1', 'actions', 'Actions'],
    ['/Client?includeinactive=true', 'clients', 'Area'],
    ['/Asset?includeinactive=true&count=50', 'assets', 'Device'],
    ['/Site?count=50', 'sites', 'Site'],
    ['/Users?count=50', 'users', 'Users'],
  ])('GET %s: every record is a %s', async (path, key, schema) => {
    const body = await vendor(path)
    expect(typeof body.record_count).toBe('number')
    expect(body[key].length).toBeGreaterThan(0)
    expect((body[key] as unknown[]).flatMap((record) => problems(schema, record))).toEqual([])
  })

  it.each([
    ['/Tickets/1?includedetails=true', 'Faults'],
    ['/Client/1', 'Area'],
    ['/Asset/1', 'Device'],
    ['/AssetType/1', 'Xtype'],
    ['/Status/9', 'TStatus'],
    ['/Agent/1', 'Uname'],
    ['/Team/1', 'SectionDetail'],
    ['/TicketType/1', 'RequestType'],
  ])('GET %s is a %s', async (path, schema) => {
    expect(problems(schema, await vendor(path))).toEqual([])
  })

  it.each([
    ['/Status', 'TStatus'],
    ['/Priority', 'Policy'],
    ['/TicketType', 'RequestType'],
    ['/Team', 'SectionDetail'],
    ['/Agent?includedisabled=true', 'Uname'],
  ])('GET %s answers an array of %s', async (path, schema) => {
    const body = (await vendor(path)) as unknown[]
    expect(body.length).toBeGreaterThan(0)
    expect(body.flatMap((record) => problems(schema, record))).toEqual([])
  })
})

describe("the adapter's calls conform to the spec", () => {
  const routeOf = (method: string, path: string) => {
    const operation = Object.keys(spec.operations).find((name) => {
      const [m, p] = name.split(' ') as [string, string]
      const pattern = new RegExp(`^/api${p.replace('{id}', '\\d+')}$`, 'i')
      return m === method && pattern.test(path)
    })
    return operation
  }

  beforeAll(async () => {
    const { db } = gateway.emulator
    const ticket = [...db.tickets.values()][3]!
    const client = [...db.clients.values()].find((c) => !c.inactive)!
    const asset = [...db.assets.values()].find((a) => !a.inactive)!
    const team = [...db.teams.values()][1]!
    const inject = async (method: string, url: string, payload?: object) => {
      const response = await recorded.app.inject({ method: method as 'GET', url: `${base}${url}`, payload })
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300)
      return json(response)
    }
    const since = '2025-01-01T00:00:00Z'
    await inject('GET', `/tickets?pageSize=5&status=open,pending&customerId=${client.id}&q=printer`)
    await inject(
      'GET',
      `/tickets?pageSize=5&statusId=1&assigneeId=2&updatedSince=${since}&createdSince=${since}`,
    )
    await inject('GET', `/tickets/${ticket.id}`)
    await inject('POST', '/tickets', {
      subject: 'Spec check',
      description: 'Written by the conformance test',
      customerId: String(client.id),
      status: 'open',
      priorityId: '3',
      boardId: String(team.id),
      dueAt: '2030-01-01T00:00:00Z',
    })
    await inject('PATCH', `/tickets/${ticket.id}`, {
      subject: 'Renamed',
      assigneeId: '2',
      boardId: String(team.id),
    })
    await inject('GET', `/tickets/${ticket.id}/comments?createdSince=${since}`)
    await inject('POST', `/tickets/${ticket.id}/comments`, { body: 'A note', visibility: 'public' })
    await inject('GET', '/customers?pageSize=5&q=a')
    await inject('GET', `/customers/${client.id}`)
    await inject('POST', '/customers', { name: 'Spec Check Ltd', website: 'https://spec.example' })
    await inject('PATCH', `/customers/${client.id}`, { website: 'https://renamed.example' })
    await inject('GET', `/assets?pageSize=5&customerId=${client.id}&q=a`)
    await inject('GET', `/assets/${asset.id}`)
    await inject('POST', '/assets', {
      name: 'SPEC-01',
      customerId: String(client.id),
      typeId: String(asset.assettype_id),
      serialNumber: 'SN-SPEC',
      manufacturer: 'Dell',
      model: 'OptiPlex',
    })
    await inject('PATCH', `/assets/${asset.id}`, { serialNumber: 'SN-SPEC-2' })
    for (const list of ['statuses', 'priorities', 'ticket-types']) await inject('GET', `/${list}`)
  })

  it('calls only operations the spec documents, with only their documented query parameters', () => {
    const calls = proxy.requests.filter((r) => r.url.startsWith('/api/'))
    expect(calls.length).toBeGreaterThan(15)
    const undocumented = calls.flatMap((call) => {
      const [path = '', search = ''] = call.url.split('?')
      const operation = routeOf(call.method, path)
      if (!operation) return [`${call.method} ${path}: no such operation`]
      const documented = spec.operations[operation]!.parameters
      return [...new URLSearchParams(search).keys()]
        .filter((name) => !documented.includes(name.toLowerCase()))
        .map((name) => `${operation}: ${name}`)
    })
    expect(undocumented).toEqual([])
  })

  it("writes bodies the spec's POST schemas accept (arrays of Faults, Actions, Area, Device)", () => {
    const posts = proxy.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/'))
    expect(new Set(posts.map((post) => post.url))).toEqual(
      new Set(['/api/Tickets', '/api/Actions', '/api/Client', '/api/Asset']),
    )
    const found = posts.flatMap((post) => {
      const schema = spec.operations[routeOf('POST', post.url)!]!.bodyItems!
      const body = JSON.parse(post.body) as unknown[]
      expect(Array.isArray(body)).toBe(true)
      return body.flatMap((item) => problems(schema, item))
    })
    expect(found).toEqual([])
  })

  it("would catch a field the spec's schema does not have (team_id on a ticket, a FieldHelper id as text)", () => {
    expect(problems('Faults', { summary: 'x', team_id: 2 })).toEqual([
      "Faults must NOT have additional properties 'team_id'",
    ])
    expect(problems('Device', { fields: [{ id: 'Serial Number', value: 'x' }] }).length).toBeGreaterThan(0)
  })
})
