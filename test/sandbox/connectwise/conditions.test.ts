import { describe, expect, it } from 'vitest'
import {
  type ContactRecord,
  type CustomFieldValues,
  type TicketRecord,
} from '../../../sandbox/connectwise/index.js'
import {
  api,
  cw,
  emailOf,
  listIds,
  q,
  quote,
  statusOf,
  ticketIds,
  tickets,
  useConnectWiseEmulator,
  valuesOf,
} from './helpers.js'

useConnectWiseEmulator()

describe('conditions', () => {
  const someTicket = () => tickets().find((ticket) => ticket.contactId && ticket.ownerId) as TicketRecord

  it('filters with each comparison operator', async () => {
    const pivot = 250
    expect(await listIds('/service/tickets', q(`id = ${pivot}`))).toEqual([pivot])
    expect(await listIds('/service/tickets', q(`id != ${pivot}`))).toEqual(ticketIds((t) => t.id !== pivot))
    expect(await listIds('/service/tickets', q(`id < ${pivot}`))).toEqual(ticketIds((t) => t.id < pivot))
    expect(await listIds('/service/tickets', q(`id <= ${pivot}`))).toEqual(ticketIds((t) => t.id <= pivot))
    expect(await listIds('/service/tickets', q(`id>${pivot}`))).toEqual(ticketIds((t) => t.id > pivot))
    expect(await listIds('/service/tickets', q(`id>=${pivot}`))).toEqual(ticketIds((t) => t.id >= pivot))
    const jam = await listIds('/service/tickets', q('summary contains "paper JAM"'))
    expect(jam.length).toBeGreaterThan(0)
    expect(jam).toEqual(ticketIds((t) => t.summary.toLowerCase().includes('paper jam')))
    const like = await listIds('/service/tickets', q('summary like "new hire:%"'))
    expect(like.length).toBeGreaterThan(0)
    expect(like).toEqual(ticketIds((t) => t.summary.startsWith('New hire:')))
    expect(await listIds('/service/tickets', q('id in (3, 5, 7)'))).toEqual([3, 5, 7])
    expect(await listIds('/service/tickets', q('board/id not in (1, 2)'))).toEqual(
      ticketIds((t) => t.boardId === 3),
    )
  })

  it('resolves nested fields and _info dates', async () => {
    const ticket = someTicket()
    const company = cw.db.companies.get(ticket.companyId)
    expect(await listIds('/service/tickets', q(`company/id = ${ticket.companyId}`))).toEqual(
      ticketIds((t) => t.companyId === ticket.companyId),
    )
    expect(
      await listIds('/service/tickets', q(`company/identifier = ${quote(company?.identifier ?? '')}`)),
    ).toEqual(ticketIds((t) => t.companyId === ticket.companyId))
    const newOnBoard = await listIds('/service/tickets', q('status/name = "New" and board/id = 1'))
    expect(newOnBoard).toEqual(ticketIds((t) => t.boardId === 1 && statusOf(t)?.name === 'New'))
    const owner = cw.db.members.get(ticket.ownerId as number)
    expect(
      await listIds('/service/tickets', q(`owner/identifier = "${owner?.identifier.toUpperCase()}"`)),
    ).toEqual(ticketIds((t) => t.ownerId === ticket.ownerId))
    const since = '2025-06-01T00:00:00Z'
    const expected = ticketIds((t) => Date.parse(t.info.lastUpdated) > Date.parse(since))
    expect(await listIds('/service/tickets', q(`lastUpdated > [${since}]`))).toEqual(expected)
    expect(await listIds('/service/tickets', q(`_info/lastUpdated > [2025-06-01T02:00:00+02:00]`))).toEqual(
      expected,
    )
    expect(await listIds('/service/tickets', q(`dateEntered < [2024-06-01T00:00:00Z]`))).toEqual(
      ticketIds((t) => t.info.dateEntered < '2024-06-01T00:00:00Z'),
    )
    expect(
      await listIds('/service/tickets', q('closedDate >= [2025-01-01T00:00:00Z] and closedFlag = true')),
    ).toEqual(ticketIds((t) => t.closedFlag && (t.closedDate ?? '') >= '2025-01-01T00:00:00Z'))
  })

  it('tests absence with = null and != null', async () => {
    expect(await listIds('/service/tickets', q('contact/id = null'))).toEqual(
      ticketIds((t) => t.contactId === null),
    )
    expect(await listIds('/service/tickets', q('owner/id != null'))).toEqual(
      ticketIds((t) => t.ownerId !== null),
    )
    expect(await listIds('/service/tickets', q('requiredDate = NULL'))).toEqual(
      ticketIds((t) => t.requiredDate === null),
    )
    const withoutOwner = ticketIds((t) => t.ownerId === null)
    const notJsmith = await listIds('/service/tickets', q('owner/identifier != "jsmith"'))
    expect(notJsmith.some((id) => withoutOwner.includes(id))).toBe(false)
  })

  it('binds and tighter than or, unless parenthesised', async () => {
    const board3 = (t: TicketRecord) => t.boardId === 3
    const closed = (t: TicketRecord) => t.closedFlag
    const p1 = (t: TicketRecord) => t.priorityId === 15
    expect(
      await listIds('/service/tickets', q('board/id = 3 or closedFlag = true and priority/id = 15')),
    ).toEqual(ticketIds((t) => board3(t) || (closed(t) && p1(t))))
    expect(
      await listIds('/service/tickets', q('(board/id = 3 or closedFlag = true) and priority/id = 15')),
    ).toEqual(ticketIds((t) => (board3(t) || closed(t)) && p1(t)))
  })

  it('compares text case-insensitively and reads keywords in any case', async () => {
    const upper = await listIds(
      '/service/tickets',
      q('SUMMARY = "OUTLOOK KEEPS ASKING FOR PASSWORD" OR Board/Name = "onboarding"'),
    )
    expect(upper).toEqual(
      ticketIds((t) => t.summary === 'Outlook keeps asking for password' || t.boardId === 3),
    )
    expect(await listIds('/service/tickets', q('board/id NOT IN (1) AND closedFlag = FALSE'))).toEqual(
      ticketIds((t) => t.boardId !== 1 && !t.closedFlag),
    )
  })

  it("takes single-quoted strings and not like / not contains, as ConnectWise's grammar does", async () => {
    expect(await listIds('/service/tickets', q("summary like 'new hire:%'"))).toEqual(
      ticketIds((t) => t.summary.startsWith('New hire:')),
    )
    expect(await listIds('/service/tickets', q("board/name = 'Onboarding'"))).toEqual(
      ticketIds((t) => t.boardId === 3),
    )
    const notJam = await listIds('/service/tickets', q('summary not contains "paper jam"'))
    expect(notJam).toEqual(ticketIds((t) => !t.summary.toLowerCase().includes('paper jam')))
    expect(notJam.length).toBeLessThan(cw.db.tickets.size)
    expect(await listIds('/service/tickets', q("summary NOT LIKE 'new hire:%' and board/id = 3"))).toEqual(
      ticketIds((t) => !t.summary.startsWith('New hire:') && t.boardId === 3),
    )
  })

  it('finds each awkward company name as one literal, and nothing by injection', async () => {
    const companies = [...cw.db.companies.values()]
    for (const name of ['"', "'", '(', '&', ' and ', ' or ', '\\', '%', '_', '[']) {
      const company = companies.find((candidate) => candidate.name.includes(name))
      if (!company) continue
      expect(await listIds('/company/companies', q(`name = ${quote(company.name)}`)), company.name).toEqual([
        company.id,
      ])
      expect(
        await listIds('/company/companies', q(`name contains ${quote(company.name.slice(1))}`)),
        company.name,
      ).toContain(company.id)
    }
    expect(await listIds('/company/companies', q('name = "x\\" or id > 0 or name = \\"y"'))).toEqual([])
    expect(await listIds('/company/companies', q('name contains ") or (id > 0"'))).toEqual([])
    const backslash = companies.find((company) => company.name.includes('\\'))
    expect(await listIds('/company/companies', q('name like "%\\\\%"'))).toEqual([backslash?.id])
    const percent = companies.filter((company) => company.name.includes('%')).map((company) => company.id)
    expect(await listIds('/company/companies', q('name contains "%"'))).toEqual(percent)
    const underscore = companies.filter((company) => company.name.includes('_')).map((company) => company.id)
    expect(await listIds('/company/companies', q('name like "%_%"'))).toEqual(underscore)
    const summaries = await listIds(
      '/service/tickets',
      q('summary = "Cannot open \\"Q3 Budget (final).xlsx\\""'),
    )
    expect(summaries.length).toBeGreaterThan(0)
    expect(summaries).toEqual(ticketIds((t) => t.summary === 'Cannot open "Q3 Budget (final).xlsx"'))
    const unc = await listIds('/service/tickets', q('summary contains "\\\\\\\\fs01\\\\shared"'))
    expect(unc).toEqual(ticketIds((t) => t.summary.includes('\\\\fs01\\shared')))
    expect(unc.length).toBeGreaterThan(0)
  })

  it('filters every resource, and counts what it filters', async () => {
    const company = [...cw.db.companies.values()].find((candidate) => candidate.deletedFlag)
    expect(await listIds('/company/companies', q('deletedFlag = true'))).toHaveLength(3)
    expect(await listIds('/company/companies', q('status/name = "Inactive"'))).toHaveLength(4)
    expect((await api(`/company/companies/count?${q('deletedFlag = false')}`)).json).toEqual({ count: 77 })
    expect(company).toBeDefined()
    const configurations = [...cw.db.configurations.values()]
    const firewallIds = configurations
      .filter((configuration) => cw.db.configurationTypes.get(configuration.typeId)?.name === 'Firewall')
      .map((configuration) => configuration.id)
    expect(await listIds('/company/configurations', q('type/name = "firewall"'))).toEqual(firewallIds)
    expect((await api(`/company/configurations/count?${q('type/name = "Firewall"')}`)).json).toEqual({
      count: firewallIds.length,
    })
    const companyId = configurations[0]?.companyId
    expect(
      await listIds('/company/configurations', q(`company/id = ${companyId} and activeFlag = true`)),
    ).toEqual(configurations.filter((c) => c.companyId === companyId && c.activeFlag).map((c) => c.id))
    const contacts = [...cw.db.contacts.values()]
      .filter((contact) => contact.companyId === 1)
      .map((contact) => contact.id)
    expect(await listIds('/company/contacts', q('company/id = 1'))).toEqual(contacts)
    expect((await api(`/company/contacts/count?${q('company/id = 1')}`)).json).toEqual({
      count: contacts.length,
    })
    expect(await listIds('/service/boards', q('inactiveFlag = false'))).toEqual([1, 2, 3])
    expect(await listIds('/service/boards/1/statuses', q('closedStatus = true'))).toEqual(
      cw.db
        .statusesOf(1)
        .filter((status) => status.closedStatus)
        .map((status) => status.id),
    )
    expect(await listIds('/service/priorities', q('level = "High"'))).toEqual([8, 15])
    expect(await listIds('/system/members', q('inactiveFlag = true'))).toHaveLength(1)
    const ticket = tickets().find((candidate) =>
      cw.db.notesOf(candidate.id).some((note) => note.internalAnalysisFlag),
    )
    const internal = cw.db
      .notesOf(ticket?.id as number)
      .filter((note) => note.internalAnalysisFlag)
      .map((note) => note.id)
    expect(await listIds(`/service/tickets/${ticket?.id}/notes`, q('internalAnalysisFlag = true'))).toEqual(
      internal,
    )
    expect(
      (await api(`/service/tickets/${ticket?.id}/notes/count?${q('internalAnalysisFlag = true')}`)).json,
    ).toEqual({
      count: internal.length,
    })
  })

  it('counts tickets with conditions as the list does', async () => {
    expect((await api('/service/tickets/count')).json).toEqual({ count: cw.db.tickets.size })
    const conditions = q('closedFlag = false and (priority/level = "High" or status/name contains "waiting")')
    const { json } = await api(`/service/tickets/count?${conditions}`)
    expect(json).toEqual({ count: (await listIds('/service/tickets', conditions)).length })
    expect(json.count).toBeGreaterThan(0)
  })

  it('answers 400 InvalidArgument with nothing else for malformed or mistyped conditions', async () => {
    for (const [conditions, message] of [
      ['summary = ', 'Expected a value at position 10'],
      ['summary = "open', 'Unterminated string starting at position 10'],
      ['(id = 1 or id = 2', "Expected ')' at position 17"],
      ['id = 1)', "Unexpected ')' at position 6"],
      ['id = 1 id', "Unexpected 'id' at position 7"],
      ['id in ()', 'Expected a value at position 7'],
      ['summary = "a\\x"', "Invalid escape sequence '\\x' at position 12"],
      ['nosuchfield = 1', "Unknown field 'nosuchfield'"],
      ['company/nosuch = 1', "Unknown field 'company/nosuch'"],
      ['id = "1"', "Cannot compare integer field 'id' with a string"],
      ['lastUpdated > "2025-01-01"', "Cannot compare datetime field 'lastUpdated' with a string"],
      ['company = 5', "Field 'company' is not a single value and cannot be compared"],
    ]) {
      for (const path of ['/service/tickets', '/service/tickets/count']) {
        const { status, json, headers } = await api(`${path}?${q(conditions as string)}`)
        expect(status, `${path} ${conditions}`).toBe(400)
        expect(json, `${path} ${conditions}`).toEqual({ code: 'InvalidArgument', message })
        expect(headers.link).toBeUndefined()
      }
    }
  })
})

describe('child and custom field conditions', () => {
  const cq = (name: string, conditions: string) => `${name}=${encodeURIComponent(conditions)}`

  it('applies childConditions to each element of a child collection', async () => {
    const contacts = [...cw.db.contacts.values()]
    const domain = contacts.map(emailOf).find(Boolean)?.split('@')[1] as string
    const expected = contacts
      .filter((contact) => emailOf(contact)?.toLowerCase().endsWith(`@${domain.toLowerCase()}`))
      .map((contact) => contact.id)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(contacts.length)
    const child = cq('childConditions', `communicationItems/value like "%@${domain}"`)
    expect(await listIds('/company/contacts', child)).toEqual(expected)
    expect((await api(`/company/contacts/count?${child}`)).json).toEqual({ count: expected.length })
    expect(
      await listIds('/company/contacts', `${child}&${q(`id > ${expected[0]}`)}`),
      'conditions and childConditions together',
    ).toEqual(expected.slice(1))
    expect(
      await listIds(
        '/company/contacts',
        cq('childConditions', 'communicationItems/communicationType = "Phone"'),
      ),
    ).toEqual(
      contacts.filter((contact) => valuesOf(contact, 'Phone').length > 0).map((contact) => contact.id),
    )
    const partners = [...cw.db.companies.values()]
      .filter((company) => company.typeIds.some((id) => cw.db.companyTypes.get(id)?.name === 'Partner'))
      .map((company) => company.id)
    expect(await listIds('/company/companies', cq('childConditions', "types/name = 'Partner'"))).toEqual(
      partners,
    )
  })

  it('applies customFieldConditions to one custom field at a time, comparing values as the literal says', async () => {
    const holding = (
      records: Iterable<TicketRecord | ContactRecord>,
      test: (values: CustomFieldValues) => boolean,
    ) => [...records].filter((record) => test(record.customFieldValues)).map((record) => record.id)
    const ticketWith = (test: (values: CustomFieldValues) => boolean) => holding(tickets(), test)
    const billed = tickets().find((ticket) => typeof ticket.customFieldValues[1] === 'string') as TicketRecord
    const code = billed.customFieldValues[1] as string
    const custom = cq('customFieldConditions', `caption = "Billing code" and value = ${quote(code)}`)
    const expected = ticketWith((values) => values[1] === code)
    expect(expected.length).toBeGreaterThan(0)
    expect(await listIds('/service/tickets', custom)).toEqual(expected)
    expect((await api(`/service/tickets/count?${custom}`)).json).toEqual({ count: expected.length })
    // A checkbox holds true/false: a boolean literal finds it, the text "true" does not.
    expect(await listIds('/service/tickets', cq('customFieldConditions', 'id = 3 and value = true'))).toEqual(
      ticketWith((values) => values[3] === true),
    )
    expect(
      await listIds('/service/tickets', cq('customFieldConditions', 'id = 3 and value = "true"')),
    ).toEqual([])
    expect(await listIds('/service/tickets', cq('customFieldConditions', 'id = 2 and value > 100'))).toEqual(
      ticketWith((values) => typeof values[2] === 'number' && values[2] > 100),
    )
    expect(
      await listIds('/service/tickets', cq('customFieldConditions', 'id = 1 and value != null')),
    ).toEqual(ticketWith((values) => values[1] !== undefined))
    // A date literal meets date values only: text is absent to it, so != finds nothing either.
    expect(
      await listIds(
        '/service/tickets',
        cq('customFieldConditions', 'id = 1 and value != [2025-01-01T00:00:00Z]'),
      ),
    ).toEqual([])
    expect(
      await listIds(
        '/service/tickets',
        cq('customFieldConditions', 'id = 4 and value > [2000-01-01T00:00:00Z]'),
      ),
    ).toEqual(ticketWith((values) => typeof values[4] === 'string'))
    expect(
      await listIds(
        '/company/contacts',
        cq('customFieldConditions', 'caption = "Preferred language" and value like "Fr%"'),
      ),
    ).toEqual(holding(cw.db.contacts.values(), (values) => values[16] === 'French'))
  })

  it('refuses what it cannot apply, with the vendor error shape', async () => {
    for (const [path, query, message] of [
      [
        '/service/tickets',
        cq('childConditions', 'communicationItems/value = "x"'),
        'childConditions cannot be used on this resource: it has no child collections.',
      ],
      [
        '/company/contacts',
        cq('childConditions', 'communicationItems/nosuch = "x"'),
        "childConditions: Unknown field 'nosuch'",
      ],
      [
        '/company/contacts',
        cq('childConditions', 'firstName = "x"'),
        "childConditions: Unknown child field 'firstName'",
      ],
      [
        '/service/boards',
        cq('customFieldConditions', 'caption = "x"'),
        'customFieldConditions cannot be used on this resource: it has no custom fields.',
      ],
      [
        '/service/tickets',
        cq('customFieldConditions', 'nosuch = "x"'),
        "customFieldConditions: Unknown field 'nosuch'",
      ],
      [
        '/service/tickets',
        cq('customFieldConditions', 'caption = '),
        'customFieldConditions: Expected a value at position 10',
      ],
    ] as const) {
      const { status, json } = await api(`${path}?${query}`)
      expect(status, `${path}?${query}`).toBe(400)
      expect(json).toEqual({ code: 'InvalidArgument', message })
    }
  })
})
