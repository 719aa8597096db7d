import { describe, expect, it } from 'vitest'
import { nestedOperations, resourceOperations, type VendorApi } from '../../adapters/kit/resource.js'
import type { CallContext } from '../../adapters/types.js'
import { GatewayError, vendorUnavailable } from '../../src/errors.js'

const ctx = {} as CallContext

/** A vendor that takes every write; what it answers is mapped by a toCanonical that cannot read its agents. */
function vendorTakingWrites() {
  const writes: unknown[] = []
  const api: VendorApi<null> = {
    read: async () => ({ id: 1 }) as never,
    list: async () => ({ data: [], nextPosition: null }),
    create: async (_target, body) => {
      writes.push(body)
      return { id: 7 } as never
    },
    update: async (_target, body) => {
      writes.push(body)
      return { id: 7 } as never
    },
  }
  const declaration = {
    path: '/things',
    itemPath: (id: string) => `/things/${id}`,
    filters: [],
    query: () => null,
    toCanonical: async (): Promise<Array<{ id: string }>> => {
      throw vendorUnavailable(502, 'the agents could not be read')
    },
    createBody: (body: object) => ({ ...body }),
    updateBody: (body: object) => ({ ...body }),
  }
  return { api, declaration, writes }
}

describe("the kit's answer to a write the vendor took", () => {
  it.each([
    [
      'a create',
      ({ api, declaration }: ReturnType<typeof vendorTakingWrites>) =>
        resourceOperations(api, declaration).create!({ name: 'x' }, ctx),
    ],
    [
      'an update',
      ({ api, declaration }: ReturnType<typeof vendorTakingWrites>) =>
        resourceOperations(api, declaration).update!('7', { name: 'x' }, ctx),
    ],
    [
      'a nested create',
      ({ api, declaration }: ReturnType<typeof vendorTakingWrites>) =>
        nestedOperations(api, declaration).create!('3', { name: 'x' }, ctx),
    ],
  ])(
    '%s whose answer cannot be mapped is a write of unknown outcome, not an error to retry',
    async (_name, write) => {
      const vendor = vendorTakingWrites()
      const failure = await write(vendor).catch((error: unknown) => error)
      expect(vendor.writes).toHaveLength(1)
      expect(failure).toBeInstanceOf(GatewayError)
      expect(failure).toMatchObject({
        status: 502,
        code: 'vendor_unavailable',
        extras: { writeOutcomeUnknown: true },
        detail: expect.stringContaining('the agents could not be read'),
      })
    },
  )
})
