import { newApiKey } from '../src/security/api-keys.js'

// `npm run key`: a new gateway API key for a caller, and the hash the gateway is configured with. The key is
// shown once, here; the gateway only ever holds its hash.
const { key, keyHash } = newApiKey()
console.log(`API key (give it to the caller, store it as a secret):  ${key}`)
console.log(`Hash (configure the gateway with it):                    ${keyHash}`)
console.log('')
console.log(`  GATEWAY_API_KEYS=${keyHash}`)
console.log(
  `  or in GATEWAY_CONFIG: { "name": "<caller>", "keyHash": "${keyHash}", "scopes": ["read", "write"] }`,
)
