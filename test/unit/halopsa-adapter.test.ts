import { describe, expect, it } from 'vitest'
import { describeHaloError } from '../../adapters/halopsa/errors.js'
import {
  assetFieldIds,
  commentFromHalo,
  haloAssetFields,
  haloDateParam,
  haloInstant,
  prioritiesFromHalo,
  statusCategory,
  statusTypesOf,
  type HaloMapOptions,
} from '../../adapters/halopsa/map.js'
import { ticketQuery } from '../../adapters/halopsa/query.js'

const options: HaloMapOptions = { statusMap: {}, priorityMap: {}, webOrigin: 'https://acme.halopsa.com' }

describe('dates', () => {
  it("reads Halo's zone-less date-times as UTC, and keeps explicit zones", () => {
    expect(haloInstant('2025-03-14T09:26:53.12')).toBe('2025-03-14T09:26:53.120Z')
    expect(haloInstant('2025-03-14T09:26:53')).toBe('2025-03-14T09:26:53.000Z')
    expect(haloInstant('2025-03-14T09:26:53Z')).toBe('2025-03-14T09:26:53.000Z')
    expect(haloInstant('2025-03-14T10:26:53+01:00')).toBe('2025-03-14T09:26:53.000Z')
    expect(haloInstant(null)).toBeNull()
    expect(haloInstant('not a date')).toBeNull()
  })

  it('sends dates in the same zone-less UTC form, a strict lower bound one millisecond later', () => {
    expect(haloDateParam('2025-03-14T10:26:53+01:00')).toBe('2025-03-14T09:26:53.000')
    expect(ticketQuery({ updatedSince: '2025-01-01T00:00:00Z' }, undefined)).toMatchObject({
      lastupdatefromdate: '2025-01-01T00:00:00.001',
    })
    expect(ticketQuery({ createdSince: '2025-01-01T00:00:00Z' }, undefined)).toMatchObject({
      datesearch: 'dateoccured',
      startdate: '2025-01-01T00:00:00.001',
    })
  })
})

describe('mapping', () => {
  it("goes by the status type as Halo classes it, else by name; a connection's map wins", () => {
    const all = [
      { id: 1, name: 'New', type: 0 },
      { id: 4, name: 'Waiting on User', type: 1 },
      { id: 8, name: 'Resolved', type: 2 },
      { id: 9, name: 'Closed', type: 2 },
    ]
    const types = statusTypesOf(
      all,
      all.filter((status) => status.type !== 2),
      all.filter((status) => status.type !== 1),
    )
    expect(types).toEqual({ closed: new Set([2]), pending: new Set([1]) })
    expect(statusCategory({ id: 12, name: 'Filed', type: 2 }, options, types)).toBe('closed')
    expect(statusCategory({ id: 8, name: 'Resolved', type: 2 }, options, types)).toBe('resolved')
    expect(statusCategory({ id: 13, name: 'Third party', type: 1 }, options, types)).toBe('pending')
    expect(statusCategory({ id: 14, name: 'Closed soon', type: 0 }, options, types)).toBe('open')
    expect(statusCategory({ id: 1, name: 'New', type: 0 }, options, types)).toBe('new')
    expect(
      statusCategory(
        { id: 12, name: 'Done', type: 2 },
        { ...options, statusMap: { Done: 'resolved' } },
        types,
      ),
    ).toBe('resolved')
    // Without a type, the name decides.
    expect(statusCategory({ id: 8, name: 'Resolved' }, options)).toBe('resolved')
    expect(statusCategory({ id: 4, name: 'Waiting on User' }, options)).toBe('pending')
    expect(statusCategory({ id: 1, name: 'New' }, options)).toBe('new')
    expect(
      statusCategory({ id: 5, name: 'With Supplier' }, { ...options, statusMap: { '5': 'pending' } }),
    ).toBe('pending')
  })

  it('lists one priority per priority id over all SLAs, leaving hidden rows out', () => {
    const row = (slaid: number, priorityid: number, name: string, ishidden = false) => ({
      id: `${slaid}-${priorityid}`,
      slaid,
      priorityid,
      name,
      ishidden,
    })
    expect(
      prioritiesFromHalo(
        [row(2, 1, 'Critical (VIP)'), row(1, 2, 'High'), row(1, 1, 'Critical'), row(1, 4, 'Whenever', true)],
        options,
      ),
    ).toEqual([
      { id: '1', name: 'Critical', level: 'critical' },
      { id: '2', name: 'High', level: 'high' },
    ])
  })

  it('shows an action as public only when hiddenfromuser is false', () => {
    const action = { id: 1, ticket_id: 2, note: 'x', datetime: '2025-01-01T00:00:00' }
    expect(commentFromHalo({ ...action, hiddenfromuser: false }).visibility).toBe('public')
    expect(commentFromHalo({ ...action, hiddenfromuser: true }).visibility).toBe('internal')
    expect(commentFromHalo(action).visibility).toBe('internal')
    expect(commentFromHalo(action).createdAt).toBe('2025-01-01T00:00:00.000Z')
  })

  it("writes serial number, manufacturer and model as asset fields with the type's field ids, only those sent", () => {
    const type = {
      id: 2,
      name: 'Laptop',
      fields: [
        { field_id: 11, field_name: 'serial number' },
        { field_id: 12, field_name: 'Model' },
      ],
    }
    const ids = assetFieldIds(type, ['serialNumber', 'model'])
    expect(haloAssetFields({ model: 'X1', serialNumber: null }, ids)).toEqual({
      fields: [
        { id: 11, name: 'Serial Number', value: null },
        { id: 12, name: 'Model', value: 'X1' },
      ],
    })
    expect(() => assetFieldIds(type, ['manufacturer'])).toThrow(/no 'Manufacturer' field/)
    expect(haloAssetFields({ name: 'PC-1' })).toEqual({ inventory_number: 'PC-1' })
  })
})

describe('vendor errors', () => {
  it('reads every shape HaloPSA answers with', () => {
    expect(
      describeHaloError(400, {
        error: 'validation_error',
        message: 'Status ID 999 does not exist',
        details: [{ field: '[0].status_id', message: 'Status ID 999 does not exist' }],
      }),
    ).toEqual({
      code: 'validation_error',
      message: 'Status ID 999 does not exist',
      errors: [{ field: 'status_id', message: 'Status ID 999 does not exist' }],
    })
    expect(
      describeHaloError(400, { '[0].client_id': ['The value is not valid.'], '': ['Bad body'] }),
    ).toEqual({
      errors: [
        { field: 'client_id', message: 'The value is not valid.' },
        { field: undefined, message: 'Bad body' },
      ],
    })
    expect(describeHaloError(500, { ClassName: 'System.Exception', Message: 'boom' })).toMatchObject({
      code: 'System.Exception',
      message: 'boom',
    })
    expect(describeHaloError(400, { resultCode: 1, errorMessage: 'no' })).toMatchObject({ message: 'no' })
    expect(describeHaloError(404, { Message: 'Ticket 5 not found.' }).message).toBe('Ticket 5 not found.')
    expect(describeHaloError(502, '<html>bad gateway</html>').message).toBe('<html>bad gateway</html>')
    expect(
      describeHaloError(400, {
        title: 'One or more validation errors occurred.',
        errors: { '[0].client_id': ['bad'] },
      }),
    ).toEqual({
      message: 'One or more validation errors occurred.',
      errors: [{ field: 'client_id', message: 'bad' }],
    })
    expect(
      describeHaloError(400, {
        Message: 'The request is invalid.',
        ModelState: { 'item[0].summary': ['required'] },
      }),
    ).toMatchObject({ errors: [{ field: 'summary', message: 'required' }] })
    expect(describeHaloError(401, { error: 'invalid_client', error_description: 'Unknown client' })).toEqual({
      code: 'invalid_client',
      message: 'Unknown client',
      errors: [],
    })
  })
})
