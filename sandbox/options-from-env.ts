import { sandboxActivityFromEnv } from './activity-env.js'
import type { SandboxOptions } from './index.js'
import { sandboxRateLimitsFromEnv } from './rate-limit-env.js'
import { isHttpUrl } from './shared/urls.js'

/**
 * `npm run sandbox`'s settings: loopback and random keys unless told otherwise (the compose file runs it for
 * several gateway replicas: SANDBOX_HOST=0.0.0.0, fixed ports and known keys). What cannot be read is told in
 * `problems`.
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv, problems: string[]): SandboxOptions {
  const port = (text: string | undefined) => (text ? Number(text) : undefined)
  const rateLimits = sandboxRateLimitsFromEnv(env, problems)
  return {
    host: env.SANDBOX_HOST || '127.0.0.1',
    activity: sandboxActivityFromEnv(env, problems),
    connectwise: {
      port: port(env.SANDBOX_CONNECTWISE_PORT),
      rateLimit: rateLimits.connectwise,
      members:
        env.SANDBOX_CONNECTWISE_PUBLIC_KEY && env.SANDBOX_CONNECTWISE_PRIVATE_KEY
          ? [
              {
                publicKey: env.SANDBOX_CONNECTWISE_PUBLIC_KEY,
                privateKey: env.SANDBOX_CONNECTWISE_PRIVATE_KEY,
              },
            ]
          : undefined,
      clientIds: env.SANDBOX_CONNECTWISE_CLIENT_ID ? [env.SANDBOX_CONNECTWISE_CLIENT_ID] : undefined,
    },
    halopsa: {
      port: port(env.SANDBOX_HALOPSA_PORT),
      rateLimit: rateLimits.halopsa,
      tenant: env.SANDBOX_HALOPSA_TENANT || undefined,
      clients:
        env.SANDBOX_HALOPSA_CLIENT_ID && env.SANDBOX_HALOPSA_CLIENT_SECRET
          ? [{ clientId: env.SANDBOX_HALOPSA_CLIENT_ID, clientSecret: env.SANDBOX_HALOPSA_CLIENT_SECRET }]
          : undefined,
    },
    syncro: {
      port: port(env.SANDBOX_SYNCRO_PORT),
      rateLimit: rateLimits.syncro,
      apiKeys: env.SANDBOX_SYNCRO_API_KEY ? [env.SANDBOX_SYNCRO_API_KEY] : undefined,
      webhookUrl: syncroWebhookUrl(env.SANDBOX_SYNCRO_WEBHOOK_URL, problems),
    },
    autotask: {
      port: port(env.SANDBOX_AUTOTASK_PORT),
      rateLimit: rateLimits.autotask,
      apiUsers:
        env.SANDBOX_AUTOTASK_USERNAME && env.SANDBOX_AUTOTASK_SECRET && env.SANDBOX_AUTOTASK_INTEGRATION_CODE
          ? [
              {
                userName: env.SANDBOX_AUTOTASK_USERNAME,
                secret: env.SANDBOX_AUTOTASK_SECRET,
                integrationCode: env.SANDBOX_AUTOTASK_INTEGRATION_CODE,
              },
            ]
          : undefined,
    },
  }
}

/** Stands for the webhook URL an admin enters in Syncro's UI (Syncro has no API for it). */
function syncroWebhookUrl(text: string | undefined, problems: string[]): string | undefined {
  if (!text) return undefined
  if (isHttpUrl(text)) return text
  problems.push(`SANDBOX_SYNCRO_WEBHOOK_URL must be an http(s) URL, got '${text}'`)
  return undefined
}
