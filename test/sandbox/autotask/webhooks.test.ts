import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAutotaskEmulator, type AutotaskEmulator } from '../../../sandbox/autotask/index.js'
import { autotaskJson } from '../../../sandbox/autotask/webhooks/deliveries.js'
import { startReceiver, type Receiver } from '../../helpers/event-receiver.js'
import { callJson } from '../http.js'

let autotask: AutotaskEmulator
let receiver: Receiver
beforeAll(async () => {
  autotask = await startAutotaskEmulator({ thresholdLatencyMs: { half: 0, threeQuarters: 0 } })
  receiver = await startReceiver()
})
afterAll(async () => {
  await autotask.close()
  await receiver.close()
})

function api(path: string, method = 'GET', body?: unknown) {
  const user = autotask.apiUsers[0]!
  const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
  return callJson(`${autotask.baseUrl}${path}`, { method, headers, body })
}

const SECRET = 'callout-secret'

describe('TicketWebhooks registered through the API', () => {
  let webhookId: number
  let statusFieldId: number

  it('registers a callout, refusing one without its URLs, and offers the fields it may watch', async () => {
    expect((await api('/TicketWebhooks', 'POST', { name: 'gateway' })).status).toBe(500)
    const created = await api('/TicketWebhooks', 'POST', {
      name: 'gateway',
      webhookUrl: receiver.url,
      deactivationUrl: `${receiver.url}/off`,
      secretKey: SECRET,
      isActive: true,
      isSubscribedToCreateEvents: true,
      isSubscribedToUpdateEvents: true,
    })
    expect(created).toMatchObject({ status: 200, json: { itemId: expect.any(Number) } })
    webhookId = created.json.itemId
    const hook = (await api(`/TicketWebhooks/${webhookId}`)).json.item
    expect(hook).toMatchObject({ isReady: false, webhookGUID: expect.any(String) })
    const fields = (await api('/TicketWebhookFields/entityInformation/fields')).json.fields
    const fieldId = fields.find((field: { name: string }) => field.name === 'fieldID')
    const status = fieldId.picklistValues.find((value: { label: string }) => value.label === 'status')
    statusFieldId = Number(status.value)
    const subscribed = await api(`/TicketWebhooks/${webhookId}/Fields`, 'POST', {
      fieldID: statusFieldId,
      isSubscribedField: true,
    })
    expect(subscribed.status).toBe(200)
    expect((await api(`/TicketWebhooks/${webhookId}`)).json.item.isReady).toBe(true)
    expect((await api(`/TicketWebhooks/${webhookId}/Fields`, 'POST', { fieldID: 99999 })).status).toBe(500)
  })

  it("calls out an update of a watched field, signed with the callout's secret", async () => {
    const ticket = [...autotask.db.tickets.values()].find((candidate) => candidate.status !== 5)!
    const before = receiver.received.length
    expect((await api('/Tickets', 'PATCH', { id: ticket.id, title: 'unwatched change' })).status).toBe(200)
    expect((await api('/Tickets', 'PATCH', { id: ticket.id, status: 5 })).status).toBe(200)
    await autotask.webhooks.settled()
    const received = receiver.received.slice(before)
    expect(received).toHaveLength(1)
    const { body, headers } = received[0]!
    expect(JSON.parse(body)).toEqual({
      Action: 'Update',
      Guid: expect.any(String),
      EntityType: 'Ticket',
      Id: ticket.id,
      Fields: { status: 5 },
      EventTime: expect.any(String),
      SequenceNumber: expect.any(Number),
      PersonID: autotask.db.apiResourceID,
    })
    expect(headers['x-hook-signature']).toBe(
      `sha1=${createHmac('sha1', SECRET).update(body).digest('base64')}`,
    )
  })

  it("writes JSON as Autotask's serializer does, so signatures over the raw body match", () => {
    expect(autotaskJson({ text: `a&b <c> 'd' +e é \`f\` "g" \\ \u007f`, n: 1e21 })).toBe(
      '{"text":"a\\u0026b \\u003Cc\\u003E \\u0027d\\u0027 \\u002Be \\u00E9 \\u0060f\\u0060 \\u0022g\\u0022 \\\\ \u007f","n":1e+21}',
    )
  })

  it('calls nothing out for a callout that is not active', async () => {
    await api('/TicketWebhooks', 'PATCH', { id: webhookId, isActive: false })
    const ticket = [...autotask.db.tickets.values()].find((candidate) => candidate.status === 5)!
    const before = receiver.received.length
    await api('/Tickets', 'PATCH', { id: ticket.id, status: 1 })
    await autotask.webhooks.settled()
    expect(receiver.received.length).toBe(before)
  })

  it('deletes a callout and its fields (SWAGGER DELETE /{Kind}Webhooks/{id}); one it does not have is a 500', async () => {
    expect(await api(`/TicketWebhooks/${webhookId}`, 'DELETE')).toMatchObject({
      status: 200,
      json: { itemId: webhookId },
    })
    expect((await api(`/TicketWebhooks/${webhookId}`)).json.item).toBeNull()
    expect((await api(`/TicketWebhooks/${webhookId}/Fields`)).json.items).toEqual([])
    expect((await api(`/TicketWebhooks/${webhookId}`, 'DELETE')).status).toBe(500)
  })
})

describe('callouts of the other watched entities', () => {
  it("offers Company Name and Company Type as fields 7 and 24, and calls out a company's watched change", async () => {
    const fields = (await api('/CompanyWebhookFields/entityInformation/fields')).json.fields
    const fieldId = fields.find((field: { name: string }) => field.name === 'fieldID')
    const labels = Object.fromEntries(
      fieldId.picklistValues.map((value: { value: string; label: string }) => [value.value, value.label]),
    )
    expect(labels).toMatchObject({ 7: 'companyName', 24: 'companyType' })
    for (const kind of ['Contact', 'ConfigurationItem', 'TicketNote']) {
      const offered = (await api(`/${kind}WebhookFields/entityInformation/fields`)).json.fields
      const values = offered.find((field: { name: string }) => field.name === 'fieldID').picklistValues
      expect(values.length, kind).toBeGreaterThan(0)
    }
    const hook = await api('/CompanyWebhooks', 'POST', {
      webhookUrl: receiver.url,
      deactivationUrl: `${receiver.url}/off`,
      isActive: true,
      isSubscribedToUpdateEvents: true,
    })
    await api(`/CompanyWebhooks/${hook.json.itemId}/Fields`, 'POST', { fieldID: 7, isSubscribedField: true })
    const company = [...autotask.db.companies.values()][1]!
    const before = receiver.received.length
    await api('/Companies', 'PATCH', { id: company.id, companyName: 'Renamed Ltd' })
    await autotask.webhooks.settled()
    const [callout] = receiver.received.slice(before)
    expect(JSON.parse(callout!.body)).toMatchObject({
      EntityType: 'Company',
      Id: company.id,
      Fields: { companyName: 'Renamed Ltd' },
    })
    await api(`/CompanyWebhooks/${hook.json.itemId}`, 'DELETE')
  })

  it('refuses a duplicate callout: the same entity, URL and events', async () => {
    const callout = {
      webhookUrl: `${receiver.url}/dup`,
      deactivationUrl: `${receiver.url}/off`,
      isSubscribedToCreateEvents: true,
    }
    const first = await api('/ContactWebhooks', 'POST', callout)
    expect(first.status).toBe(200)
    expect(await api('/ContactWebhooks', 'POST', callout)).toMatchObject({
      status: 500,
      json: { errors: [expect.stringContaining('already exists')] },
    })
    const other = await api('/ContactWebhooks', 'POST', { ...callout, isSubscribedToCreateEvents: false })
    expect(other.status).toBe(200)
    expect(
      (await api('/ContactWebhooks', 'PATCH', { id: other.json.itemId, isSubscribedToCreateEvents: true }))
        .status,
    ).toBe(500)
    expect((await api('/CompanyWebhooks', 'POST', callout)).status).toBe(200)
  })
})
