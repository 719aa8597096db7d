import { describe, expect, it } from 'vitest'
import { api, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('validation errors', () => {
  const validTicket = () => ({ customer_id: 1, subject: 'Printer on fire' })

  it('answers the vendor 422 shapes on ticket create, and creates nothing', async () => {
    const before = syncro.db.tickets.size
    const cases: [object, object][] = [
      [{ subject: 'No customer' }, { error: 'Customer required field' }],
      [{ customer_id: null, subject: 'Null customer' }, { error: 'Customer required field' }],
      [
        { customer_id: 999_999, subject: 'Ghost customer' },
        { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'does not exist' }] },
      ],
      [{ customer_id: 1 }, { success: false, message: ["Subject can't be blank"] }],
      [
        { customer_id: 1, subject: '   ' },
        { success: false, message: ["Subject can't be blank"] },
      ],
      [
        { ...validTicket(), status: 'Closed' },
        { error: 'Validation failed', errors: [{ field: 'status', message: 'is not included in the list' }] },
      ],
      [
        { ...validTicket(), user_id: 99 },
        { error: 'Validation failed', errors: [{ field: 'user_id', message: 'does not exist' }] },
      ],
      [
        { ...validTicket(), ticket_type_id: 99 },
        { error: 'Validation failed', errors: [{ field: 'ticket_type_id', message: 'does not exist' }] },
      ],
      [
        { ...validTicket(), contact_id: 99_999 },
        { error: 'Validation failed', errors: [{ field: 'contact_id', message: 'does not exist' }] },
      ],
    ]
    for (const [body, expected] of cases) {
      const { status, json } = await api('/tickets', { method: 'POST', body })
      expect({ status, json }, JSON.stringify(body)).toEqual({ status: 422, json: expected })
    }
    expect(syncro.db.tickets.size).toBe(before)
  })

  it('checks only the fields sent on ticket update, and changes nothing on failure', async () => {
    const before = structuredClone(syncro.db.tickets.get(10))
    const cases: [object, object][] = [
      [{ customer_id: null }, { error: 'Customer required field' }],
      [{ subject: '' }, { success: false, message: ["Subject can't be blank"] }],
      [
        { status: 'Done', user_id: 42 },
        {
          error: 'Validation failed',
          errors: [
            { field: 'user_id', message: 'does not exist' },
            { field: 'status', message: 'is not included in the list' },
          ],
        },
      ],
    ]
    for (const [body, expected] of cases) {
      expect(await api('/tickets/10', { method: 'PUT', body }), JSON.stringify(body)).toMatchObject({
        status: 422,
        json: expected,
      })
    }
    expect(syncro.db.tickets.get(10)).toEqual(before)
  })

  it('requires a comment subject and body', async () => {
    expect(await api('/tickets/10/comment', { method: 'POST', body: { hidden: true } })).toMatchObject({
      status: 422,
      json: { success: false, message: ["Body can't be blank", "Subject can't be blank"] },
    })
    expect(
      await api('/tickets/10/comment', { method: 'POST', body: { subject: 'Hi', body: ' ' } }),
    ).toMatchObject({
      status: 422,
      json: { success: false, message: ["Body can't be blank"] },
    })
  })

  it('requires a customer name and a real email, echoing the params on create', async () => {
    const nameless = { email: 'someone@example.com', phone: '555-0100' }
    expect(await api('/customers', { method: 'POST', body: nameless })).toMatchObject({
      status: 422,
      json: { success: false, message: ["Business name or last name can't be blank"] },
    })
    const badEmail = { business_name: 'Real Business', email: 'it is not an email' }
    expect(await api('/customers', { method: 'POST', body: badEmail })).toEqual(
      expect.objectContaining({
        status: 422,
        json: { success: false, message: ['Email is not an email'], params: badEmail },
      }),
    )
    expect(await api('/customers/1', { method: 'PUT', body: { email: 'nope' } })).toMatchObject({
      status: 422,
      json: { success: false, message: ['Email is not an email'] },
    })
    expect(
      await api('/customers/1', {
        method: 'PUT',
        body: { business_name: '', firstname: null, lastname: ' ' },
      }),
    ).toMatchObject({ status: 422, json: { message: ["Business name or last name can't be blank"] } })
  })

  it('requires an asset name, a known asset type and an existing customer', async () => {
    const cases: [object, object][] = [
      [
        { asset_type_id: 1, customer_id: 1 },
        { success: false, message: ["Name can't be blank"], params: { asset_type_id: 1, customer_id: 1 } },
      ],
      [
        { name: 'X', customer_id: 1 },
        { success: false, message: ["Asset type can't be blank"], params: { name: 'X', customer_id: 1 } },
      ],
      [
        { name: 'X', customer_id: 1, asset_type_name: 'Toaster' },
        {
          success: false,
          message: ["Asset type can't be blank"],
          params: { name: 'X', customer_id: 1, asset_type_name: 'Toaster' },
        },
      ],
      [
        { name: 'X', customer_id: 999, asset_type_id: 1 },
        { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'does not exist' }] },
      ],
      [
        { name: 'X', asset_type_id: 1 },
        { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'is required' }] },
      ],
    ]
    for (const [body, expected] of cases) {
      const { status, json } = await api('/customer_assets', { method: 'POST', body })
      expect({ status, json }, JSON.stringify(body)).toEqual({ status: 422, json: expected })
    }
    expect(await api('/customer_assets/1', { method: 'PUT', body: { asset_type_id: 99 } })).toMatchObject({
      status: 422,
      json: { success: false, message: ["Asset type can't be blank"] },
    })
  })

  it('answers 400 for malformed JSON and ignores a body that is not JSON', async () => {
    expect(await api('/tickets', { method: 'POST', rawBody: '{"subject":' })).toMatchObject({
      status: 400,
      json: { error: 'Malformed JSON' },
    })
    const formBody = await api('/tickets', {
      method: 'POST',
      rawBody: JSON.stringify(validTicket()),
      headers: { 'content-type': 'text/plain' },
    })
    expect(formBody).toMatchObject({ status: 422, json: { error: 'Customer required field' } })
  })
})
