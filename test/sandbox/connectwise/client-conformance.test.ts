import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { ManageAPI } from 'connectwise-rest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONNECTWISE_PRIORITY_COLORS } from '../../helpers/connectwise-model.js'
import { startConnectWiseEmulator, type ConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'

// Conformance: the public ConnectWise Node client from the npm registry (connectwise-rest, pinned in
// devDependencies) run against the ConnectWise emulator, doing what its README shows (Usage, Pagination, APIs
// Without Typings, Code Examples, Manage Conditions Example). The client only speaks https
// (`https://{companyUrl}/{entryPoint}/apis/3.0`), so the emulator sits behind a TLS reverse proxy that sets
// X-Forwarded-Proto, as a real deployment's would; the proxy's certificate is the test-only one in
// test/fixtures/tls, trusted through the https global agent for this file only. When this test fails, the
// emulator is at fault (or the client changed): never adjust the client's calls to make it pass.

const fixtures = fileURLToPath(new URL('../../fixtures/tls/', import.meta.url))

let cw: ConnectWiseEmulator
let proxy: https.Server
let companyUrl = ''
let cwm: ManageAPI
const previousCa = https.globalAgent.options.ca

/** What the client's calls reject with: `{status, data, message}` (connectwise-rest's Manage.api). */
interface ClientError {
  status?: number
  data?: { code?: string; message?: string; errors?: { field: string; code: string }[] }
}

async function rejectionOf(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise
  } catch (error) {
    return error as ClientError
  }
  throw new Error('expected the call to be refused')
}

/** A GET through the proxy with the client's credentials, for what the client does not expose (headers). */
function rawGet(
  path: string,
  auth = true,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const member = cw.members[0] as { publicKey: string; privateKey: string }
  const authorization = `Basic ${Buffer.from(`${cw.companyId}+${member.publicKey}:${member.privateKey}`).toString('base64')}`
  return new Promise((resolve, reject) => {
    const request = https.get(
      `https://${companyUrl}${path}`,
      { headers: auth ? { authorization, clientId: cw.clientIds[0] as string } : {} },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      },
    )
    request.on('error', reject)
  })
}

beforeAll(async () => {
  cw = await startConnectWiseEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
  const target = new URL(cw.origin)
  proxy = https.createServer(
    {
      key: readFileSync(`${fixtures}server-key.pem`),
      cert: readFileSync(`${fixtures}server.pem`),
    },
    (incoming, outgoing) => {
      const forward = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, 'x-forwarded-proto': 'https' },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        },
      )
      forward.on('error', () => outgoing.destroy())
      incoming.pipe(forward)
    },
  )
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  companyUrl = `127.0.0.1:${(proxy.address() as AddressInfo).port}`
  https.globalAgent.options.ca = readFileSync(`${fixtures}ca.pem`)
  const member = cw.members[0] as { publicKey: string; privateKey: string }
  // The README's Manage Usage, with the emulator's site and keys.
  cwm = new ManageAPI({
    companyId: cw.companyId,
    companyUrl,
    publicKey: member.publicKey,
    privateKey: member.privateKey,
    clientId: cw.clientIds[0] as string,
    entryPoint: 'v4_6_release',
    timeout: 20000,
    retry: false,
    logger: () => {},
  })
})

afterAll(async () => {
  https.globalAgent.options.ca = previousCa
  https.globalAgent.destroy()
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()))
  await cw?.close()
})

const tickets = () => [...cw.db.tickets.values()]

describe('connectwise-rest README examples against the emulator', () => {
  it('gets a ticket and reads its number, summary and status name', async () => {
    const ticket = await cwm.ServiceAPI.getServiceTicketsById(1)
    const record = cw.db.tickets.get(1)
    expect(ticket.id).toBe(1)
    expect(ticket.summary).toBe(record?.summary)
    expect(ticket.status?.name).toBe(cw.db.statuses.get(record?.statusId as number)?.name)
  })

  it('creates a ticket on a board by name for a company by identifier, then changes its status', async () => {
    const board = cw.db.boards.get(1)
    const company = cw.db.companies.get(2)
    const ticket = await cwm.ServiceAPI.postServiceTickets({
      summary: 'This is the summary',
      board: { name: board?.name },
      company: { identifier: company?.identifier },
      initialDescription: 'ticket description',
      recordType: 'ServiceTicket',
    })
    expect(ticket.id).toEqual(expect.any(Number))
    expect(ticket).toMatchObject({ board: { id: 1 }, company: { id: 2 } })
    const next = cw.db.statusesOf(1).find((status) => status.id !== ticket.status?.id && !status.inactive)
    const patched = await cwm.ServiceAPI.patchServiceTicketsById(ticket.id as number, [
      { op: 'replace', path: 'status', value: { id: next?.id } },
    ])
    expect(patched.status?.id).toBe(next?.id)
    const notes = await cwm.ServiceAPI.getServiceTicketsByParentIdNotes(ticket.id as number)
    expect(notes.map((note) => note.text)).toEqual(['ticket description'])
  })

  it('refuses an unknown board name with the vendor error', async () => {
    const error = await rejectionOf(
      cwm.ServiceAPI.postServiceTickets({
        summary: 'Nowhere',
        board: { name: 'No Such Board' },
        company: { identifier: cw.db.companies.get(2)?.identifier },
      }),
    )
    expect(error.status).toBe(400)
    expect(error.data).toMatchObject({ code: 'InvalidObject', errors: [{ field: 'board' }] })
  })

  it("runs the README's conditions example as ConnectWise reads it", async () => {
    const conditions =
      '(contact/name like "Fred%" and closedFlag = false) and dateEntered > [2015-12-23T05:53:27Z] or summary contains "test" AND  summary != "Some Summary"'
    // Arranged so that both branches match something: a contact named Fred... with open tickets, and a
    // ticket about a test, created through the client.
    const withOpenTicket = tickets().find((t) => t.contactId !== null && !t.closedFlag)
    const fred = cw.db.contacts.get(withOpenTicket?.contactId as number)
    if (fred) fred.firstName = 'Fredrik'
    await cwm.ServiceAPI.postServiceTickets({
      summary: 'Printer test page comes out blank',
      board: { id: 1 },
      company: { id: 2 },
    })
    const found = await cwm.ServiceAPI.getServiceTickets({ conditions, pageSize: 1000 })
    const contactName = (id: number | null) => {
      const contact = id === null ? undefined : cw.db.contacts.get(id)
      return contact ? `${contact.firstName} ${contact.lastName}`.trim() : ''
    }
    const expected = tickets()
      .filter(
        (t) =>
          (contactName(t.contactId).toLowerCase().startsWith('fred') &&
            !t.closedFlag &&
            t.info.dateEntered > '2015-12-23T05:53:27Z') ||
          (t.summary.toLowerCase().includes('test') && t.summary.toLowerCase() !== 'some summary'),
      )
      .map((t) => t.id)
    expect(expected).toContain(withOpenTicket?.id)
    expect(expected.some((id) => cw.db.tickets.get(id)?.summary.includes('test'))).toBe(true)
    expect(found.map((ticket) => ticket.id)).toEqual(expected)
    const count = await cwm.ServiceAPI.getServiceTicketsCount({ conditions })
    expect(count.count).toBe(expected.length)
  })

  it('paginates every matching ticket with paginate()', async () => {
    const all = (await cwm.paginate(
      cwm.ServiceAPI.getServiceTickets,
      { startPage: 1, pageSize: 20 },
      {
        conditions: 'board/id = 1 and closedFlag = false',
      },
    )) as { id: number }[]
    const expected = tickets()
      .filter((t) => t.boardId === 1 && !t.closedFlag)
      .map((t) => t.id)
    expect(expected.length).toBeGreaterThan(20)
    expect(all.map((ticket) => ticket.id)).toEqual(expected)
  })

  it('lists through request() without typings, and searches tickets by POST', async () => {
    const listed = (await cwm.request({
      path: '/service/tickets',
      method: 'get',
      params: { conditions: 'board/id = 3', orderBy: 'id desc', fields: 'id,summary', pageSize: 1000 },
    })) as { id: number; summary: string }[]
    const expected = tickets()
      .filter((t) => t.boardId === 3)
      .map((t) => t.id)
      .reverse()
    expect(listed.map((ticket) => ticket.id)).toEqual(expected)
    expect(Object.keys(listed[0] ?? {})).toEqual(['id', 'summary'])
    const searched = await cwm.ServiceAPI.postServiceTicketsSearch({
      conditions: 'board/id = 3',
      orderBy: 'id desc',
    })
    expect(searched.map((ticket) => ticket.id)).toEqual(expected.slice(0, 25))
  })

  it('reads priorities and members in the shape of its generated models', async () => {
    const priorities = await cwm.ServiceAPI.getServicePriorities()
    expect(priorities.length).toBe(cw.db.priorities.size)
    for (const priority of priorities) expect(CONNECTWISE_PRIORITY_COLORS).toContain(priority.color)
    const members = await cwm.SystemAPI.getSystemMembers({ conditions: "identifier = 'jsmith'" })
    expect(members).toEqual([expect.objectContaining({ identifier: 'jsmith', licenseClass: 'F' })])
    for (const field of ['defaultEmail', 'defaultPhone', 'hireDate', 'invoicingDisplayOptions'] as const)
      expect(members[0]?.[field]).toEqual(expect.any(String))
  })

  it('answers companyinfo without credentials and https Link URLs behind TLS', async () => {
    const info = await rawGet(`/login/companyinfo/${cw.companyId}`, false)
    expect(info.status).toBe(200)
    expect(JSON.parse(info.body)).toMatchObject({ Codebase: 'v4_6_release/', CompanyID: cw.companyId })
    const page = await rawGet('/v4_6_release/apis/3.0/service/tickets?pageSize=10')
    expect(page.status).toBe(200)
    expect(page.headers.link).toContain(
      `<https://${companyUrl}/v4_6_release/apis/3.0/service/tickets?pageSize=10&page=2>; rel="next"`,
    )
  })
})
