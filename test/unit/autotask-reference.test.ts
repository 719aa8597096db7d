import { describe, expect, it } from 'vitest'
import { autotaskTimeEntries } from '../../adapters/autotask/time-entries.js'
import type { AutotaskFieldInfo } from '../../adapters/autotask/api.js'
import { AutotaskReference, publishFor, requiredPicklistDefaults } from '../../adapters/autotask/reference.js'
import type { CallContext } from '../../adapters/types.js'
import type { Agent } from '../../src/canonical/agent.js'
import { GatewayError } from '../../src/errors.js'

const value = (value: string, label: string, extra: object = {}) => ({
  value,
  label,
  isActive: true,
  ...extra,
})

const ticketFields: AutotaskFieldInfo[] = [
  {
    name: 'status',
    dataType: 'integer',
    isRequired: true,
    isPickList: true,
    picklistValues: [
      value('5', 'Complete', { sortOrder: 3 }),
      value('1', 'New', { sortOrder: 1, isDefaultValue: true }),
      value('8', 'In Progress', { sortOrder: 2 }),
      value('13', 'Old Closed', { sortOrder: 4, isActive: false }),
    ],
  },
  {
    name: 'priority',
    dataType: 'integer',
    isRequired: true,
    isPickList: true,
    picklistValues: [
      value('1', 'High'),
      value('2', 'Medium', { isDefaultValue: true }),
      value('3', 'Low'),
      value('4', 'Critical'),
    ],
  },
  {
    name: 'ticketType',
    dataType: 'integer',
    isPickList: true,
    picklistValues: [value('1', 'Service Request')],
  },
  {
    name: 'queueID',
    dataType: 'integer',
    isRequired: true,
    isPickList: true,
    picklistValues: [
      value('8', 'Level I', { isDefaultValue: true }),
      value('9', 'Gone', { isActive: false }),
    ],
  },
  { name: 'title', dataType: 'string', isRequired: true },
]

const noteFields: AutotaskFieldInfo[] = [
  {
    name: 'publish',
    dataType: 'integer',
    isPickList: true,
    picklistValues: [
      value('1', 'All Autotask Users'),
      value('2', 'Internal Project Team'),
      value('4', 'Internal & Co-Managed'),
    ],
  },
  {
    name: 'noteType',
    dataType: 'integer',
    isPickList: true,
    picklistValues: [value('1', 'Task Summary'), value('3', 'Task Notes', { isDefaultValue: true })],
  },
]

const agents: Agent[] = [
  {
    id: '5',
    name: 'Dana',
    email: null,
    active: true,
    remote: { id: 5, userName: 'dana', defaultServiceDeskRoleID: 77 },
  },
  { id: '6', name: 'API', email: null, active: true, remote: { id: 6, userName: 'API@Example.com' } },
]

const products = [
  { id: 30, name: 'Business Laptop', manufacturerName: 'Lenovo', manufacturerProductName: 'ThinkPad T14' },
  { id: 31, name: 'Old Laptop', manufacturerProductName: 'ThinkPad T480', isActive: false },
]

const ctx = {} as CallContext
const reference = (statusMap = {}) =>
  new AutotaskReference({
    fields: async (entity) =>
      entity === 'Tickets' ? ticketFields : entity === 'TicketNotes' ? noteFields : [],
    userDefinedFields: async () => [],
    agents: async () => agents,
    products: async () => products,
    mapOptions: { statusMap, priorityMap: {} },
  })

describe('Autotask reference data', () => {
  it("lists the active statuses in Autotask's order, with their categories", async () => {
    expect(await reference().statuses(ctx)).toEqual([
      { id: '1', name: 'New', category: 'new', boardId: null },
      { id: '8', name: 'In Progress', category: 'open', boardId: null },
      { id: '5', name: 'Complete', category: 'closed', boardId: null },
    ])
  })

  it('levels priorities by label, and offers queues as boards, inactive ones marked', async () => {
    expect((await reference().priorities(ctx)).map((priority) => priority.level)).toEqual([
      'high',
      'medium',
      'low',
      'critical',
    ])
    expect(await reference().boards(ctx)).toEqual([
      { id: '8', name: 'Level I', active: true },
      { id: '9', name: 'Gone', active: false },
    ])
  })

  it('filters by category over every status, inactive ones too, and refuses an unknown statusId', async () => {
    expect(await reference().statusValuesFor({ status: ['closed'] }, ctx)).toEqual([5, 13])
    expect(
      await reference({ 'In Progress': 'pending' }).statusValuesFor({ status: ['pending'] }, ctx),
    ).toEqual([8])
    expect(await reference().statusValuesFor({}, ctx)).toBeUndefined()
    await expect(reference().statusValuesFor({ statusId: '99' }, ctx)).rejects.toThrow(GatewayError)
    expect(await reference().priorityValuesFor({ priority: ['critical', 'low'] }, ctx)).toEqual([3, 4])
  })

  it("resolves a write's category, level, type, board and the assignee's role", async () => {
    expect(
      await reference().resolveTicketWrite(
        { status: 'closed', priority: 'critical', typeId: '1', boardId: '8', assigneeId: '5' },
        ctx,
      ),
    ).toEqual({ status: 5, priority: 4, ticketType: 1, queueID: 8, assignedResourceRoleID: 77 })
    expect(
      (await reference().resolveTicketWrite({ assigneeId: null }, ctx)).assignedResourceRoleID,
    ).toBeNull()
    for (const body of [{ boardId: '9' }, { typeId: '2' }, { assigneeId: '404' }]) {
      await expect(reference().resolveTicketWrite(body, ctx)).rejects.toThrow(GatewayError)
    }
  })

  it('fills the required picklists a create leaves out with their defaults, and nothing else', () => {
    expect(requiredPicklistDefaults(ticketFields, { title: 'x', Status: 5 })).toEqual({
      priority: 2,
      queueID: 8,
    })
  })

  it('writes a public note to All Autotask Users and an internal one elsewhere', async () => {
    expect(await reference().noteWrite({ body: 'x', visibility: 'public' }, ctx)).toEqual({
      noteType: 3,
      publish: 1,
    })
    expect(await reference().noteWrite({ body: 'x' }, ctx)).toEqual({ noteType: 3, publish: 2 })
    expect(publishFor('internal', [value('1', 'All Autotask Users')])).toBeUndefined()
  })
})

describe('products', () => {
  it("finds an asset's product by its model or its name, without case; refuses an unknown or inactive one", async () => {
    const find = (model: string | null | undefined) => reference().productFor(model, ctx)
    expect(await find('thinkpad t14')).toBe(30)
    expect(await find('Business Laptop')).toBe(30)
    expect(await find(undefined)).toBeUndefined()
    for (const model of ['ThinkPad T480', 'Toaster', null])
      await expect(find(model)).rejects.toMatchObject({
        status: 400,
        extras: { errors: [{ field: 'model' }] },
      })
  })
})

describe('time entries', () => {
  const agent = {
    id: '5',
    name: 'Dana',
    email: null,
    active: true,
    remote: { id: 5, defaultServiceDeskRoleID: 77 },
  }
  const withDefault = autotaskTimeEntries({
    agents: async () => [agent],
    defaultResource: async () => agent,
  })

  it('refuses a day or more in one entry before any call, as Autotask would', async () => {
    const write = (minutes: number) =>
      withDefault.createBody!({ startedAt: '2025-03-03T08:00:00Z', minutes, agentId: '5' }, ctx, '7')
    await expect(write(1440)).rejects.toMatchObject({
      status: 400,
      extras: { errors: [{ field: 'minutes' }] },
    })
    expect(await write(1439)).toMatchObject({ ticketID: 7, resourceID: 5, hoursWorked: 23.9833 })
  })

  it("is the default resource's where it names no agent, and names one where the connection has none", async () => {
    const entry = { startedAt: '2025-03-03T08:00:00Z', minutes: 30 }
    expect(await withDefault.createBody!(entry, ctx, '7')).toMatchObject({ resourceID: 5, roleID: 77 })
    const without = autotaskTimeEntries({
      agents: async () => [agent],
      defaultResource: async () => undefined,
    })
    await expect(without.createBody!(entry, ctx, '7')).rejects.toMatchObject({
      status: 400,
      extras: { errors: [{ field: 'agentId', message: 'required at this connection' }] },
    })
  })
})
