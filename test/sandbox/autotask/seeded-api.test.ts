import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAutotaskEmulator, type AutotaskEmulator } from '../../../sandbox/autotask/index.js'
import { callJson } from '../http.js'

// The seeded emulator over HTTP: what its routes and entities answer together.

let autotask: AutotaskEmulator
beforeAll(async () => {
  autotask = await startAutotaskEmulator({ thresholdLatencyMs: { half: 0, threeQuarters: 0 } })
})
afterAll(() => autotask.close())

function api(path: string, method = 'GET', body?: unknown) {
  const user = autotask.apiUsers[0]!
  const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
  return callJson(`${autotask.baseUrl}${path}`, { method, headers, body })
}

describe('routing without case', () => {
  it('tells `fields` from `Fields` in any case', async () => {
    for (const path of ['/Tickets/entityInformation/FIELDS', '/tickets/ENTITYINFORMATION/Fields']) {
      const answer = await api(path)
      expect(answer.status, path).toBe(200)
      expect(
        answer.json.fields.map((field: { name: string }) => field.name),
        path,
      ).toContain('status')
    }
    const hook = await api('/TicketWebhooks', 'POST', {
      webhookUrl: 'http://127.0.0.1:9/hook',
      deactivationUrl: 'http://127.0.0.1:9/off',
    })
    for (const path of [
      `/TicketWebhooks/${hook.json.itemId}/fields`,
      `/ticketwebhooks/${hook.json.itemId}/FIELDS`,
    ])
      expect(await api(path), path).toMatchObject({ status: 200, json: { items: [] } })
    await api(`/TicketWebhooks/${hook.json.itemId}`, 'DELETE')
  })
})
