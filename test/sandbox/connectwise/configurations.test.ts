import { describe, expect, it } from 'vitest'
import { api, cw, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('configuration writes', () => {
  const post = (body: unknown) => api('/company/configurations', { method: 'POST', body })

  it('creates and patches a configuration', async () => {
    const created = await post({
      name: 'ACME-FW-900',
      type: { id: 3 },
      company: { id: 1 },
      manufacturer: { id: 6 },
      serialNumber: 'FGT60F0000',
      warrantyExpirationDate: '2027-06-30',
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      name: 'ACME-FW-900',
      type: { id: 3, name: 'Firewall' },
      status: { id: 1, name: 'Active' },
      company: { id: 1 },
      manufacturer: { id: 6, name: 'Fortinet' },
      warrantyExpirationDate: '2027-06-30T00:00:00Z',
      activeFlag: true,
    })
    const patched = await api(`/company/configurations/${created.json.id}`, {
      method: 'PATCH',
      body: [
        { op: 'replace', path: 'status', value: { id: 3 } },
        { op: 'replace', path: 'activeFlag', value: false },
        { op: 'remove', path: 'manufacturer' },
      ],
    })
    expect(patched.json).toMatchObject({ status: { name: 'Retired' }, activeFlag: false })
    expect(patched.json).not.toHaveProperty('manufacturer')
  })

  it('takes type, status and manufacturer by name and the company by identifier', async () => {
    const created = await post({
      name: 'ACME-FW-901',
      type: { name: 'firewall' },
      status: { name: 'Active' },
      company: { identifier: cw.db.companies.get(1)?.identifier },
      manufacturer: { name: 'Fortinet' },
    })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    expect(created.json).toMatchObject({
      type: { id: 3 },
      status: { id: 1 },
      company: { id: 1 },
      manufacturer: { id: 6 },
    })
    const refused = await post({ name: 'X', type: { name: 'Toaster' }, company: { id: 1 } })
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ field: 'type', message: "type with name 'Toaster' was not found." }),
    ])
  })

  it('requires a name, an existing type and company, and a known manufacturer', async () => {
    const count = cw.db.configurations.size
    const result = await post({ type: { id: 99 }, manufacturer: { id: 99 } })
    expect(result.status).toBe(400)
    expect(
      result.json.errors.map((error: { field: string; code: string }) => `${error.field}:${error.code}`),
    ).toEqual([
      'name:NullOrEmpty',
      'type:InvalidArgument',
      'company:NullOrEmpty',
      'manufacturer:InvalidArgument',
    ])
    expect(result.json.errors[0].resource).toBe('configuration')
    expect(cw.db.configurations.size).toBe(count)
  })
})
