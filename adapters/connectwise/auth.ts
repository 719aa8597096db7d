import { staticAuth, type VendorAuth } from '../../src/vendor-http/auth.js'
import type { ConnectWiseConnectionConfig } from './config.js'

/** Basic auth of `companyId+publicKey:privateKey`, plus the integration's clientId header on every call. */
export function connectWiseAuth(config: ConnectWiseConnectionConfig): VendorAuth {
  const credentials = Buffer.from(`${config.companyId}+${config.publicKey}:${config.privateKey}`).toString(
    'base64',
  )
  return staticAuth({ authorization: `Basic ${credentials}`, clientid: config.clientId }, [
    config.publicKey,
    config.privateKey,
  ])
}
