import { staticAuth, type VendorAuth } from '../../src/vendor-http/auth.js'

/** Syncro takes the API key as a bearer token (the spec's scheme; `?api_key=` would put it in URLs and logs). */
export const syncroAuth = (apiKey: string): VendorAuth =>
  staticAuth({ authorization: `Bearer ${apiKey}` }, [apiKey])
