import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { OPENAPI_PATH, openApiDocument } from './openapi-document.js'

await writeFile(OPENAPI_PATH, await openApiDocument())
console.log(`wrote ${fileURLToPath(OPENAPI_PATH)}`)
