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
    // Listed, as ConnectWise's API member is: the notes, time entries and companies it makes name it.
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
