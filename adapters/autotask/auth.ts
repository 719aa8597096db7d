import type { VendorAuth } from '../../src/vendor-http/auth.js'
import type { AutotaskConnectionConfig } from './config.js'

/**
 * Three headers on every call, no token (vendors.md, Autotask "auth"; Autotask's help, "REST security and
 * authentication"). The integration code and the secret are the connection's secrets, scrubbed from anything
 * passed on; the user name is not one (it names a resource that answers carry).
 */
export function autotaskAuth(config: AutotaskConnectionConfig): VendorAuth {
  const headers = {
    ApiIntegrationCode: config.integrationCode,
    UserName: config.userName,
    Secret: config.secret,
  }
  const secrets = [config.integrationCode, config.secret]
  return {
    headers: async () => headers,
    renewAfterUnauthorized: async () => false,
    secrets: () => secrets,
  }
}
