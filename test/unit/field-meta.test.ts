import { describe, expect, it } from 'vitest'
import { CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import { TicketCreate } from '../../src/canonical/ticket.js'
import { describeFields } from '../../routes/field-meta.js'

describe('the fields a write takes at one connection', () => {
  const statuses = [{ id: '12', name: 'Waiting', boardId: '1' }]

  it("lists the canonical create's fields, with types, required, lookups and the connection's values", () => {
    const fields = describeFields(TicketCreate, 'create', {}, { statusId: statuses })
    const byName = Object.fromEntries(fields.map((field) => [field.name, field]))
    expect(fields.map((field) => field.name)).not.toContain('customFields')
    expect(byName.subject).toMatchObject({ type: 'string', required: true, clearable: false, maxLength: 255 })
    expect(byName.description).toMatchObject({ type: 'text', required: false })
    expect(byName.customerId).toMatchObject({ type: 'id', required: true, lookup: 'customers' })
    expect(byName.assigneeId).toMatchObject({ type: 'id', required: false, lookup: 'agents' })
    expect(byName.dueAt).toMatchObject({ type: 'date-time' })
    expect(byName.statusId!.values).toEqual(statuses)
    expect(byName.status!.values!.map((value) => value.id)).toEqual([
      'new',
      'open',
      'pending',
      'resolved',
      'closed',
    ])
  })

  it('leaves out what the vendor cannot store and marks what it requires', () => {
    const fields = describeFields(
      CustomerCreate,
      'create',
      { unwritable: { website: 'none', 'address.country': 'by id' }, requiredOnCreate: ['phone'] },
      {},
    )
    const names = fields.map((field) => field.name)
    expect(names).toEqual([
      'name',
      'email',
      'phone',
      'address',
      'address.line1',
      'address.line2',
      'address.city',
      'address.region',
      'address.postalCode',
    ])
    expect(fields.find((field) => field.name === 'phone')).toMatchObject({ required: true, clearable: false })
  })

  it('requires nothing of an update, whatever a create needs, but what the vendor requires cannot be cleared', () => {
    const fields = describeFields(CustomerUpdate, 'update', { requiredOnCreate: ['phone'] }, {})
    expect(fields.filter((field) => field.required)).toEqual([])
    expect(fields.filter((field) => field.name === 'phone' || field.name === 'email')).toMatchObject([
      { name: 'email', clearable: true },
      { name: 'phone', clearable: false },
    ])
  })
})
