import { describe, expect, it, vi } from 'vitest'
import { api, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('customers and assets', () => {
  it('lists customers with their contacts without walking every contact per customer', async () => {
    const walked = vi.spyOn(syncro.db.contacts, 'values')
    const { json } = await api('/customers?include_disabled=true')
    expect(walked).not.toHaveBeenCalled()
    walked.mockRestore()
    const customers = json.customers as Array<{ id: number; contacts: Array<{ id: number }> }>
    expect(customers.some((customer) => customer.contacts.length > 0)).toBe(true)
    for (const customer of customers) {
      const own = [...syncro.db.contacts.values()].filter((contact) => contact.customer_id === customer.id)
      expect(customer.contacts.map((contact) => contact.id)).toEqual(own.map((contact) => contact.id))
    }
  })

  it('excludes disabled customers unless include_disabled=true', async () => {
    const disabledIds = [...syncro.db.customers.values()].filter((c) => c.disabled).map((c) => c.id)
    const listed = (await api('/customers')).json.customers.map((customer: { id: number }) => customer.id)
    expect(listed.some((id: number) => disabledIds.includes(id))).toBe(false)
    const all = (await api('/customers?include_disabled=true')).json
    expect(all.meta.total_entries).toBe(syncro.db.customers.size)
    expect(all.customers.filter((customer: { disabled: boolean }) => customer.disabled)).toHaveLength(3)
    expect((await api(`/customers/${disabledIds[0]}`)).json.customer.disabled).toBe(true)
  })

  it('creates, updates and finds a customer', async () => {
    const created = await api('/customers', {
      method: 'POST',
      body: {
        business_name: 'Zebra Crossing Ltd',
        firstname: 'Zoe',
        lastname: 'Quill',
        email: 'zoe@zebra.example',
      },
    })
    expect(created.status).toBe(200)
    expect(created.json.customer).toMatchObject({
      business_name: 'Zebra Crossing Ltd',
      fullname: 'Zoe Quill',
      business_then_name: 'Zebra Crossing Ltd',
      disabled: false,
      phone: null,
    })
    const id = created.json.customer.id
    const updated = await api(`/customers/${id}`, { method: 'PUT', body: { phone: '(503) 555-0199' } })
    expect(updated.json.customer).toMatchObject({ id, phone: '(503) 555-0199', email: 'zoe@zebra.example' })

    const byQuery = (await api('/customers?query=zebra')).json.customers.map((c: { id: number }) => c.id)
    expect(byQuery).toEqual([id])
    expect((await api('/customers?email=ZOE@zebra.example')).json.customers).toHaveLength(1)
    expect((await api('/customers?email=zoe@zebra')).json.customers).toHaveLength(0)
    expect((await api('/customers?business_name=crossing')).json.customers[0].id).toBe(id)
    expect((await api('/customers?lastname=quil')).json.customers[0].id).toBe(id)
    expect(
      (await api(`/customers?id[]=${id}&id[]=1`)).json.customers.map((c: { id: number }) => c.id),
    ).toEqual([1, id])
  })

  it('creates an asset by type name, updates it and filters assets', async () => {
    const laptop = [...syncro.db.assetTypes.values()].find((type) => type.name === 'Laptop')
    const created = await api('/customer_assets', {
      method: 'POST',
      body: {
        name: 'ZC-LT-01',
        customer_id: 2,
        asset_type_name: 'Laptop',
        asset_serial: 'SN-ZEBRA-1',
        properties: { Manufacturer: 'Lenovo', Model: 'X1' },
      },
    })
    expect(created.status).toBe(200)
    expect(created.json.asset).toMatchObject({
      name: 'ZC-LT-01',
      asset_type: 'Laptop',
      customer_id: 2,
      customer: { id: 2 },
      properties: { Manufacturer: 'Lenovo', Model: 'X1' },
    })
    const id = created.json.asset.id
    const updated = await api(`/customer_assets/${id}`, { method: 'PUT', body: { name: 'ZC-LT-02' } })
    expect(updated.json.asset).toMatchObject({
      id,
      name: 'ZC-LT-02',
      asset_serial: 'SN-ZEBRA-1',
      asset_type: 'Laptop',
    })

    expect(
      (await api('/customer_assets?query=sn-zebra')).json.assets.map((a: { id: number }) => a.id),
    ).toEqual([id])
    const byType = (await api(`/customer_assets?asset_type_id=${laptop?.id}&page=1`)).json
    expect(byType.meta.total_entries).toBe(
      [...syncro.db.assets.values()].filter((a) => a.asset_type_id === laptop?.id).length,
    )
    const byCustomer = (await api('/customer_assets?customer_id=2')).json.assets
    expect(byCustomer.every((asset: { customer_id: number }) => asset.customer_id === 2)).toBe(true)
    expect(byCustomer.map((asset: { id: number }) => asset.id)).toContain(id)
  })
})
