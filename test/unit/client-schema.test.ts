import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { CLIENT_SCHEMA_PATH, clientSchema } from '../../scripts/client-schema.js'

it('the TypeScript client is generated from the committed openapi/openapi.json', async () => {
  const committed = await readFile(CLIENT_SCHEMA_PATH, 'utf8')
  expect(await clientSchema(), 'clients/typescript/src/schema.ts is stale: run npm run client').toBe(
    committed,
  )
})
