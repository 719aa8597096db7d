import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { buildApp, type App } from '../../app/build-app.js'
import { loadConfig } from '../../app/config.js'
import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { sandboxOptionsFromEnv } from '../../sandbox/options-from-env.js'
import { createLogger } from '../../src/logger.js'
import { PREVIOUS_CURSOR, readmeTryIt } from '../helpers/readme-try-it.js'
import { variablesTheGatewayReads } from '../helpers/environment-variables.js'

/**
 * docker-compose.yml without Docker (no engine here, nor the compose plugin): the file validated against the
 * Compose Specification's schema (test/fixtures/compose-spec.json, compose-spec/compose-spec schema/compose-spec.json
 * at 170098ba07d9f53c383a41bfd4c5166b0a4529a6, the schema `docker compose` validates with), its promises checked,
 * and the README's "Try it" run against a gateway configured as the compose file configures gateway-1, in front of
 * the emulators started as it starts the sandbox service (on free ports, the compose hosts and ports rewritten to
 * them; in-memory state instead of the Redis service).
 */

interface Service {
  image?: string
  build?: unknown
  pull_policy?: string
  ports?: string[]
  environment?: Record<string, string>
  volumes?: string[]
}

const ROOT = new URL('../../', import.meta.url)
const compose = parse(readFileSync(new URL('docker-compose.yml', ROOT), 'utf8'), { merge: true }) as {
  services: Record<string, Service>
}
const services = compose.services
const gateways = Object.entries(services).filter(([name]) => name.startsWith('gateway-'))

/** `${NAME:-default}` as compose reads it where NAME is unset. */
const interpolated = (environment: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\w+(?::-([^}]*))?\}/g, (_, fallback?: string) => fallback ?? ''),
    ]),
  )

describe('docker-compose.yml', () => {
  it('is a valid Compose file', () => {
    const schema = JSON.parse(
      readFileSync(new URL('test/fixtures/compose-spec.json', ROOT), 'utf8'),
    ) as object
    const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema)
    validate(compose)
    expect(validate.errors ?? []).toEqual([])
  })

  it('publishes every port on the loopback address only', () => {
    const ports = Object.values(services).flatMap((service) => service.ports ?? [])
    expect(ports.length).toBeGreaterThan(0)
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/)
  })

  it('builds one image, once, and runs it for the sandbox and every gateway', () => {
    const builders = Object.entries(services).filter(([, service]) => service.build !== undefined)
    expect(builders.map(([name]) => name)).toEqual(['sandbox'])
    const image = builders[0]![1].image
    expect(image).toBeDefined()
    expect(gateways.length).toBeGreaterThanOrEqual(2)
    for (const [, gateway] of gateways) {
      expect(gateway.image).toBe(image)
      expect(gateway.pull_policy).toBe('never') // built here, never looked for in a registry
    }
  })

  it("serves the README's address on gateway-1", () => {
    const addresses = new Set(readmeTryIt().map((command) => command.address))
    expect([...addresses]).toEqual(['localhost:3000'])
    expect(services['gateway-1']!.ports).toEqual(['127.0.0.1:3000:3000'])
  })

  it('sets only variables the gateway reads, or its config file refers to', () => {
    const file = readFileSync(new URL('deploy/compose/gateway.json', ROOT), 'utf8')
    const referred = new Set([...file.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]!))
    const read = variablesTheGatewayReads()
    for (const [, gateway] of gateways) {
      const unknown = Object.keys(gateway.environment ?? {}).filter(
        (name) => !read.has(name) && !referred.has(name),
      )
      expect(unknown).toEqual([])
    }
  })
})

describe("the README's Try it against the compose file's gateway-1 and sandbox", () => {
  let sandbox: Sandbox
  let app: App

  beforeAll(async () => {
    const sandboxEnv = interpolated(services.sandbox!.environment)
    const freePorts = Object.fromEntries(
      Object.keys(sandboxEnv)
        .filter((name) => /^SANDBOX_\w+_PORT$/.test(name))
        .map((name) => [name, '0']),
    )
    const problems: string[] = []
    sandbox = await startSandbox(
      sandboxOptionsFromEnv({ ...sandboxEnv, ...freePorts, SANDBOX_HOST: '127.0.0.1' }, problems),
    )
    expect(problems).toEqual([])
    const actualPort = {
      [sandboxEnv.SANDBOX_CONNECTWISE_PORT!]: new URL(sandbox.connectwise.baseUrl).port,
      [sandboxEnv.SANDBOX_HALOPSA_PORT!]: new URL(sandbox.halopsa.origin).port,
      [sandboxEnv.SANDBOX_SYNCRO_PORT!]: new URL(sandbox.syncro.baseUrl).port,
      [sandboxEnv.SANDBOX_AUTOTASK_PORT!]: new URL(sandbox.autotask.origin).port,
    }
    const gateway = services['gateway-1']!
    // The mounted files, by the path the container sees them at.
    const mounts = new Map(
      (gateway.volumes ?? []).map((volume) => {
        const [source, target] = volume.split(':')
        return [target!, new URL(source!, ROOT)]
      }),
    )
    const readFile = (path: string) => {
      const source = mounts.get(path)
      if (!source) throw Object.assign(new Error(`${path} is not mounted`), { code: 'ENOENT' })
      return readFileSync(source, 'utf8').replace(
        /http:\/\/sandbox:(\d+)/g,
        (_, port: string) => `http://127.0.0.1:${actualPort[port]}`,
      )
    }
    const { REDIS_URL: _redis, ...env } = interpolated(gateway.environment)
    const config = loadConfig(env, readFile)
    app = await buildApp(config, { logger: createLogger('silent') })
    await app.ready()
  })

  afterAll(async () => {
    await app?.close()
    await sandbox?.close()
  })

  it('serves the connections the README names', async () => {
    const answer = await app.inject({ method: 'GET', url: '/v1/connections' })
    const ids = (answer.json() as { data: Array<{ id: string }> }).data.map((connection) => connection.id)
    expect(ids.sort()).toEqual([
      'autotask-sandbox',
      'connectwise-sandbox',
      'halopsa-sandbox',
      'syncro-sandbox',
    ])
  })

  it("names the Autotask zone on the compose network's sandbox host, where the gateways can reach it", async () => {
    const file = JSON.parse(readFileSync(new URL('deploy/compose/gateway.json', ROOT), 'utf8')) as {
      connections: Array<{
        vendor: string
        zoneInformationUrl?: string
        userName?: string
        defaultResourceId?: string
      }>
    }
    const autotask = file.connections.find((connection) => connection.vendor === 'autotask')!
    // Its default resource is the one the sandbox gives its own connection: a technician, not the API user.
    const sandboxConnection = sandbox.connections.find((connection) => connection.vendor === 'autotask')!
    expect(autotask.defaultResourceId).toBe(
      'defaultResourceId' in sandboxConnection ? sandboxConnection.defaultResourceId : undefined,
    )
    // The compose file gives the gateways the keys it gives the sandbox.
    const sandboxEnv = interpolated(services.sandbox!.environment)
    const userName = autotask.userName!.replace(/\$\{(\w+)\}/g, (_, name: string) => sandboxEnv[name] ?? '')
    const lookup = new URL(autotask.zoneInformationUrl!)
    lookup.searchParams.set('user', userName)
    // Asked as a gateway container asks it: the sandbox's compose host in the Host header.
    const answer = await request(
      `http://127.0.0.1:${new URL(sandbox.autotask.origin).port}${lookup.pathname}${lookup.search}`,
      { headers: { host: lookup.host } },
    )
    expect(answer.statusCode).toBe(200)
    const zone = (await answer.body.json()) as { url: string }
    expect(new URL(zone.url).host).toBe(lookup.host)

    const tickets = await app.inject({
      method: 'GET',
      url: '/v1/connections/autotask-sandbox/tickets?pageSize=2',
    })
    expect(tickets.statusCode, tickets.body).toBe(200)
  })

  it('answers every command as the README says', async () => {
    let previous: { nextCursor?: string | null } = {}
    for (const command of readmeTryIt()) {
      const url = command.url.replace(PREVIOUS_CURSOR, encodeURIComponent(previous.nextCursor ?? ''))
      const answer = await app.inject({
        method: command.method as 'GET',
        url,
        headers: command.headers,
        payload: command.body,
      })
      const outcome = { command: command.text, status: answer.statusCode }
      if (command.expectedStatus) expect(outcome).toEqual({ ...outcome, status: command.expectedStatus })
      else expect(outcome.status, `${command.text}: ${answer.body}`).toBeLessThan(300)
      previous = answer.json()
    }
  })

  it('creates a ConnectWise ticket with a status and no board: the connection names its default board', async () => {
    const customers = await app.inject({
      method: 'GET',
      url: '/v1/connections/connectwise-sandbox/customers',
    })
    const customerId = (customers.json() as { data: Array<{ id: string }> }).data[0]!.id
    const created = await app.inject({
      method: 'POST',
      url: '/v1/connections/connectwise-sandbox/tickets',
      payload: { subject: 'Printer offline', customerId, status: 'open', priority: 'high' },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ status: { category: 'open' }, board: { id: '1' } })
  })
})
