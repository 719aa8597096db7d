import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  imageEnvironment,
  manifestProblems,
  readManifests,
  type Manifest,
} from '../helpers/kubernetes-manifests.js'

/** deploy/kubernetes, checked in CI (the fast tier): every document against its schema, then the production shape. */

const FOLDER = fileURLToPath(new URL('../../deploy/kubernetes', import.meta.url))
const { manifests, kustomized, files } = readManifests(FOLDER)
const image = imageEnvironment(readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'))

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, broken on purpose field by field
type Document = any

/** The manifests with one document changed by `change` (kind and name pick it). */
function changed(kind: string, name: string, change: (document: Document) => void): Manifest[] {
  const copy = structuredClone(manifests)
  const manifest = copy.find((m) => m.document.kind === kind && m.document.metadata?.name === name)
  if (!manifest) throw new Error(`no ${kind} ${name}`)
  change(manifest.document)
  return copy
}
const gatewayContainer = (deployment: Document) => deployment.spec.template.spec.containers[0]

describe('deploy/kubernetes', () => {
  it('has every file in the kustomization', () => {
    expect([...kustomized].sort()).toEqual([...files].sort())
  })

  it('holds the gateway, its config, secret, service and disruption budget, and Redis', () => {
    expect(manifests.map(({ document }) => `${document.kind} ${document.metadata?.name}`).sort()).toEqual([
      'ConfigMap psa-gateway-config',
      'ConfigMap psa-gateway-env',
      'Deployment psa-gateway',
      'Deployment psa-gateway-redis',
      'NetworkPolicy psa-gateway-redis',
      'PodDisruptionBudget psa-gateway',
      'Secret psa-gateway-secrets',
      'Service psa-gateway',
      'Service psa-gateway-redis',
    ])
  })

  it('validates against the Kubernetes schemas and has the production shape', () => {
    expect(manifestProblems(manifests, image)).toEqual([])
  })

  it('reads the image environment from the Dockerfile', () => {
    expect(image).toMatchObject({ NODE_ENV: 'production', PORT: '3000' })
  })
})

describe('the checks find', () => {
  const problems = (broken: Manifest[]) => manifestProblems(broken, image).join('\n')

  it('a document its schema refuses, and a kind without a schema', () => {
    const broken = changed('Deployment', 'psa-gateway', (d) => (d.spec.replicas = 'two'))
    broken.push({ file: 'extra.yaml', document: { apiVersion: 'v1', kind: 'Pdo', metadata: { name: 'x' } } })
    expect(problems(broken)).toMatch(/Deployment psa-gateway: .*spec\/replicas must be integer/)
    expect(problems(broken)).toContain('no schema for apiVersion v1, kind Pdo')
  })

  it('a single replica', () => {
    const broken = changed('Deployment', 'psa-gateway', (d) => (d.spec.replicas = 1))
    expect(problems(broken)).toContain('replicas must be 2 or more, not 1')
  })

  it('probes on other paths', () => {
    const broken = changed('Deployment', 'psa-gateway', (d) => {
      gatewayContainer(d).readinessProbe.httpGet.path = '/healthz'
      gatewayContainer(d).livenessProbe.httpGet.path = '/readyz'
    })
    expect(problems(broken)).toContain('readinessProbe must GET /readyz')
    expect(problems(broken)).toContain('livenessProbe must GET /healthz')
  })

  it('a disruption budget or a service that selects no gateway pod', () => {
    const pdb = changed('PodDisruptionBudget', 'psa-gateway', (d) => {
      d.spec.selector.matchLabels['app.kubernetes.io/component'] = 'gw'
    })
    expect(problems(pdb)).toContain('exactly one PodDisruptionBudget must select its pods')
    const service = changed(
      'Service',
      'psa-gateway',
      (d) => (d.spec.selector['app.kubernetes.io/name'] = 'psa'),
    )
    expect(problems(service)).toContain('Service psa-gateway: its selector matches no Deployment')
  })

  it('a termination grace the gateway cannot shut down in', () => {
    const broken = changed(
      'Deployment',
      'psa-gateway',
      (d) => (d.spec.template.spec.terminationGracePeriodSeconds = 30),
    )
    expect(problems(broken)).toContain(
      "terminationGracePeriodSeconds gives 30000 ms, not more than preStop + the gateway's shutdown grace (40000 ms)",
    )
    // The grace follows the configuration: a longer rate-limit wait needs a longer termination grace.
    const longerWait = changed(
      'ConfigMap',
      'psa-gateway-env',
      (d) => (d.data.RATE_LIMIT_MAX_WAIT_MS = '30000'),
    )
    expect(problems(longerWait)).toContain('(60000 ms)')
  })

  it('a ConfigMap key the gateway does not read, and a secret the config file refers to but nobody holds', () => {
    const key = changed('ConfigMap', 'psa-gateway-env', (d) => (d.data.LOG_LEVL = 'debug'))
    expect(problems(key)).toContain('ConfigMap psa-gateway-env: LOG_LEVL is not a variable the gateway reads')
    const secret = changed('Secret', 'psa-gateway-secrets', (d) => delete d.stringData.HALO_EU_CLIENT_SECRET)
    expect(problems(secret)).toContain('refers to ${HALO_EU_CLIENT_SECRET}, which is not set')
  })

  it('GATEWAY_REPLICAS other than the replicas', () => {
    const broken = changed('Deployment', 'psa-gateway', (d) => (d.spec.replicas = 3))
    expect(problems(broken)).toContain('GATEWAY_REPLICAS is 2, the Deployment runs 3')
  })

  it('a container without resources or with a writable root file system', () => {
    const broken = changed('Deployment', 'psa-gateway-redis', (d) => {
      delete d.spec.template.spec.containers[0].resources
      d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false
    })
    expect(problems(broken)).toContain('container redis: resources.requests needs cpu and memory')
    expect(problems(broken)).toContain('container redis: readOnlyRootFilesystem must be true')
  })
})
