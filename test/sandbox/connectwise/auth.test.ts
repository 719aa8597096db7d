import { describe, expect, it } from 'vitest'
import { startConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'
import { api, basic, call, cw, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('authentication', () => {
  it('matches the company id case-insensitively', async () => {
    const member = cw.members[0] as { publicKey: string; privateKey: string }
    const authorization = basic(cw.companyId.toUpperCase(), member.publicKey, member.privateKey)
    expect((await api('/service/priorities', { authorization })).status).toBe(200)
  })

  it('needs a registered clientId header', async () => {
    expect(await api('/service/tickets', { clientId: null })).toMatchObject({
      status: 401,
      json: { code: 'MissingClientId', message: expect.any(String) },
    })
    expect(await api('/service/tickets', { clientId: '00000000-0000-4000-8000-000000000000' })).toMatchObject(
      {
        status: 401,
        json: { code: 'Unauthorized', message: expect.any(String) },
      },
    )
    const upper = (cw.clientIds[0] as string).toUpperCase()
    expect((await api('/service/priorities', { clientId: upper })).status).toBe(200)
  })

  it('accepts every configured member and client id', async () => {
    const configured = await startConnectWiseEmulator({
      companyId: 'AcmeMSP',
      members: [
        { publicKey: 'pubOne', privateKey: 'privOne' },
        { publicKey: 'pubTwo', privateKey: 'privTwo' },
      ],
      clientIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
      codebase: 'v2025_1',
    })
    try {
      expect(configured.baseUrl).toBe(`${configured.origin}/v2025_1/apis/3.0`)
      for (const [index, clientId] of configured.clientIds.entries()) {
        const authorization = basic(
          'acmemsp',
          `pub${index === 0 ? 'One' : 'Two'}`,
          `priv${index === 0 ? 'One' : 'Two'}`,
        )
        expect((await call(configured, '/service/boards', { authorization, clientId })).status).toBe(200)
      }
      const crossed = basic('AcmeMSP', 'pubOne', 'privTwo')
      expect((await call(configured, '/service/boards', { authorization: crossed })).status).toBe(401)
    } finally {
      await configured.close()
    }
  })
})
