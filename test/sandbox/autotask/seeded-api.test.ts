import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAutotaskEmulator, type AutotaskEmulator } from '../../../sandbox/autotask/index.js'
import { callJson } from '../http.js'

// The seeded emulator over HTTP: what its routes and entities answer together.

let autotask: AutotaskEmulator
beforeAll(async () => {
  autotask = await startAutotaskEmulator({ thresholdLatencyMs: { half: 0, threeQuarters: 0 } })
})
afterAll(() => autotask.close())

/** A call with the API user's credentials; `path` after the zone's API base, or a whole URL. */
function api(path: string, method = 'GET', body?: unknown) {
  const user = autotask.apiUsers[0]!
  const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
  const url = path.startsWith('http') ? path : `${autotask.baseUrl}${path}`
  return callJson(url, { method, headers, body })
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

describe('child lists', () => {
  it('pages a list of more than 500 children on to the child entity query', async () => {
    const ticket = [...autotask.db.tickets.values()].at(-1)!
    const had = autotask.db.notesOf(ticket.id).length
    for (let n = had; n < 503; n++)
      autotask.db.insert('ticketNotes', {
        ticketID: ticket.id,
        title: null,
        description: `note ${n}`,
        noteType: 1,
        publish: 1,
        creatorResourceID: null,
        createDateTime: '2026-01-01T00:00:00.000Z',
        lastActivityDate: '2026-01-01T00:00:00.000Z',
        userDefinedFields: [],
      })
    const first = await api(`/Tickets/${ticket.id}/Notes`)
    expect(first.json.pageDetails).toMatchObject({ count: 500, nextPageUrl: expect.any(String) })
    const rest = await api(first.json.pageDetails.nextPageUrl, 'POST')
    expect(rest.json.pageDetails).toMatchObject({ count: 3, nextPageUrl: null })
    const ids = [...first.json.items, ...rest.json.items].map((note: { id: number }) => note.id)
    expect(ids).toEqual(autotask.db.notesOf(ticket.id).map((note) => note.id))
  })
})

describe('records', () => {
  it('carries userDefinedFields on notes and time entries, as their swagger models do', async () => {
    for (const entity of ['TicketNotes', 'TimeEntries']) {
      const { json } = await api(`/${entity}/query`, 'POST', {
        filter: [{ op: 'gte', field: 'id', value: 0 }],
      })
      expect(json.items.length, entity).toBeGreaterThan(0)
      for (const item of json.items) expect(item.userDefinedFields, entity).toEqual([])
    }
  })
})

describe('what Autotask serves and the sandbox does not', () => {
  it('answers 501 for PUT, a contact delete under its company, and a resource update', async () => {
    const contact = [...autotask.db.contacts.values()][0]!
    for (const [method, path] of [
      ['PUT', '/Tickets'],
      ['PUT', '/Companies/0/Contacts'],
      ['DELETE', `/Companies/${contact.companyID}/Contacts/${contact.id}`],
      ['PATCH', '/Resources'],
      ['PUT', '/Resources'],
    ] as const) {
      const answer = await api(path, method, { id: 1 })
      expect(answer.status, `${method} ${path}`).toBe(501)
      expect(answer.json.Message, `${method} ${path}`).toContain('not emulated')
    }
    expect(autotask.db.contacts.has(contact.id)).toBe(true)
    expect((await api('/Resources/entityInformation')).json.info).toMatchObject({
      canUpdate: true,
      canCreate: false,
    })
    expect((await api('/Resources', 'POST', { firstName: 'x' })).status).toBe(405)
  })
})
