import { request, type Dispatcher } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startConnectWiseEmulator, type ConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'

// `processNotifications` on ConnectWise ticket and note writes ("Can be set to false to skip notification
// processing when adding or updating a ticket (Defaults to True)": ConnectWise's Ticket and ServiceNote models,
// spinen/connectwise-service-php-client): accepted on POST, PUT and PATCH, logged by the emulator.

let cw: ConnectWiseEmulator

beforeAll(async () => {
  cw = await startConnectWiseEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
})

afterAll(async () => {
  await cw?.close()
})

async function api(path: string, method: string, body: unknown) {
  const member = cw.members[0] as { publicKey: string; privateKey: string }
  const credentials = Buffer.from(`${cw.companyId}+${member.publicKey}:${member.privateKey}`).toString(
    'base64',
  )
  const response = await request(`${cw.baseUrl}${path}`, {
    method: method as Dispatcher.HttpMethod,
    headers: {
      authorization: `Basic ${credentials}`,
      clientid: cw.clientIds[0] as string,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })
  const text = await response.body.text()
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted field by field
  return { status: response.statusCode, json: (text === '' ? undefined : JSON.parse(text)) as any }
}

const lastLog = () => cw.db.notifications.at(-1)

describe('processNotifications', () => {
  it('is taken on ticket creates and replacements, true unless sent false', async () => {
    const company = { id: [...cw.db.companies.values()].find((c) => !c.deletedFlag)!.id }
    const quiet = await api('/service/tickets', 'POST', {
      summary: 'Quiet',
      company,
      processNotifications: false,
    })
    expect(quiet.status).toBe(201)
    expect(lastLog()).toEqual({
      resource: 'ticket',
      id: quiet.json.id,
      method: 'POST',
      processNotifications: false,
    })
    expect(quiet.json).not.toHaveProperty('processNotifications')
    const loud = await api('/service/tickets', 'POST', { summary: 'Loud', company })
    expect(lastLog()).toMatchObject({ id: loud.json.id, processNotifications: true })
    const replaced = await api(`/service/tickets/${loud.json.id}`, 'PUT', {
      summary: 'Replaced',
      company,
      ProcessNotifications: false,
    })
    expect(replaced.status).toBe(200)
    expect(lastLog()).toEqual({
      resource: 'ticket',
      id: loud.json.id,
      method: 'PUT',
      processNotifications: false,
    })
  })

  it('is taken on a ticket PATCH as an operation, alone or with the fields it changes', async () => {
    const ticket = [...cw.db.tickets.values()][0]!
    const patched = await api(`/service/tickets/${ticket.id}`, 'PATCH', [
      { op: 'replace', path: 'summary', value: 'Patched quietly' },
      { op: 'replace', path: '/processNotifications', value: false },
    ])
    expect(patched.status).toBe(200)
    expect(patched.json).toMatchObject({ summary: 'Patched quietly' })
    expect(lastLog()).toEqual({
      resource: 'ticket',
      id: ticket.id,
      method: 'PATCH',
      processNotifications: false,
    })
    const alone = await api(`/service/tickets/${ticket.id}`, 'PATCH', [
      { op: 'replace', path: 'processNotifications', value: true },
    ])
    expect(alone.status).toBe(200)
    expect(alone.json).toMatchObject({ summary: 'Patched quietly' })
    expect(lastLog()).toMatchObject({ id: ticket.id, processNotifications: true })
  })

  it('is taken on note creates', async () => {
    const ticket = [...cw.db.tickets.values()][1]!
    const note = await api(`/service/tickets/${ticket.id}/notes`, 'POST', {
      text: 'No mail, please',
      detailDescriptionFlag: true,
      processNotifications: false,
    })
    expect(note.status).toBe(201)
    expect(lastLog()).toEqual({
      resource: 'ticketNote',
      id: note.json.id,
      method: 'POST',
      processNotifications: false,
    })
  })

  it('must be true or false, and a refused write is not logged', async () => {
    const ticket = [...cw.db.tickets.values()][2]!
    const logged = cw.db.notifications.length
    const answers = [
      await api(`/service/tickets/${ticket.id}/notes`, 'POST', {
        text: 'x',
        detailDescriptionFlag: true,
        processNotifications: 'no',
      }),
      await api(`/service/tickets/${ticket.id}`, 'PATCH', [
        { op: 'replace', path: 'processNotifications', value: 0 },
      ]),
    ]
    for (const answer of answers) {
      expect(answer.status).toBe(400)
      expect(answer.json).toMatchObject({
        code: 'InvalidObject',
        errors: [expect.objectContaining({ code: 'InvalidArgument', field: 'processNotifications' })],
      })
    }
    expect(cw.db.notifications).toHaveLength(logged)
  })
})
