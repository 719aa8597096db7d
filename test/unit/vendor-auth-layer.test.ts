import { describe, expect, it } from 'vitest'
import type { VendorAuth } from '../../src/vendor-http/auth.js'
import { staticAuth } from '../../src/vendor-http/auth.js'
import { authLayer } from '../../src/vendor-http/layers/auth.js'
import type { Attempt } from '../../src/vendor-http/layers/exchange.js'
import { answered, below, exchangeOf } from '../helpers/vendor-layers.js'

/** Tokens token-1, token-2, ... : a 401 renews the current one. */
function renewingAuth() {
  let issued = 1
  const rejected: string[] = []
  const auth: VendorAuth = {
    headers: async () => ({ authorization: `Bearer token-${issued}` }),
    async renewAfterUnauthorized(headers) {
      rejected.push(headers.authorization!)
      issued += 1
      return true
    },
    secrets: () => [],
  }
  return { auth, rejected }
}

describe('the auth layer', () => {
  it('gives each attempt the credentials of the moment it is ready, before the layers below get it ready', async () => {
    const { auth } = renewingAuth()
    const { dispatch, readied } = below(answered(200))
    const exchange = exchangeOf()
    expect(await authLayer(auth)(dispatch).ready(exchange)).toBeUndefined()
    expect(exchange.authHeaders).toEqual({ authorization: 'Bearer token-1' })
    expect(readied()).toBe(1)
  })

  it('ends the attempt when the credentials cannot be had, readying nothing below', async () => {
    const failure = new Error('token endpoint down')
    const auth: VendorAuth = { ...staticAuth({}, []), headers: async () => Promise.reject(failure) }
    const { dispatch, readied } = below(answered(200))
    expect(await authLayer(auth)(dispatch).ready(exchangeOf())).toEqual({
      kind: 'no-credentials',
      error: failure,
    })
    expect(readied()).toBe(0)
  })

  it('renews rejected credentials once per call: the attempt goes again, a second 401 is the answer', async () => {
    const { auth, rejected } = renewingAuth()
    const layer = authLayer(auth)(below(answered(401)).dispatch)
    const exchange = exchangeOf()
    const attempt = async (): Promise<Attempt> => {
      await layer.ready(exchange)
      return layer.send(exchange)
    }
    expect(await attempt()).toEqual({ kind: 'renewed-credentials' })
    expect(await attempt()).toMatchObject({ status: 401 })
    expect(rejected).toEqual(['Bearer token-1'])
    expect(exchange.authHeaders).toEqual({ authorization: 'Bearer token-2' })
    // Another call may renew again.
    expect(await layer.send(exchangeOf())).toEqual({ kind: 'renewed-credentials' })
  })

  it('answers the 401 when the credentials cannot be renewed (static ones)', async () => {
    const layer = authLayer(staticAuth({ authorization: 'Basic x' }, ['x']))(below(answered(401)).dispatch)
    expect(await layer.send(exchangeOf())).toMatchObject({ status: 401 })
  })
})
