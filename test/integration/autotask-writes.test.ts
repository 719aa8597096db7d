import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startAutotaskGateway, type AutotaskGateway } from '../helpers/gateway.js'

// Autotask's refusals of a business rule (a 500 with `errors`) as the caller sees them: a 422 naming the canonical
// field the message names.

let gateway: AutotaskGateway
const base = '/v1/connections/autotask-test'

beforeAll(async () => {
  gateway = await startAutotaskGateway()
})
afterAll(() => gateway.close())

const send = (method: 'POST' | 'PATCH', path: string, payload: unknown) =>
  gateway.app.inject({ method, url: `${base}${path}`, payload: payload as string })

interface Problem {
  status: number
  code: string
  errors?: Array<{ field?: string; message: string }>
}

const customerId = () =>
  String(
    [...gateway.emulator.db.companies.values()].find((company) => company.isActive && company.id > 0)!.id,
  )

describe('an Autotask refusal naming a field', () => {
  it("names an asset's type when Autotask has no such configuration item type", async () => {
    const product = [...gateway.emulator.db.products.values()][0]!
    const before = gateway.emulator.db.configurationItems.size
    const response = await send('POST', '/assets', {
      name: 'Unknown type',
      customerId: customerId(),
      typeId: '999',
      model: product.manufacturerProductName,
    })
    expect(response.statusCode, response.body).toBe(422)
    expect(json<Problem>(response).errors).toEqual([
      { field: 'typeId', message: 'Picklist value [999] does not exist for configurationItemType' },
    ])
    expect(gateway.emulator.db.configurationItems.size).toBe(before)
  })

  it('refuses a ticket assigned to the API-only user, naming the assignee, which /agents lists', async () => {
    const apiUser = String(gateway.emulator.db.apiResourceID)
    const agents = json<{ data: Array<{ id: string; active: boolean }> }>(
      await gateway.app.inject(`${base}/agents?pageSize=100`),
    ).data
    // Listed, as ConnectWise's API member is: the notes the gateway writes name it.
    expect(agents.map((agent) => agent.id)).toContain(apiUser)
    const before = gateway.emulator.db.tickets.size
    const created = await send('POST', '/tickets', {
      subject: 'Assigned to the API user',
      customerId: customerId(),
      assigneeId: apiUser,
    })
    expect(created.statusCode, created.body).toBe(422)
    expect(json<Problem>(created).errors?.map((error) => error.field)).toEqual(['assigneeId'])
    expect(gateway.emulator.db.tickets.size).toBe(before)

    const ticket = json<{ id: string }>(
      await send('POST', '/tickets', { subject: 'Unassigned', customerId: customerId() }),
    )
    const updated = await send('PATCH', `/tickets/${ticket.id}`, { assigneeId: apiUser })
    expect(updated.statusCode, updated.body).toBe(422)
    expect(json<Problem>(updated).errors?.map((error) => error.field)).toEqual(['assigneeId'])
    expect(gateway.emulator.db.tickets.get(Number(ticket.id))!.assignedResourceID).toBeNull()
  })
})

describe("the connection's default resource, where the API user may not be one", () => {
  it('owns the companies the gateway creates; without one, a customer create is refused before any call', async () => {
    const created = json<{ id: string }>(
      await send('POST', '/customers', { name: 'Owned Ltd', phone: '555-0100' }),
    )
    expect(gateway.emulator.db.companies.get(Number(created.id))!.ownerResourceID).toBe(
      Number(gateway.connection.defaultResourceId),
    )

    const without = await startAutotaskGateway({ connection: { defaultResourceId: undefined } })
    try {
      const before = without.emulator.db.companies.size
      const refused = await without.app.inject({
        method: 'POST',
        url: '/v1/connections/autotask-test/customers',
        payload: { name: 'Unowned Ltd', phone: '555-0100' },
      })
      expect(refused.statusCode, refused.body).toBe(501)
      expect(without.emulator.db.companies.size).toBe(before)
      // The connection declares no customer create, and /meta says so; updates stay.
      const meta = json<{ create: unknown; update: unknown }>(
        await without.app.inject('/v1/connections/autotask-test/meta/customers'),
      )
      expect(meta.create).toBeNull()
      expect(meta.update).not.toBeNull()

      const ticket = [...without.emulator.db.tickets.values()][0]!
      const entries = without.emulator.db.timeEntries.size
      const unnamed = await without.app.inject({
        method: 'POST',
        url: `/v1/connections/autotask-test/tickets/${ticket.id}/time-entries`,
        payload: { startedAt: '2025-03-03T08:00:00Z', minutes: 30 },
      })
      expect(unnamed.statusCode, unnamed.body).toBe(400)
      expect(json<Problem>(unnamed).errors).toEqual([
        { field: 'agentId', message: 'required at this connection' },
      ])
      expect(without.emulator.db.timeEntries.size).toBe(entries)
    } finally {
      await without.close()
    }
  })

  it("holds time that names no agent; time named as the API user's is refused, naming the agent", async () => {
    const ticket = [...gateway.emulator.db.tickets.values()][0]!
    const path = `/tickets/${ticket.id}/time-entries`
    const entry = { startedAt: '2025-03-03T08:00:00Z', minutes: 30 }
    const created = json<{ id: string; agent: { id: string } }>(await send('POST', path, entry))
    expect(created.agent.id).toBe(gateway.connection.defaultResourceId)

    const entries = gateway.emulator.db.timeEntries.size
    const refused = await send('POST', path, { ...entry, agentId: String(gateway.emulator.db.apiResourceID) })
    expect(refused.statusCode, refused.body).toBe(422)
    expect(json<Problem>(refused).errors?.map((error) => error.field)).toEqual(['agentId'])
    expect(gateway.emulator.db.timeEntries.size).toBe(entries)
  })
})
