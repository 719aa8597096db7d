import { createHash, createHmac } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startReceiver, type Receiver } from '../../helpers/event-receiver.js'
import { api, cw, fieldErrors, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

let receiver: Receiver
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
})
afterEach(() => {
  cw.db.callbacks.clear()
  receiver.received.length = 0
})

const register = (body: Record<string, unknown>) =>
  api('/system/callbacks', {
    method: 'POST',
    body: { url: `${receiver.url}?id=`, objectId: 0, type: 'ticket', level: 'owner', ...body },
  })

/** The n-th callback received from now on, parsed. */
async function nextCallback(count: number) {
  await receiver.waitFor(count)
  const received = receiver.received[count - 1]!
  return { ...received, payload: JSON.parse(received.body) as Record<string, unknown> }
}

const newTicket = (summary: string) =>
  api('/service/tickets', { method: 'POST', body: { summary, company: { id: 1 } } })

describe('ConnectWise /system/callbacks', () => {
  it('registers a callback as the captured answer shows it, and lists, patches and deletes it', async () => {
    const created = await register({ description: 'gateway', payloadVersion: '3.0.0' })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      url: `${receiver.url}?id=`,
      objectId: 1,
      type: 'ticket',
      level: 'owner',
      payloadVersion: '3.0.0',
      inactiveFlag: false,
      isSoapCallbackFlag: false,
      isSelfSuppressedFlag: false,
      _info: { updatedBy: expect.any(String) },
    })
    const id = created.json.id as number
    expect(created.json.connectWiseID).toMatch(/^[0-9a-f-]{36}$/)
    expect((await api('/system/callbacks')).json).toEqual([created.json])
    expect((await api('/system/callbacks/count')).json).toEqual({ count: 1 })

    const patched = await api(`/system/callbacks/${id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'inactiveFlag', value: true }],
    })
    expect(patched).toMatchObject({ status: 200, json: { inactiveFlag: true, url: `${receiver.url}?id=` } })
    expect((await api(`/system/callbacks/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await api(`/system/callbacks/${id}`)).status).toBe(404)
  })

  it('refuses a bad URL and an unknown level as ConnectWise does, and a duplicate', async () => {
    const bad = await register({ url: 'not a url', level: 'planet' })
    expect(bad).toMatchObject({
      status: 400,
      json: { code: 'InvalidObject', message: 'callbackEntry object is invalid' },
    })
    expect(bad.json.errors).toEqual([
      { code: 'InvalidField', message: 'Invalid URL', resource: 'callbackEntry', field: 'url' },
      {
        code: 'InvalidObject',
        message: 'Unrecognized level for type, see documentation for supported levels for each type',
        resource: 'callbackEntry',
        field: 'level',
      },
    ])
    expect(fieldErrors(await api('/system/callbacks', { method: 'POST', body: {} }))).toEqual([
      'url:NullOrEmpty',
      'type:NullOrEmpty',
      'level:NullOrEmpty',
      'objectId:NullOrEmpty',
    ])

    expect((await register({})).status).toBe(201)
    const duplicate = await register({ level: 'Owner' })
    expect(duplicate.status).toBe(400)
    expect(duplicate.json.errors).toEqual([
      {
        code: 'ObjectExists',
        message: 'A matching callback entry already exists',
        resource: 'callbackEntry',
        field: 'objectId',
      },
    ])
    expect(cw.db.callbacks.size).toBe(1)
  })
})

describe('ConnectWise callbacks', () => {
  it('posts a signed payload for a ticket added, updated and deleted through the API', async () => {
    const entry = (await register({})).json
    const ticket = (await newTicket('Callback me')).json
    const added = await nextCallback(1)
    expect(added.payload).toMatchObject({
      Action: 'added',
      Type: 'ticket',
      ID: ticket.id,
      CompanyId: cw.companyId,
      CallbackObjectRecId: entry.id,
      Metadata: { key_url: expect.stringContaining('/system/callbackkey/index.rails?') },
    })
    expect(JSON.parse(added.payload.Entity as string)).toMatchObject({
      id: ticket.id,
      summary: 'Callback me',
    })

    // The signature verifies with the key served at key_url, as Nango's receiver checks it.
    const keyUrl = (added.payload.Metadata as { key_url: string }).key_url
    const key = (await (await fetch(keyUrl)).json()) as { signing_key: string }
    const hashedKey = createHash('sha256').update(key.signing_key).digest()
    const expected = createHmac('sha256', hashedKey).update(added.body).digest('base64')
    expect(added.headers['x-content-signature']).toBe(expected)

    await api(`/service/tickets/${ticket.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'Renamed' }],
    })
    const updated = await nextCallback(2)
    expect(updated.payload).toMatchObject({ Action: 'updated', ID: ticket.id })
    expect(JSON.parse(updated.payload.Entity as string)).toMatchObject({ summary: 'Renamed' })

    await api(`/service/tickets/${ticket.id}`, { method: 'DELETE' })
    const deleted = await nextCallback(3)
    expect(deleted.payload).toMatchObject({ Action: 'deleted', ID: ticket.id, Entity: null })
    expect(cw.callbacks.sent.at(-1)).toMatchObject({ url: `${receiver.url}?id=${ticket.id}`, status: 204 })
  })

  it('calls back for a change made directly on the database, and only registrations it matches', async () => {
    const company = cw.db.companies.get(1)!
    await register({ type: 'company', level: 'company', objectId: company.id })
    await register({
      type: 'company',
      level: 'company',
      objectId: company.id + 1,
      url: `${receiver.url}?other=`,
    })
    await register({ type: 'configuration', level: 'owner' })
    cw.db.updateCompany(company, { name: 'Renamed directly' })
    const callback = await nextCallback(1)
    expect(callback.payload).toMatchObject({ Action: 'updated', Type: 'company', ID: company.id })
    expect(JSON.parse(callback.payload.Entity as string)).toMatchObject({ name: 'Renamed directly' })

    const ticket = [...cw.db.tickets.values()][0]!
    await register({ level: 'ticket', objectId: ticket.id })
    cw.db.deleteTicket(ticket.id)
    expect((await nextCallback(2)).payload).toMatchObject({
      Action: 'deleted',
      Type: 'ticket',
      ID: ticket.id,
    })
    await cw.callbacks.settled()
    expect(receiver.received).toHaveLength(2)
  })

  it('calls back for contacts by company or by the contact itself (captured contact callbacks)', async () => {
    await register({ type: 'contact', level: 'company', objectId: 2 })
    await register({ type: 'contact', level: 'company', objectId: 3, url: `${receiver.url}?other=` })
    const created = await api('/company/contacts', {
      method: 'POST',
      body: { firstName: 'Called', company: { id: 2 } },
    })
    const added = await nextCallback(1)
    expect(added.payload).toMatchObject({ Action: 'added', Type: 'contact', ID: created.json.id })
    expect(JSON.parse(added.payload.Entity as string)).toEqual(created.json)
    await register({
      type: 'contact',
      level: 'contact',
      objectId: created.json.id,
      url: `${receiver.url}?own=`,
    })
    await api(`/company/contacts/${created.json.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'title', value: 'Owner' }],
    })
    await receiver.waitFor(3)
    await cw.callbacks.settled()
    const urls = cw.callbacks.sent.slice(-3).map((call) => call.url)
    expect(urls.sort()).toEqual(
      [
        `${receiver.url}?id=${created.json.id}`,
        `${receiver.url}?id=${created.json.id}`,
        `${receiver.url}?own=${created.json.id}`,
      ].sort(),
    )
    expect(receiver.received).toHaveLength(3)
  })

  it('leaves out the registering member’s own changes when isSelfSuppressedFlag is set', async () => {
    const suppressed = (await register({ isSelfSuppressedFlag: true, url: `${receiver.url}?mine=` })).json
    await register({ url: `${receiver.url}?all=` })
    const before = cw.callbacks.sent.length
    const ticket = cw.db.tickets.get((await newTicket('Mine')).json.id as number)!
    const other = [...cw.db.members.values()].find((member) => member.id !== suppressed.memberId)!
    cw.db.updateTicket(ticket, { info: { ...ticket.info, updatedBy: other.identifier } })
    await cw.callbacks.settled()
    const calls = cw.callbacks.sent
      .slice(before)
      .map((attempt) => [new URL(attempt.url).search, attempt.body])
    expect(calls.map(([search]) => search).sort()).toEqual([
      `?all=${ticket.id}`,
      `?all=${ticket.id}`,
      `?mine=${ticket.id}`,
    ])
    const mine = calls.find(([search]) => search?.startsWith('?mine='))!
    expect(JSON.parse(mine[1]!)).toMatchObject({ Action: 'updated', MemberId: other.identifier })
  })
})
