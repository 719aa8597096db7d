import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startGateway, startHaloGateway, type Gateway, type HaloGateway } from '../helpers/gateway.js'
import { problems, spec } from '../helpers/halopsa-spec.js'
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js'

// The HaloPSA adapter against HaloPSA's OpenAPI document: the operations and query parameters it calls, the
// bodies it writes (the emulator's answers are checked against the same document in
// test/sandbox/halopsa/spec-conformance.test.ts).

let gateway: HaloGateway
let proxy: RecordingProxy
let recorded: Gateway
const base = '/v1/connections/halopsa-spec'

beforeAll(async () => {
  gateway = await startHaloGateway()
  proxy = await startRecordingProxy(gateway.emulator.origin)
  recorded = await startGateway([{ ...gateway.connection, id: 'halopsa-spec', baseUrl: proxy.origin }])
})
afterAll(async () => {
  await recorded?.close()
  await proxy?.close()
  await gateway?.close()
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
    await inject('GET', `/tickets/${ticket.id}/time-entries?agentId=2&createdSince=${since}`)
    await inject('GET', `/time-entries?pageSize=5&startedSince=${since}&updatedSince=${since}`)
    await inject('POST', `/tickets/${ticket.id}/time-entries`, {
      startedAt: '2030-01-01T09:00:00Z',
      minutes: 30,
      notes: 'Spec check time',
      billable: false,
      agentId: '2',
    })
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
    for (const list of ['statuses', 'priorities', 'ticket-types', 'agents', 'boards'])
      await inject('GET', `/${list}`)
    const user = [...db.users.values()][2]!
    await inject('GET', `/contacts?pageSize=5&customerId=${client.id}&q=a`)
    await inject('GET', `/contacts/${user.id}`)
    await inject('POST', '/contacts', {
      customerId: String(client.id),
      firstName: 'Spec',
      lastName: 'Check',
      email: 'spec@check.example',
      phone: '01632 000000',
      mobile: '07700 900000',
      title: 'Tester',
    })
    await inject('PATCH', `/contacts/${user.id}`, { active: false })
    for (const resource of ['tickets', 'customers', 'assets', 'contacts']) {
      const { customFields } = (await inject('GET', `/meta/${resource}`)) as {
        customFields: Array<{ id: string; type: string; options: string[] | null }>
      }
      const select = customFields.find((field) => field.type === 'select')!
      const path = {
        tickets: `/tickets/${ticket.id}`,
        customers: `/customers/${client.id}`,
        assets: `/assets/${asset.id}`,
        contacts: `/contacts/${user.id}`,
      }[resource]!
      await inject('PATCH', path, { customFields: [{ id: select.id, value: select.options![0] }] })
    }
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

  it("writes bodies the spec's POST schemas accept (arrays of Faults, Actions, Area, Device, Users)", () => {
    const posts = proxy.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/api/'))
    expect(new Set(posts.map((post) => post.url))).toEqual(
      new Set(['/api/Tickets', '/api/Actions', '/api/Client', '/api/Asset', '/api/Users']),
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
