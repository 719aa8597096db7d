import { buildApp } from '../app/build-app.js'
import { loadConfig } from '../app/config.js'

/** The OpenAPI document the routes describe; no connection or sandbox is needed to build it. */
export async function openApiDocument(): Promise<string> {
  const app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), sandbox: false })
  try {
    await app.ready()
    return `${JSON.stringify(await app.openApiDocument(), null, 2)}\n`
  } finally {
    await app.close()
  }
}

export const OPENAPI_PATH = new URL('../openapi/openapi.json', import.meta.url)
