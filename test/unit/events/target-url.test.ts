import type { LookupAddress } from 'node:dns'
import type { LookupOptions } from 'node:dns'
import { describe, expect, it } from 'vitest'
import {
  checkTargetUrl,
  isPublicAddress,
  publicOnlyLookup,
  type ResolveAll,
} from '../../../src/events/delivery/target-url.js'
import { GatewayError } from '../../../src/errors.js'

const PUBLIC_V4 = '93.184.215.14'
const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c'

/** A resolver answering from a table: no network. */
const resolver =
  (table: Record<string, string[]>): ResolveAll =>
  async (hostname) => {
    const addresses = table[hostname]
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }

const strict = { allowPrivate: false }

async function refusal(url: string, resolve: ResolveAll = resolver({})): Promise<GatewayError> {
  const error = await checkTargetUrl(url, strict, resolve).then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(GatewayError)
  return error as GatewayError
}

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1', // carrier-grade NAT
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::1',
    '::',
    '::ffff:127.0.0.1', // IPv4-mapped loopback
    '::ffff:10.0.0.1',
    'fe80::1',
    'fd00:ec2::254', // AWS metadata over IPv6 (unique local)
    '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
    '2002:a9fe:a9fe::1', // 6to4 of 169.254.169.254
    '2001::1', // Teredo
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each([PUBLIC_V4, '8.8.8.8', PUBLIC_V6, `::ffff:${PUBLIC_V4}`])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true)
  })
})

describe('checkTargetUrl', () => {
  it('accepts an https URL whose name resolves to public addresses only', async () => {
    const url = await checkTargetUrl(
      'https://hooks.example.com/psa',
      strict,
      resolver({ 'hooks.example.com': [PUBLIC_V4, PUBLIC_V6] }),
    )
    expect(url.href).toBe('https://hooks.example.com/psa')
  })

  it('accepts a public IP literal, IPv6 in brackets included', async () => {
    await expect(checkTargetUrl(`https://${PUBLIC_V4}/`, strict)).resolves.toBeInstanceOf(URL)
    await expect(checkTargetUrl(`https://[${PUBLIC_V6}]:8443/`, strict)).resolves.toBeInstanceOf(URL)
  })

  it.each([
    'https://127.0.0.1/',
    'https://2130706433/', // 127.0.0.1 written as one number
    'https://0x7f.1/',
    'https://[::1]/',
    'https://[::ffff:7f00:1]/',
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/',
    'https://[64:ff9b::a9fe:a9fe]/',
  ])('refuses the private literal %s', async (url) => {
    const error = await refusal(url)
    expect(error.status).toBe(400)
    expect(error.extras.errors).toEqual([{ field: 'url', message: 'the address is not a public one' }])
  })

  it('refuses a name when any one of its addresses is private', async () => {
    const error = await refusal(
      'https://rebind.example.com/',
      resolver({ 'rebind.example.com': [PUBLIC_V4, '10.0.0.5'] }),
    )
    expect(error.detail).toMatch(/not a public one/)
  })

  it('refuses a name that does not resolve', async () => {
    expect((await refusal('https://nowhere.example/')).detail).toMatch(/does not resolve/)
  })

  it('refuses http, other schemes, credentials and text that is no URL', async () => {
    expect((await refusal(`http://${PUBLIC_V4}/`)).detail).toMatch(/scheme must be https$/)
    expect((await refusal('ftp://example.com/')).detail).toMatch(/scheme/)
    expect((await refusal(`https://user:pass@${PUBLIC_V4}/`)).detail).toMatch(/credentials/)
    expect((await refusal('hooks.example.com/psa')).detail).toMatch(/not a URL/)
  })

  it('allows http and private addresses when private URLs are allowed, never credentials', async () => {
    const open = { allowPrivate: true }
    await expect(checkTargetUrl('http://127.0.0.1:8080/hook', open)).resolves.toBeInstanceOf(URL)
    await expect(checkTargetUrl('https://user:pass@127.0.0.1/', open)).rejects.toThrow(/credentials/)
    await expect(checkTargetUrl('ftp://127.0.0.1/', open)).rejects.toThrow(/scheme/)
  })
})

describe('publicOnlyLookup', () => {
  const lookup = publicOnlyLookup(
    resolver({
      public: [PUBLIC_V4, PUBLIC_V6],
      mixed: [PUBLIC_V4, '127.0.0.1'],
      metadata: ['169.254.169.254'],
    }),
  )
  const ask = (hostname: string, options: LookupOptions) =>
    new Promise<{ error: NodeJS.ErrnoException | null; result: unknown }>((resolve) =>
      lookup(hostname, options, (error, address: string | LookupAddress[], family?: number) =>
        resolve({ error, result: options.all ? address : { address, family } }),
      ),
    )

  it('answers every address when asked with all (Node 20 autoSelectFamily)', async () => {
    expect(await ask('public', { all: true })).toEqual({
      error: null,
      result: [
        { address: PUBLIC_V4, family: 4 },
        { address: PUBLIC_V6, family: 6 },
      ],
    })
  })

  it('answers one address of the family asked otherwise', async () => {
    expect(await ask('public', { family: 6 })).toEqual({
      error: null,
      result: { address: PUBLIC_V6, family: 6 },
    })
    expect(await ask('public', {})).toEqual({ error: null, result: { address: PUBLIC_V4, family: 4 } })
  })

  it('fails the connection when any address is not public', async () => {
    for (const hostname of ['mixed', 'metadata']) {
      const { error } = await ask(hostname, { all: true })
      expect(error?.code).toBe('ERR_PRIVATE_ADDRESS')
    }
  })

  it('passes on a resolver failure', async () => {
    expect((await ask('unknown', { all: true })).error?.code).toBe('ENOTFOUND')
  })
})
