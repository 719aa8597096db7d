import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment'
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap'
import type { IContainer } from 'kubernetes-models/v1/Container'
import type { ISecret } from 'kubernetes-models/v1/Secret'
import type { IService } from 'kubernetes-models/v1/Service'
import { parseAllDocuments } from 'yaml'
import { ConfigError, loadConfig, type Config } from '../../app/config.js'
import { shutdownGraceMs } from '../../app/shutdown-grace.js'
import { variablesTheGatewayReads } from './environment-variables.js'

/**
 * The checks of deploy/kubernetes: each document against its kind's schema (kubernetes-models: the Kubernetes
 * OpenAPI schemas compiled with ajv; like kubeconform without -strict, a field the schema does not know passes),
 * then what the schemas cannot say: the production shape this gateway needs. Each finding is one line naming the
 * document.
 */

export interface Manifest {
  file: string
  document: { apiVersion?: string; kind?: string; metadata?: { name?: string } }
}

/** The gateway's container is the one named so; its pods are the Deployment whose component label says so. */
const GATEWAY = 'gateway'
const COMPONENT = 'app.kubernetes.io/component'

const require = createRequire(import.meta.url)
const nameOf = ({ file, document }: Manifest) =>
  `${file}: ${document.kind ?? '?'} ${document.metadata?.name ?? '?'}`

/** Every document of every YAML file of `folder` but the kustomization, and the files the kustomization lists. */
export function readManifests(folder: string): {
  manifests: Manifest[]
  kustomized: string[]
  files: string[]
} {
  const files = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml')
  const manifests = files.flatMap((file) =>
    parseAllDocuments(readFileSync(join(folder, file), 'utf8')).map((parsed) => {
      if (parsed.errors.length)
        throw new Error(`${file}: ${parsed.errors.map((error) => error.message).join('; ')}`)
      return { file, document: parsed.toJS() as Manifest['document'] }
    }),
  )
  const kustomization = parseAllDocuments(
    readFileSync(join(folder, 'kustomization.yaml'), 'utf8'),
  )[0]!.toJS() as {
    resources?: string[]
  }
  return { manifests, kustomized: kustomization.resources ?? [], files }
}

/** The document against the OpenAPI schema of its apiVersion and kind. */
export function schemaProblems(manifest: Manifest): string[] {
  const { apiVersion, kind } = manifest.document
  let Model: new (data: unknown) => { validate(): void }
  try {
    Model = (require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, typeof Model>)[kind!]!
  } catch {
    return [`${nameOf(manifest)}: no schema for apiVersion ${apiVersion}, kind ${kind}`]
  }
  try {
    new Model(manifest.document).validate()
    return []
  } catch (error) {
    return [`${nameOf(manifest)}: ${(error as Error).message}`]
  }
}

/** The environment the Dockerfile's ENV gives every container of the image. */
export function imageEnvironment(dockerfile: string): Record<string, string> {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ')
  const runStage = joined.slice(joined.lastIndexOf('\nFROM '))
  const assignments = [...runStage.matchAll(/^ENV (.+)$/gm)].flatMap((match) => match[1]!.trim().split(/\s+/))
  return Object.fromEntries(assignments.map((assignment) => assignment.split('=') as [string, string]))
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value)

function containerProblems(where: string, container: IContainer): string[] {
  const problems: string[] = []
  const { requests, limits } = container.resources ?? {}
  if (!requests?.cpu || !requests.memory) problems.push(`${where}: resources.requests needs cpu and memory`)
  if (!limits?.memory) problems.push(`${where}: resources.limits needs memory`)
  const security = container.securityContext
  if (security?.readOnlyRootFilesystem !== true)
    problems.push(`${where}: readOnlyRootFilesystem must be true`)
  if (security?.allowPrivilegeEscalation !== false)
    problems.push(`${where}: allowPrivilegeEscalation must be false`)
  return problems
}

/** `sleep N` of a preStop hook, in ms (0 without one). */
function preStopMs(container: IContainer): number {
  const [command, seconds] = container.lifecycle?.preStop?.exec?.command ?? []
  return command === 'sleep' ? Number(seconds) * 1000 : 0
}

/**
 * The production shape: a gateway Deployment of 2+ replicas with probes on /readyz and /healthz, resources and a
 * locked-down security context everywhere, a PodDisruptionBudget and Services that select real pods, config that
 * the gateway loads (ConfigMap keys it reads, the Secret's keys read or referred to), and a termination grace
 * longer than the preStop pause plus the gateway's own shutdown grace.
 */
export function manifestProblems(manifests: Manifest[], image: Record<string, string>): string[] {
  const problems = manifests.flatMap(schemaProblems)
  const ofKind = <T>(kind: string) =>
    manifests.filter((manifest) => manifest.document.kind === kind) as Array<{ file: string; document: T }>
  const deployments = ofKind<IDeployment>('Deployment')
  const configMaps = new Map(
    ofKind<IConfigMap>('ConfigMap').map((m) => [m.document.metadata!.name!, m.document]),
  )
  const secrets = new Map(ofKind<ISecret>('Secret').map((m) => [m.document.metadata!.name!, m.document]))

  for (const deployment of deployments) {
    const pod = deployment.document.spec?.template
    for (const container of pod?.spec?.containers ?? [])
      problems.push(...containerProblems(`${nameOf(deployment)} container ${container.name}`, container))
    if (pod?.spec?.securityContext?.runAsNonRoot !== true)
      problems.push(`${nameOf(deployment)}: the pod's securityContext.runAsNonRoot must be true`)
    if (!matches(deployment.document.spec?.selector.matchLabels, pod?.metadata?.labels))
      problems.push(`${nameOf(deployment)}: its selector does not select its own pods`)
  }

  const gateways = deployments.filter(
    (d) => d.document.spec?.template.metadata?.labels?.[COMPONENT] === GATEWAY,
  )
  if (gateways.length !== 1)
    return [...problems, `exactly one Deployment labelled ${COMPONENT}: ${GATEWAY} is needed`]
  const gateway = gateways[0]!
  const where = nameOf(gateway)
  const spec = gateway.document.spec!
  const podLabels = spec.template.metadata?.labels
  const replicas = spec.replicas ?? 1
  if (replicas < 2) problems.push(`${where}: replicas must be 2 or more, not ${replicas}`)
  const container = spec.template.spec?.containers.find((c) => c.name === GATEWAY)
  if (!container) return [...problems, `${where}: no container named ${GATEWAY}`]

  // The pod's environment, as the gateway sees it: the image's, then each envFrom source in order.
  const environment: Record<string, string> = { ...image }
  const fromSecrets = new Set<string>()
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = configMaps.get(source.configMapRef.name!)
      if (!configMap)
        problems.push(`${where}: envFrom names ConfigMap ${source.configMapRef.name}, which is not here`)
      Object.assign(environment, configMap?.data)
    }
    if (source.secretRef) {
      const secret = secrets.get(source.secretRef.name!)
      if (!secret) problems.push(`${where}: envFrom names Secret ${source.secretRef.name}, which is not here`)
      Object.assign(environment, secret?.stringData)
      for (const key of Object.keys(secret?.stringData ?? {})) fromSecrets.add(key)
    }
    if (source.prefix) problems.push(`${where}: an envFrom prefix renames variables the gateway reads`)
  }
  for (const variable of container.env ?? []) environment[variable.name] = variable.value ?? ''

  // Files mounted from ConfigMaps, by the path the container sees them at.
  const files = new Map<string, string>()
  for (const mount of container.volumeMounts ?? []) {
    const volume = spec.template.spec?.volumes?.find((v) => v.name === mount.name)
    if (!volume) problems.push(`${where}: mounts volume ${mount.name}, which the pod does not declare`)
    const name = volume?.configMap?.name
    if (name === undefined) continue
    const configMap = configMaps.get(name)
    if (!configMap) problems.push(`${where}: mounts ConfigMap ${name}, which is not here`)
    for (const [key, text] of Object.entries(configMap?.data ?? {}))
      files.set(`${mount.mountPath}/${key}`, text)
  }

  const read = variablesTheGatewayReads()
  const referred = new Set(
    [...files.values()].flatMap((text) => [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!)),
  )
  for (const source of container.envFrom ?? []) {
    for (const key of Object.keys(configMaps.get(source.configMapRef?.name ?? '')?.data ?? {}))
      if (!read.has(key))
        problems.push(`ConfigMap ${source.configMapRef!.name}: ${key} is not a variable the gateway reads`)
  }
  for (const key of fromSecrets)
    if (!read.has(key) && !referred.has(key))
      problems.push(`a Secret's ${key} is neither read by the gateway nor referred to by its config file`)

  let config: Config | undefined
  try {
    config = loadConfig(environment, (path) => {
      const text = files.get(path)
      if (text === undefined) throw Object.assign(new Error(`${path} is not mounted`), { code: 'ENOENT' })
      return text
    })
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    problems.push(...error.problems.map((problem) => `${where}: the gateway would not start: ${problem}`))
  }
  if (config) {
    if (config.nodeEnv !== 'production') problems.push(`${where}: NODE_ENV must be production`)
    if (config.store.replicas !== replicas)
      problems.push(`${where}: GATEWAY_REPLICAS is ${config.store.replicas}, the Deployment runs ${replicas}`)
    const needed = preStopMs(container) + shutdownGraceMs(config.vendorHttp)
    const given = (spec.template.spec?.terminationGracePeriodSeconds ?? 30) * 1000
    if (given <= needed)
      problems.push(
        `${where}: terminationGracePeriodSeconds gives ${given} ms, not more than preStop + the gateway's shutdown grace (${needed} ms)`,
      )
    const http = container.ports?.find((port) => port.containerPort === config!.port)
    if (!http) problems.push(`${where}: no container port is the gateway's PORT ${config.port}`)
    for (const [probe, path] of [
      ['readinessProbe', '/readyz'],
      ['livenessProbe', '/healthz'],
    ] as const) {
      const get = container[probe]?.httpGet
      if (get?.path !== path) problems.push(`${where}: ${probe} must GET ${path}`)
      else if (get.port !== http?.name && get.port !== config.port)
        problems.push(`${where}: ${probe} must probe the gateway's port`)
    }
  }

  const budgets = ofKind<IPodDisruptionBudget>('PodDisruptionBudget').filter((pdb) =>
    matches(pdb.document.spec?.selector?.matchLabels, podLabels),
  )
  if (budgets.length !== 1) problems.push(`${where}: exactly one PodDisruptionBudget must select its pods`)
  for (const budget of budgets) {
    const { minAvailable, maxUnavailable } = budget.document.spec!
    if (typeof minAvailable === 'number' && minAvailable >= replicas)
      problems.push(
        `${nameOf(budget)}: minAvailable ${minAvailable} of ${replicas} replicas blocks every drain`,
      )
    if (minAvailable === undefined && maxUnavailable === undefined)
      problems.push(`${nameOf(budget)}: give minAvailable or maxUnavailable`)
  }

  for (const service of ofKind<IService>('Service')) {
    const target = deployments.find((d) =>
      matches(service.document.spec?.selector, d.document.spec?.template.metadata?.labels),
    )
    if (!target) {
      problems.push(`${nameOf(service)}: its selector matches no Deployment's pods`)
      continue
    }
    const ports = target.document.spec!.template.spec!.containers.flatMap((c) => c.ports ?? [])
    for (const port of service.document.spec?.ports ?? []) {
      const found = ports.some(
        (p) => p.name === port.targetPort || p.containerPort === (port.targetPort ?? port.port),
      )
      if (!found) problems.push(`${nameOf(service)}: targetPort ${port.targetPort} is no port of its pods`)
    }
  }
  return problems
}
