import { describe, expect, it } from 'vitest'
import type { Adapter, CallContext } from '../../adapters/types.js'
import { GatewayError } from '../../src/errors.js'
import { checkVendorWrite } from '../../routes/write-checks.js'

const ctx = {} as CallContext

/** An adapter whose custom field definitions cannot be read (a vendor refusing the call), with write rules. */
function adapterWith(definitionsRead: () => void): Adapter {
  return {
    vendor: 'acme',
    writeRules: {
      tickets: { unwritable: { boardId: 'no boards' }, requiredOnCreate: ['typeId'] },
      customers: { unwritable: { 'address.country': 'by id only' } },
    },
    reference: {
      customFields: async () => {
        definitionsRead()
        throw new GatewayError(502, 'vendor_unavailable', 'definitions refused')
      },
    },
  } as unknown as Adapter
}

const problemOf = async (check: Promise<void>) => {
  try {
    await check
    return undefined
  } catch (error) {
    return error as GatewayError
  }
}

describe("a write held to the vendor's rules before any call", () => {
  it('reads no custom field definitions for a write that sends no custom fields', async () => {
    let reads = 0
    const adapter = adapterWith(() => (reads += 1))
    await checkVendorWrite(adapter, 'tickets', 'create', { subject: 'x', typeId: '2' }, ctx)
    await checkVendorWrite(adapter, 'customers', 'update', { name: 'x' }, ctx)
    expect(reads).toBe(0)
    const problem = await problemOf(
      checkVendorWrite(adapter, 'tickets', 'update', { customFields: [{ id: '1', value: 'a' }] }, ctx),
    )
    expect([reads, problem?.status]).toEqual([1, 502])
  })

  it('refuses an unwritable field sent with a value (a dotted one too), not one sent as null', async () => {
    const adapter = adapterWith(() => undefined)
    const board = await problemOf(checkVendorWrite(adapter, 'tickets', 'update', { boardId: '3' }, ctx))
    expect([board?.status, board?.extras.errors]).toEqual([400, [{ field: 'boardId', message: 'no boards' }]])
    const country = await problemOf(
      checkVendorWrite(adapter, 'customers', 'update', { address: { country: 'NL' } }, ctx),
    )
    expect(country?.extras.errors?.[0]?.field).toBe('address.country')
    expect(
      await problemOf(checkVendorWrite(adapter, 'tickets', 'update', { boardId: null }, ctx)),
    ).toBeUndefined()
  })

  it('refuses a create without a field the vendor requires, and lets an update leave it out', async () => {
    const adapter = adapterWith(() => undefined)
    const missing = await problemOf(checkVendorWrite(adapter, 'tickets', 'create', { subject: 'x' }, ctx))
    expect([missing?.status, missing?.extras.errors?.[0]?.field]).toEqual([400, 'typeId'])
    expect(
      await problemOf(checkVendorWrite(adapter, 'tickets', 'update', { subject: 'x' }, ctx)),
    ).toBeUndefined()
  })

  it('refuses null for a field the vendor requires, on a create and on an update', async () => {
    const adapter = adapterWith(() => undefined)
    for (const operation of ['create', 'update'] as const) {
      const cleared = await problemOf(
        checkVendorWrite(adapter, 'tickets', operation, { subject: 'x', typeId: null }, ctx),
      )
      expect([cleared?.status, cleared?.extras.errors?.[0]?.field]).toEqual([400, 'typeId'])
    }
  })
})
