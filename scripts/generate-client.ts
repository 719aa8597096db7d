import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { CLIENT_SCHEMA_PATH, clientSchema } from './client-schema.js'

await writeFile(CLIENT_SCHEMA_PATH, await clientSchema())
console.log(`wrote ${fileURLToPath(CLIENT_SCHEMA_PATH)}`)
