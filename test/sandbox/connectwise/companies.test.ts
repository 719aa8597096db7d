import { describe, expect, it } from 'vitest'
import { api, cw, fieldErrors, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('company writes', () => {
  const post = (body: unknown) => api('/company/companies', { method: 'POST', body })

  it('creates a company with the defaults and patches it', async () => {
    const created = await post({
      identifier: 'Smith_and-Co',
      name: 'Smith & Co (Holdings)',
      city: 'Springfield',
      types: [{ id: 1 }, { id: 4 }],
      country: { id: 2 },
      deletedFlag: true,
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      identifier: 'Smith_and-Co',
      name: 'Smith & Co (Holdings)',
      status: { id: 1, name: 'Active' },
      country: { id: 2, name: 'Canada' },
      types: [
        { id: 1, name: 'Client' },
        { id: 4, name: 'Partner' },
      ],
      deletedFlag: false,
    })
    const patched = await api(`/company/companies/${created.json.id}`, {
      method: 'PATCH',
      body: [
        { op: 'replace', path: 'name', value: 'Smith and Co' },
        { op: 'replace', path: 'status/id', value: 2 },
        { op: 'remove', path: 'city' },
      ],
    })
    expect(patched.json).toMatchObject({ name: 'Smith and Co', status: { name: 'Inactive' } })
    expect(patched.json).not.toHaveProperty('city')
    const sameIdentifier = await api(`/company/companies/${created.json.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'identifier', value: 'SMITH_AND-CO' }],
    })
    expect(sameIdentifier.status).toBe(200)
  })

  it('validates identifiers and names, including uniqueness, and creates nothing', async () => {
    const count = cw.db.companies.size
    const taken = cw.db.companies.get(1)?.identifier as string
    const city = 'Springfield'
    expect(fieldErrors(await post({ name: 'No identifier', city }))).toEqual(['identifier:NullOrEmpty'])
    // 25, not 30: the limit of older codebases' Company model (spinen/connectwise-company-php-client).
    expect(fieldErrors(await post({ identifier: 'x'.repeat(26), name: 'Long', city }))).toEqual([
      'identifier:MaxLength',
    ])
    expect(fieldErrors(await post({ identifier: 'has space', name: 'Space', city }))).toEqual([
      'identifier:InvalidArgument',
    ])
    expect(fieldErrors(await post({ identifier: taken.toLowerCase(), name: 'Duplicate', city }))).toEqual([
      'identifier:ObjectExists',
    ])
    expect(fieldErrors(await post({ identifier: 'NoName', city }))).toEqual(['name:NullOrEmpty'])
    expect(fieldErrors(await post({ identifier: 'LongName', name: 'n'.repeat(51), city }))).toEqual([
      'name:MaxLength',
    ])
    expect(fieldErrors(await post({ identifier: 'BadStatus', name: 'x', status: { id: 99 }, city }))).toEqual(
      ['status:InvalidArgument'],
    )
    expect(fieldErrors(await post({ identifier: 'BadType', name: 'x', types: [{ id: 99 }], city }))).toEqual([
      'types:InvalidArgument',
    ])
    const duplicate = await post({ identifier: taken, name: 'Duplicate', city })
    expect(duplicate.json).toMatchObject({ code: 'InvalidObject', message: 'company object is invalid' })
    expect(duplicate.json.errors[0]).toMatchObject({
      code: 'ObjectExists',
      resource: 'company',
      field: 'identifier',
    })
    const patchToTaken = await api('/company/companies/2', {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'identifier', value: taken }],
    })
    expect(fieldErrors(patchToTaken)).toEqual(['identifier:ObjectExists'])
    expect(
      fieldErrors(
        await api('/company/companies/2', {
          method: 'PATCH',
          body: [{ op: 'replace', path: 'deletedFlag', value: true }],
        }),
      ),
    ).toEqual(['deletedFlag:InvalidArgument'])
    expect(cw.db.companies.size).toBe(count)
  })

  it('requires one address field on every company, created or patched (ConnectWise Company model)', async () => {
    const count = cw.db.companies.size
    const noAddress = await post({ identifier: 'NoAddress', name: 'No address', addressLine1: '  ' })
    expect(noAddress.status).toBe(400)
    expect(noAddress.json).toMatchObject({ code: 'InvalidObject' })
    expect(fieldErrors(noAddress)).toEqual(['addressLine1:NullOrEmpty'])
    for (const field of ['addressLine1', 'addressLine2', 'city', 'state', 'zip'])
      expect(noAddress.json.errors[0].message).toContain(field)
    expect(noAddress.json.errors[0].message).toContain('country')
    expect(cw.db.companies.size).toBe(count)
    for (const [field, value] of [
      ['addressLine2', 'Suite 4'],
      ['zip', '97201'],
      ['country', { id: 2 }],
    ] as const) {
      const created = await post({ identifier: `Only-${field}`, name: field, [field]: value })
      expect(created.status, field).toBe(201)
    }
    const identifier = 'y'.repeat(25)
    const longest = await post({ identifier, name: 'Longest identifier', city: 'Salem' })
    expect(longest.json).toMatchObject({ identifier })
    const removeLast = await api(`/company/companies/${longest.json.id}`, {
      method: 'PATCH',
      body: [{ op: 'remove', path: 'city' }],
    })
    expect(fieldErrors(removeLast)).toEqual(['addressLine1:NullOrEmpty'])
    expect(cw.db.companies.get(longest.json.id)?.city).toBe('Salem')
  })
})
