import { describe, expect, it } from 'vitest'
import { CONNECTWISE_PRIORITY_COLORS } from '../../helpers/connectwise-model.js'
import { type TicketRecord } from '../../../sandbox/connectwise/index.js'
import { api, cw, DATE, statusOf, tickets, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('record shapes', () => {
  const TICKET_FIELDS = [
    'id',
    'summary',
    'recordType',
    'board',
    'status',
    'company',
    'contact',
    'contactName',
    'contactEmailAddress',
    'type',
    'owner',
    'priority',
    'severity',
    'impact',
    'requiredDate',
    'closedDate',
    'closedFlag',
    'dateResolved',
    'customFields',
    '_info',
  ]

  it('answers a ticket with the vendor field names, leaving null fields out', async () => {
    const full = tickets().find(
      (ticket) =>
        ticket.contactId && ticket.ownerId && ticket.typeId && ticket.requiredDate && ticket.closedFlag,
    ) as TicketRecord
    const { status, json, headers } = await api(`/service/tickets/${full.id}`)
    expect(status).toBe(200)
    expect(headers['api-current-version']).toBe('2025.8')
    expect(Object.keys(json)).toEqual(TICKET_FIELDS)
    const board = cw.db.boards.get(full.boardId)
    const company = cw.db.companies.get(full.companyId)
    const priority = cw.db.priorities.get(full.priorityId)
    expect(json).toMatchObject({
      id: full.id,
      summary: full.summary,
      recordType: 'ServiceTicket',
      board: { id: board?.id, name: board?.name },
      status: { id: full.statusId, name: statusOf(full)?.name, sort: statusOf(full)?.sortOrder },
      company: { id: company?.id, identifier: company?.identifier, name: company?.name },
      priority: { id: priority?.id, name: priority?.name, sort: priority?.sortOrder, level: priority?.level },
      closedFlag: true,
    })
    // Every definition of the ticket screen, in order, the unset ones null (as a captured contact answers them).
    expect(json.customFields.map((field: { id: number }) => field.id)).toEqual(
      cw.db.customFieldsOf('sr100').map((definition) => definition.id),
    )
    for (const field of json.customFields) {
      expect(Object.keys(field)).toEqual([
        'id',
        'caption',
        'type',
        'entryMethod',
        'numberOfDecimals',
        'value',
        'connectWiseId',
        'rowNum',
        'userDefinedFieldRecId',
        'podId',
      ])
      expect(field.value).toEqual(full.customFieldValues[field.id] ?? null)
    }
    expect(Object.keys(json.owner)).toEqual(['id', 'identifier', 'name'])
    expect(Object.keys(json.contact)).toEqual(['id', 'name'])
    expect(Object.keys(json._info)).toEqual(['lastUpdated', 'dateEntered', 'enteredBy', 'updatedBy'])
    for (const date of [json.requiredDate, json.closedDate, json.dateResolved, json._info.lastUpdated]) {
      expect(date).toMatch(DATE)
    }

    const bare = tickets().find(
      (ticket) => !ticket.contactId && !ticket.ownerId && !ticket.typeId,
    ) as TicketRecord
    const sparse = await api(`/service/tickets/${bare.id}`)
    for (const absent of ['contact', 'owner', 'type', 'contactName'])
      expect(sparse.json).not.toHaveProperty(absent)
    if (!bare.closedFlag) expect(sparse.json).not.toHaveProperty('closedDate')
    // Only an unset custom field's value is null: the captured answers list each one so.
    const { customFields, ...rest } = sparse.json
    expect(JSON.stringify(rest)).not.toContain('null')
    expect(customFields.length).toBeGreaterThan(0)
  })

  it('answers notes, reference data, companies, contacts, configurations and members in their shapes', async () => {
    const ticket = tickets().find((candidate) => cw.db.notesOf(candidate.id).length >= 3) as TicketRecord
    const notes = await api(`/service/tickets/${ticket.id}/notes`)
    expect(notes.json.map((note: { id: number }) => note.id)).toEqual(
      cw.db.notesOf(ticket.id).map((note) => note.id),
    )
    for (const note of notes.json) {
      expect(note.ticketId).toBe(ticket.id)
      expect(note.dateCreated).toMatch(DATE)
      expect(Object.keys(note).filter((key) => key === 'member' || key === 'contact')).toHaveLength(1)
      for (const flag of [
        'detailDescriptionFlag',
        'internalAnalysisFlag',
        'resolutionFlag',
        'internalFlag',
        'externalFlag',
      ])
        expect(typeof note[flag]).toBe('boolean')
    }
    expect((await api('/service/boards')).json[0]).toEqual({
      id: 1,
      name: 'Service Desk',
      inactiveFlag: false,
    })
    const statuses = (await api('/service/boards/1/statuses')).json
    expect(Object.keys(statuses[0])).toEqual([
      'id',
      'name',
      'board',
      'sortOrder',
      'closedStatus',
      'inactive',
      'defaultFlag',
      'escalationStatus',
      'timeEntryNotAllowed',
    ])
    expect(statuses.every((status: { board: { id: number } }) => status.board.id === 1)).toBe(true)
    expect((await api('/service/boards/2/types')).json.map((type: { name: string }) => type.name)).toEqual([
      'Alert',
      'Outage',
      'Maintenance',
    ])
    const priorities = (await api('/service/priorities')).json
    expect(Object.keys(priorities[0])).toEqual(['id', 'name', 'color', 'sortOrder', 'defaultFlag', 'level'])
    for (const priority of priorities)
      expect(CONNECTWISE_PRIORITY_COLORS, JSON.stringify(priority)).toContain(priority.color)
    expect(priorities.map((priority: { level: string }) => priority.level)).toEqual(
      expect.arrayContaining(['High', 'Medium', 'Low', 'NotApplicable']),
    )
    const company = (await api('/company/companies/1')).json
    expect(Object.keys(company)).toEqual(
      expect.arrayContaining(['id', 'identifier', 'name', 'status', 'types', 'deletedFlag', '_info']),
    )
    expect(company.types[0]).toEqual({ id: expect.any(Number), name: expect.any(String) })
    const contact = (await api('/company/contacts/1')).json
    expect(contact).toMatchObject({
      id: 1,
      firstName: expect.any(String),
      company: { id: expect.any(Number) },
    })
    const configuration = (await api('/company/configurations/1')).json
    expect(configuration).toMatchObject({
      id: 1,
      type: { id: expect.any(Number), name: expect.any(String) },
      company: { id: expect.any(Number), identifier: expect.any(String), name: expect.any(String) },
      manufacturer: { id: expect.any(Number), name: expect.any(String) },
      activeFlag: expect.any(Boolean),
    })
    expect((await api('/company/configurations/types')).json).toHaveLength(6)
    const member = (await api('/system/members/1')).json
    expect(member).toMatchObject({ id: 1, identifier: 'jsmith', firstName: 'Jordan', lastName: 'Smith' })
    // The fields ConnectWise's Member model requires, with values from its enums.
    const members = (await api('/system/members')).json
    for (const each of members) {
      expect(each).toMatchObject({
        licenseClass: expect.stringMatching(/^[ACFX]$/),
        hireDate: expect.stringMatching(DATE),
        defaultEmail: expect.stringMatching(/^(Office|Mobile|Home)$/),
        defaultPhone: expect.stringMatching(/^(Office|Mobile|Home)$/),
        companyActivityTabFormat: expect.stringMatching(/^(SummaryList|DetailList)$/),
        invoiceTimeTabFormat: expect.stringMatching(/^(SummaryList|DetailList)$/),
        invoiceScreenDefaultTabFormat: expect.stringMatching(
          /^(ShowInvoicingTab|ShowAgreementInvoicingTab)$/,
        ),
        invoicingDisplayOptions: expect.stringMatching(/^(RemainOnInvoicingScreen|ShowRecentInvoices)$/),
        agreementInvoicingDisplayOptions: expect.stringMatching(
          /^(RemainOnInvoicingScreen|ShowRecentInvoices)$/,
        ),
      })
    }
    expect(members.find((each: { identifier: string }) => each.identifier === 'APIMember').licenseClass).toBe(
      'A',
    )
    expect((await api('/system/members')).json.length).toBe(cw.db.members.size)
  })
})
