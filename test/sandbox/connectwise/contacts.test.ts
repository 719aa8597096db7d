import { describe, expect, it } from 'vitest'
import { api, cw, DATE, emailOf, fieldErrors, listIds, q, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

const post = (body: unknown) => api('/company/contacts', { method: 'POST', body })
const patch = (id: number, body: unknown) => api(`/company/contacts/${id}`, { method: 'PATCH', body })
const contacts = () => [...cw.db.contacts.values()]

describe('contacts: reading', () => {
  it('answers a contact with its items, custom fields and stamps', async () => {
    const seeded = contacts().find((contact) => contact.communicationItems.length >= 2 && contact.title)
    const { status, json } = await api(`/company/contacts/${seeded?.id}`)
    expect(status).toBe(200)
    const company = cw.db.companies.get(seeded?.companyId as number)
    expect(json).toMatchObject({
      id: seeded?.id,
      firstName: seeded?.firstName,
      company: { id: company?.id, identifier: company?.identifier, name: company?.name },
      title: seeded?.title,
      inactiveFlag: seeded?.inactiveFlag,
    })
    const email = json.communicationItems.find(
      (item: { communicationType: string }) => item.communicationType === 'Email',
    )
    expect(email).toEqual({
      id: expect.any(Number),
      type: { id: 1, name: 'Email' },
      value: emailOf(seeded as never),
      defaultFlag: true,
      domain: `@${emailOf(seeded as never)?.split('@')[1]}`,
      communicationType: 'Email',
    })
    expect(json.customFields.map((field: { id: number }) => field.id)).toEqual([16, 17, 18, 19, 20])
    expect(json._info.lastUpdated).toMatch(DATE)
    expect((await api('/company/contacts/99999')).json).toEqual({
      code: 'RecordNotFound',
      message: 'Contact recId 99999 was not found.',
    })
  })

  it('filters by company, name and last update natively', async () => {
    const byCompany = contacts().filter((contact) => contact.companyId === 2)
    expect(await listIds('/company/contacts', q('company/id = 2'))).toEqual(byCompany.map((c) => c.id))
    const first = contacts()[0]?.firstName as string
    expect(await listIds('/company/contacts', q(`firstName like "${first.slice(0, 2)}%"`))).toEqual(
      contacts()
        .filter((contact) => contact.firstName.toLowerCase().startsWith(first.slice(0, 2).toLowerCase()))
        .map((contact) => contact.id),
    )
    const since = contacts()
      .map((contact) => contact.info.lastUpdated)
      .sort()[100] as string
    expect(await listIds('/company/contacts', q(`_info/lastUpdated > [${since}]`))).toEqual(
      contacts()
        .filter((contact) => contact.info.lastUpdated > since)
        .map((contact) => contact.id),
    )
  })

  it('lists the communication types an item points at', async () => {
    const { json } = await api('/company/communicationTypes')
    expect(json[0]).toEqual({
      id: 1,
      description: 'Email',
      phoneFlag: false,
      faxFlag: false,
      emailFlag: true,
      defaultFlag: true,
    })
    expect(json.map((type: { description: string }) => type.description)).toEqual([
      'Email',
      'Direct',
      'Cell',
      'Fax',
      'Home',
    ])
    expect((await api('/company/communicationTypes/3')).json).toMatchObject({
      description: 'Cell',
      phoneFlag: true,
    })
  })
})

describe('contacts: writing', () => {
  it('creates a contact with only a first name, and one with everything', async () => {
    const bare = await post({ firstName: 'Solo' })
    expect(bare.status).toBe(201)
    expect(bare.json).toMatchObject({ firstName: 'Solo', inactiveFlag: false, defaultFlag: false })
    expect(bare.json).not.toHaveProperty('company')
    expect(bare.json.communicationItems).toEqual([])
    const full = await post({
      firstName: 'Estella',
      lastName: 'Mcdowell',
      title: 'Practice Manager',
      company: { identifier: cw.db.companies.get(5)?.identifier },
      communicationItems: [
        { type: { id: '1' }, value: 'estella@example.com', defaultFlag: true, communicationType: 'Email' },
        { type: { id: 2 }, value: '+380001000', extension: '12', defaultFlag: true },
        { type: { name: 'cell' }, value: '+380009999' },
      ],
      customFields: [{ id: 17, value: true }],
      id: 1,
      defaultFlag: true,
    })
    expect(full.status).toBe(201)
    expect(full.json).toMatchObject({
      firstName: 'Estella',
      lastName: 'Mcdowell',
      company: { id: 5 },
      defaultFlag: false,
      communicationItems: [
        {
          type: { id: 1, name: 'Email' },
          value: 'estella@example.com',
          communicationType: 'Email',
          domain: '@example.com',
        },
        { type: { id: 2, name: 'Direct' }, value: '+380001000', extension: '12', communicationType: 'Phone' },
        {
          type: { id: 3, name: 'Cell' },
          value: '+380009999',
          defaultFlag: false,
          communicationType: 'Phone',
        },
      ],
    })
    expect(full.json.id).not.toBe(1)
    expect(full.json.customFields.find((field: { id: number }) => field.id === 17).value).toBe(true)
    expect((await api(`/company/contacts/${full.json.id}`)).json).toEqual(full.json)
  })

  it('makes the first contact of a company its default', async () => {
    const company = await api('/company/companies', {
      method: 'POST',
      body: { identifier: 'NoContactsYet', name: 'No contacts yet', city: 'Salem' },
    })
    const first = await post({ firstName: 'First', company: { id: company.json.id } })
    const second = await post({ firstName: 'Second', company: { id: company.json.id } })
    expect([first.json.defaultFlag, second.json.defaultFlag]).toEqual([true, false])
  })

  it('answers a missing first name as a captured ConnectWise site does, and validates the rest', async () => {
    const count = cw.db.contacts.size
    expect((await post({ lastName: 'Nobody' })).json).toEqual({
      code: 'InvalidObject',
      message: 'contact object is invalid',
      errors: [
        {
          code: 'MissingRequiredField',
          message: 'The firstName field is required.',
          resource: 'contact',
          field: 'firstName',
        },
      ],
    })
    expect(fieldErrors(await post({ firstName: 'x'.repeat(31) }))).toEqual(['firstName:MaxLength'])
    expect(
      fieldErrors(await post({ firstName: 'A', lastName: 'x'.repeat(31), title: 't'.repeat(101) })),
    ).toEqual(['lastName:MaxLength', 'title:MaxLength'])
    const deleted = [...cw.db.companies.values()].find((company) => company.deletedFlag)
    expect(fieldErrors(await post({ firstName: 'A', company: { id: deleted?.id } }))).toEqual([
      'company:InvalidArgument',
    ])
    for (const items of [
      [{ type: { id: 99 }, value: 'x' }],
      [{ value: 'x' }],
      [{ type: { id: 1 } }],
      [{ type: { id: 1 }, value: 'a@b.example', communicationType: 'Phone' }],
      [{ type: { id: 2 }, value: 'x'.repeat(251) }],
      'a@b.example',
    ]) {
      const result = await post({ firstName: 'A', communicationItems: items })
      expect(fieldErrors(result), JSON.stringify(items)).toEqual([
        expect.stringMatching(/^communicationItems:/),
      ])
    }
    const missingValue = await post({ firstName: 'A', communicationItems: [{ type: { id: 1 } }] })
    expect(missingValue.json.errors[0]).toMatchObject({
      code: 'NullOrEmpty',
      message: 'communicationItems[0].value may not be empty.',
    })
    expect(cw.db.contacts.size).toBe(count)
  })

  it('patches items by position in order, keeping the ids of the items it keeps (captured patch shapes)', async () => {
    const created = await post({
      firstName: 'Patchy',
      communicationItems: [
        { type: { id: 1 }, value: 'patchy@example.com', defaultFlag: true },
        { type: { id: 2 }, value: '+1000' },
        { type: { id: 4 }, value: '+2000' },
      ],
    })
    const [email, direct, fax] = created.json.communicationItems
    const changes = cw.db.changes
    const seen: string[] = []
    const stop = changes.listen((change) => seen.push(`${change.resource}:${change.action}`))
    const patched = await patch(created.json.id, [
      { op: 'replace', path: '/communicationItems/1/value', value: '+380111358' },
      {
        op: 'add',
        path: '/communicationItems/3',
        value: { type: { id: '3' }, value: '+77767', defaultFlag: true, communicationType: 'Phone' },
      },
      { op: 'remove', path: '/communicationItems/0' },
      { op: 'replace', path: 'lastName', value: 'McPatch' },
    ])
    stop()
    expect(patched.status).toBe(200)
    expect(patched.json.lastName).toBe('McPatch')
    expect(patched.json.communicationItems).toEqual([
      { ...direct, value: '+380111358' },
      fax,
      expect.objectContaining({ value: '+77767', type: { id: 3, name: 'Cell' } }),
    ])
    expect(patched.json.communicationItems[2].id).not.toBe(email.id)
    expect(seen).toEqual(['contact:updated'])
    const appended = await patch(created.json.id, [
      { op: 'add', path: 'communicationItems/-', value: { type: { id: 5 }, value: '+3000' } },
    ])
    expect(appended.json.communicationItems).toHaveLength(4)
    const cleared = await patch(created.json.id, [{ op: 'remove', path: 'communicationItems' }])
    expect(cleared.json.communicationItems).toEqual([])
  })

  it('refuses a patch it cannot apply, changing nothing', async () => {
    const contact = contacts().find((candidate) => candidate.communicationItems.length === 1)
    const before = (await api(`/company/contacts/${contact?.id}`)).json
    for (const [operations, expected] of [
      [[{ op: 'replace', path: '/communicationItems/5/value', value: 'x' }], '/communicationItems/5/value'],
      [
        [{ op: 'add', path: '/communicationItems/3', value: { type: { id: 2 }, value: '1' } }],
        '/communicationItems/3',
      ],
      [[{ op: 'replace', path: '/communicationItems/0/domain', value: 'x' }], '/communicationItems/0/domain'],
      [[{ op: 'replace', path: 'firstName', value: '' }], 'firstName'],
      [[{ op: 'replace', path: 'defaultFlag', value: true }], 'defaultFlag'],
    ] as const) {
      const result = await patch(contact?.id as number, operations)
      expect(result.status, JSON.stringify(operations)).toBe(400)
      expect(result.json.errors[0].field).toBe(expected)
    }
    expect((await api(`/company/contacts/${contact?.id}`)).json).toEqual(before)
    expect((await patch(99999, [{ op: 'replace', path: 'firstName', value: 'x' }])).status).toBe(404)
  })
})
