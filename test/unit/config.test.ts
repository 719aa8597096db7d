import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../app/config.js'

const noFile = () => {
  throw Object.assign(new Error('missing'), { code: 'ENOENT' })
}
const problemsOf = (env: NodeJS.ProcessEnv, readFile: (path: string) => string = noFile) => {
  try {
    loadConfig(env, readFile)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('runs in sandbox mode with nothing configured', () => {
    const config = loadConfig({}, noFile)
    expect(config).toMatchObject({
      sandbox: true,
      port: 3000,
      host: '127.0.0.1',
      connections: [],
      nodeEnv: 'development',
    })
  })

  it('configures connection syncro from the vendor guide variables', () => {
    const config = loadConfig({ SYNCRO_API_KEY: 'T0ps3cret', SYNCRO_SUBDOMAIN: 'acme' }, noFile)
    expect(config.sandbox).toBe(false)
    expect(config.connections).toEqual([
      { id: 'syncro', vendor: 'syncro', apiKey: 'T0ps3cret', subdomain: 'acme' },
    ])
  })

  it('configures connection connectwise from the vendor guide variables', () => {
    const config = loadConfig(
      {
        CONNECTWISE_COMPANY_ID: 'acme',
        CONNECTWISE_PUBLIC_KEY: 'pub',
        CONNECTWISE_PRIVATE_KEY: 'Pr1vate-value',
        CONNECTWISE_CLIENT_ID: 'c0ffee',
        CONNECTWISE_SITE: 'api-eu.myconnectwise.net',
      },
      noFile,
    )
    expect(config.connections).toEqual([
      {
        id: 'connectwise',
        vendor: 'connectwise',
        companyId: 'acme',
        publicKey: 'pub',
        privateKey: 'Pr1vate-value',
        clientId: 'c0ffee',
        site: 'api-eu.myconnectwise.net',
      },
    ])
    const missing = problemsOf({ CONNECTWISE_COMPANY_ID: 'acme', CONNECTWISE_PRIVATE_KEY: 'Pr1vate-value' })
    expect(missing.join('\n')).toMatch(/publicKey[^]*clientId/)
    expect(missing.join('\n')).not.toContain('Pr1vate-value')
    const wrong = problemsOf({
      CONNECTWISE_COMPANY_ID: 'acme',
      CONNECTWISE_PUBLIC_KEY: 'pub',
      CONNECTWISE_PRIVATE_KEY: 'Pr1vate-value',
      CONNECTWISE_CLIENT_ID: 'c0ffee',
      CONNECTWISE_CA_FILE: '/no/such/ca.pem',
    }).join('\n')
    expect(wrong).toContain('site: required unless baseUrl is given')
    expect(wrong).toContain('caFile: the file cannot be read')
  })

  it('configures connection halopsa from the vendor guide variables', () => {
    const config = loadConfig(
      {
        HALOPSA_CLIENT_ID: 'app',
        HALOPSA_CLIENT_SECRET: 'S3cret-value',
        HALOPSA_BASE_URL: 'https://acme.halopsa.com',
        HALOPSA_TENANT: 'acme',
      },
      noFile,
    )
    expect(config.connections).toEqual([
      {
        id: 'halopsa',
        vendor: 'halopsa',
        baseUrl: 'https://acme.halopsa.com',
        tenant: 'acme',
        clientId: 'app',
        clientSecret: 'S3cret-value',
      },
    ])
    const problems = problemsOf({
      HALOPSA_CLIENT_SECRET: 'S3cret-value',
      HALOPSA_BASE_URL: 'acme.halopsa.com',
    })
    expect(problems.join('\n')).toMatch(/baseUrl[^]*clientId|clientId[^]*baseUrl/)
    expect(problems.join('\n')).not.toContain('S3cret-value')
  })

  it('names each wrong value, never showing it', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', SYNCRO_API_KEY: 'T0ps3cret-value' })
    expect(problems.join('\n')).toContain('PORT')
    expect(problems.join('\n')).toContain('LOG_LEVEL')
    expect(problems.join('\n')).toContain("connection 'syncro'")
    expect(problems.join('\n')).toContain('subdomain')
    expect(problems.join('\n')).not.toContain('T0ps3cret-value')
  })

  it('takes gateway API keys as hashes or, in development, as keys', () => {
    const hash = `sha256:${'ab'.repeat(32)}`
    const config = loadConfig({ GATEWAY_API_KEYS: `${hash}, a-development-key-0123` }, noFile)
    expect(config.apiKeys).toEqual([
      { name: 'env-1', keyHash: hash },
      { name: 'env-2', key: 'a-development-key-0123' },
    ])
    expect(loadConfig({ GATEWAY_API_KEYS: `sha256:${'AB'.repeat(32)}` }, noFile).apiKeys).toEqual([
      { name: 'env-1', keyHash: `sha256:${'AB'.repeat(32)}` },
    ])
    expect(problemsOf({ GATEWAY_API_KEYS: `SHA256:${'ab'.repeat(31)}` })).toHaveLength(1)
    expect(problemsOf({ GATEWAY_API_KEYS: 'short' })).toEqual([
      'GATEWAY_API_KEYS: each entry is a key hash (sha256:<hex>, from npm run key) or a key of 16+ characters',
    ])
    const file = JSON.stringify({
      apiKeys: [{ name: 'both', key: 'k'.repeat(20), keyHash: hash }, { name: 'none' }],
    })
    expect(problemsOf({ GATEWAY_CONFIG: 'x.json' }, () => file)).toEqual([
      'apiKeys[0] (both): give exactly one of keyHash and key',
      'apiKeys[1] (none): give exactly one of keyHash and key',
    ])
  })

  it('gives every key API_KEY_VENDOR_SHARE unless its own vendorShare says otherwise', () => {
    const file = JSON.stringify({
      apiKeys: [
        { name: 'a', key: 'a'.repeat(20) },
        { name: 'b', key: 'b'.repeat(20), vendorShare: 0.5 },
      ],
    })
    const config = loadConfig({ GATEWAY_CONFIG: 'x.json', API_KEY_VENDOR_SHARE: '0.25' }, () => file)
    expect(config.apiKeys.map((key) => key.vendorShare)).toEqual([0.25, 0.5])
    expect(problemsOf({ API_KEY_VENDOR_SHARE: '2' })).toEqual([
      'API_KEY_VENDOR_SHARE: a number above 0 and at most 1',
    ])
  })

  it('refuses a plain-http vendor URL but to a loopback host or where ALLOW_HTTP_VENDORS=true', () => {
    const env = { SYNCRO_API_KEY: 'k', SYNCRO_BASE_URL: 'http://syncro.internal/api/v1' }
    expect(problemsOf(env)).toEqual([
      "connection 'syncro': baseUrl: https is required (or a loopback host, or ALLOW_HTTP_VENDORS=true)",
    ])
    expect(problemsOf({ ...env, ALLOW_HTTP_VENDORS: 'true' })).toEqual([])
    expect(problemsOf({ ...env, SYNCRO_BASE_URL: 'http://127.0.0.1:4010/api/v1' })).toEqual([])
    expect(problemsOf({ ...env, SYNCRO_BASE_URL: 'https://syncro.internal/api/v1' })).toEqual([])
  })

  it('holds an Autotask zone lookup to the same rule: its answer says where the credentials go', () => {
    const connection = {
      id: 'at',
      vendor: 'autotask',
      userName: 'api@example.com',
      integrationCode: 'CODE',
      secret: 'secret',
      zoneInformationUrl: 'http://zones.internal/atservicesrest/v1.0/zoneInformation',
    }
    const problems = (url: string, env: Record<string, string> = {}) =>
      problemsOf({ GATEWAY_CONFIG: 'x.json', ...env }, () =>
        JSON.stringify({ connections: [{ ...connection, zoneInformationUrl: url }] }),
      )
    expect(problems(connection.zoneInformationUrl)).toEqual([
      "connection 'at': zoneInformationUrl: https is required (or a loopback host, or ALLOW_HTTP_VENDORS=true)",
    ])
    expect(problems(connection.zoneInformationUrl, { ALLOW_HTTP_VENDORS: 'true' })).toEqual([])
    expect(problems('http://127.0.0.1:4040/atservicesrest/v1.0/zoneInformation')).toEqual([])
  })

  it('allows private webhook URLs in sandbox mode only, unless WEBHOOK_ALLOW_PRIVATE_URLS says otherwise', () => {
    const syncro = { SYNCRO_API_KEY: 'k', SYNCRO_SUBDOMAIN: 'acme' }
    expect(loadConfig({}, noFile).webhookAllowPrivateUrls).toBe(true)
    expect(loadConfig(syncro, noFile).webhookAllowPrivateUrls).toBe(false)
    expect(
      loadConfig({ ...syncro, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }, noFile).webhookAllowPrivateUrls,
    ).toBe(true)
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' }, noFile).webhookAllowPrivateUrls).toBe(false)
    expect(problemsOf({ WEBHOOK_ALLOW_PRIVATE_URLS: 'yes' })).toEqual([
      'WEBHOOK_ALLOW_PRIVATE_URLS: must be true or false',
    ])
  })

  it('refuses production without gateway API keys or connections', () => {
    const problems = problemsOf({ NODE_ENV: 'production' })
    expect(problems.some((problem) => problem.startsWith('GATEWAY_API_KEYS'))).toBe(true)
    expect(problems.some((problem) => problem.startsWith('connections'))).toBe(true)
  })

  it('refuses keys in plain text in production, from the environment or a file', () => {
    const connection = { SYNCRO_API_KEY: 'k', SYNCRO_SUBDOMAIN: 'acme' }
    const plain = problemsOf({
      NODE_ENV: 'production',
      GATEWAY_API_KEYS: 'plain-key-0123456789',
      ...connection,
    })
    expect(plain).toEqual([
      expect.stringMatching(/^GATEWAY_API_KEYS: keys in plain text are for development/),
    ])
    const file = JSON.stringify({ apiKeys: [{ name: 'crm', key: 'plain-key-0123456789' }] })
    expect(() =>
      loadConfig({ NODE_ENV: 'production', GATEWAY_CONFIG: 'x.json', ...connection }, () => file),
    ).toThrow(/keys in plain text/)
    const hashed = problemsOf({
      NODE_ENV: 'production',
      GATEWAY_API_KEYS: `sha256:${'a'.repeat(64)}`,
      ...connection,
    })
    expect(hashed).toEqual([])
  })

  it('reads a config file with ${ENV} references', () => {
    const file = JSON.stringify({
      port: 8080,
      apiKeys: [{ name: 'crm', key: '${CRM_KEY}', scopes: ['read'] }],
      connections: [
        {
          id: 'syncro-eu',
          vendor: 'syncro',
          apiKey: '${SYNCRO_EU_KEY}',
          subdomain: 'acme-eu',
          statusMap: { Scheduled: 'open' },
        },
      ],
    })
    const config = loadConfig(
      { GATEWAY_CONFIG: '/etc/psa.json', CRM_KEY: 'crm-key-0123456789', SYNCRO_EU_KEY: 'k' },
      () => file,
    )
    expect(config.port).toBe(8080)
    expect(config.apiKeys).toEqual([{ name: 'crm', key: 'crm-key-0123456789', scopes: ['read'] }])
    expect(config.connections[0]).toMatchObject({
      id: 'syncro-eu',
      apiKey: 'k',
      statusMap: { Scheduled: 'open' },
    })
  })

  it('names a missing ${ENV} reference, an unknown vendor and a duplicate id', () => {
    const file = JSON.stringify({
      connections: [
        { id: 'a', vendor: 'syncro', apiKey: '${NOT_SET}', subdomain: 'x' },
        { id: 'b', vendor: 'freshdesk' },
        { id: 'c', vendor: 'syncro', apiKey: 'k', subdomain: 'x' },
        { id: 'c', vendor: 'syncro', apiKey: 'k', subdomain: 'y' },
      ],
    })
    const problems = problemsOf({ GATEWAY_CONFIG: 'x.json' }, () => file).join('\n')
    expect(problems).toContain('${NOT_SET}')
    expect(problems).toContain('vendor: must be one of connectwise, halopsa, syncro')
    expect(problems).toContain("connection 'c': configured more than once")
  })

  it('names an unreadable config file', () => {
    expect(problemsOf({ GATEWAY_CONFIG: '/nope.json' })).toEqual([
      'GATEWAY_CONFIG: cannot read /nope.json (ENOENT)',
    ])
  })

  it('refuses connections that share a vendor rate limit with different sizes', () => {
    const file = JSON.stringify({
      connections: [
        { id: 'a', vendor: 'syncro', apiKey: 'k', subdomain: 'a' },
        {
          id: 'b',
          vendor: 'syncro',
          apiKey: 'k',
          subdomain: 'b',
          rateLimit: { limit: 120, windowMs: 60000 },
        },
        {
          id: 'c',
          vendor: 'syncro',
          apiKey: 'k',
          subdomain: 'c',
          rateLimit: { limit: 120, windowMs: 60000, scope: 'connection' },
        },
      ],
    })
    const problems = problemsOf({ GATEWAY_CONFIG: 'x.json' }, () => file)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain("connection 'b'")
  })

  it('reads the shared-state store settings, and names wrong ones', () => {
    expect(loadConfig({}, noFile).store).toEqual({ keyPrefix: 'psagw:', replicas: 1, whenStoreDown: 'local' })
    const store = loadConfig(
      {
        REDIS_CLUSTER_NODES: 'a:7000, b:7001',
        REDIS_KEY_PREFIX: 'gw:',
        GATEWAY_REPLICAS: '4',
        RATE_LIMIT_WHEN_STORE_DOWN: 'deny',
      },
      noFile,
    ).store
    expect(store).toEqual({
      clusterNodes: ['a:7000', 'b:7001'],
      keyPrefix: 'gw:',
      replicas: 4,
      whenStoreDown: 'deny',
    })
    expect(problemsOf({ REDIS_KEY_PREFIX: 'gw:{a}' })).toEqual([
      'REDIS_KEY_PREFIX: 1 to 64 characters, no braces or spaces',
    ])
    const problems = problemsOf({
      REDIS_URL: 'http://cache:6379',
      GATEWAY_REPLICAS: '0',
      RATE_LIMIT_WHEN_STORE_DOWN: 'panic',
    })
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'REDIS_URL',
      'RATE_LIMIT_WHEN_STORE_DOWN',
      'GATEWAY_REPLICAS',
    ])
  })
})
