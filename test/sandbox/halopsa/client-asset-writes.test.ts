import { describe, expect, it } from 'vitest'
import { api, halo, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('array writes', () => {
  it('creates clients with a main site, with unique names, and updates them partially', async () => {
    const created = (
      await api('/Client', {
        method: 'POST',
        body: [{ name: 'Brand "New" & Co (Test)', website: 'https://new.example' }],
      })
    ).json
    expect(created).toMatchObject({
      name: 'Brand "New" & Co (Test)',
      inactive: false,
      main_site_name: 'Main',
      toplevel_id: 1,
    })
    expect(halo.db.sites.get(created.main_site_id)?.client_id).toBe(created.id)
    const updated = (
      await api('/Client', { method: 'POST', body: [{ id: created.id, notes: 'VIP from next month' }] })
    ).json
    expect(updated).toMatchObject({ website: 'https://new.example', notes: 'VIP from next month' })
    const duplicate = await api('/Client', { method: 'POST', body: [{ name: ' brand "new" & co (test) ' }] })
    expect(duplicate.json.details).toEqual([
      { field: 'name', message: expect.stringContaining('already exists') },
    ])
    const twice = await api('/Client', { method: 'POST', body: [{ name: 'Twin Ltd' }, { name: 'twin ltd' }] })
    expect(twice.json.details.map((detail: { field: string }) => detail.field)).toEqual(['[1].name'])
    expect((await api('/Client', { method: 'POST', body: [{ website: 'x' }] })).json.details).toEqual([
      { field: 'name', message: 'Client name is required' },
    ])
    const hidden = (await api('/Client', { method: 'POST', body: [{ id: created.id, inactive: true }] })).json
    expect(hidden.inactive).toBe(true)
    expect((await api('/Client?search=Brand')).json.clients).toEqual([])
  })

  it('creates and updates assets, merging fields by id', async () => {
    const client = halo.db.clients.get(2) as { id: number; main_site_id: number }
    const created = (
      await api('/Asset', {
        method: 'POST',
        body: [
          {
            client_id: client.id,
            assettype_id: 2,
            inventory_number: 'INV-NEW-1',
            key_field: 'NEW-LT01',
            fields: [
              { id: 1, value: 'Dell' },
              { id: 2, name: 'Model', value: 'Latitude 7450' },
            ],
          },
        ],
      })
    ).json
    expect(created).toMatchObject({
      client_id: client.id,
      site_id: client.main_site_id,
      assettype_name: 'Laptop',
      status_name: 'Active',
      fields: [
        { id: 1, name: 'Manufacturer', value: 'Dell' },
        { id: 2, name: 'Model', value: 'Latitude 7450' },
      ],
    })
    const updated = (
      await api('/Asset', {
        method: 'POST',
        body: [{ id: created.id, fields: [{ id: 2, value: 'Latitude 9450' }] }],
      })
    ).json
    expect(updated.fields).toEqual([
      { id: 1, name: 'Manufacturer', value: 'Dell' },
      { id: 2, name: 'Model', value: 'Latitude 9450' },
    ])
    expect(updated.inventory_number).toBe('INV-NEW-1')
    const invalid = await api('/Asset', {
      method: 'POST',
      body: [{ client_id: 999999, fields: [{ id: 99, value: 'x' }] }],
    })
    expect(invalid.json.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'assettype_id',
      'client_id',
      'fields',
    ])
  })

  it('refuses an asset field written by name alone (FieldHelper.id is a non-nullable int)', async () => {
    const asset = [...halo.db.assets.values()][0]!
    const before = JSON.stringify(asset.fields)
    const byName = await api('/Asset', {
      method: 'POST',
      body: [{ id: asset.id, fields: [{ name: 'Serial Number', value: 'SN-BY-NAME' }] }],
    })
    expect([byName.status, byName.json.details]).toEqual([
      400,
      [{ field: 'fields', message: 'Asset field 0 does not exist' }],
    ])
    expect(JSON.stringify(asset.fields)).toBe(before)
  })

  it('answers asset types with their fields (TypeInfo field_id, field_name)', async () => {
    const type = (await api('/AssetType/2')).json
    expect(type).toMatchObject({ id: 2, name: 'Laptop' })
    expect(
      type.fields.map((f: { field_id: number; field_name: string }) => [f.field_id, f.field_name]),
    ).toEqual([...halo.db.assetFields.values()].map((field) => [field.id, field.name]))
    expect((await api('/AssetType')).json).toHaveLength(halo.db.assetTypes.size)
    expect((await api('/AssetType/999')).status).toBe(404)
  })
})
