import { readFile, writeFile } from 'node:fs/promises'
import {
  extractSyncroSpecExamples,
  SYNCRO_SPEC_EXAMPLES_PATH,
  SYNCRO_SPEC_PATH,
} from './syncro-spec-examples.js'

// Writes test/fixtures/syncro-spec-examples.json from Syncro's OpenAPI document (path as the first argument,
// default ../shared/vendor-specs/syncro-openapi.json).
const specPath = process.argv[2] ?? SYNCRO_SPEC_PATH
const spec = JSON.parse(await readFile(specPath, 'utf8'))
await writeFile(SYNCRO_SPEC_EXAMPLES_PATH, `${JSON.stringify(extractSyncroSpecExamples(spec), null, 2)}\n`)
console.log(`wrote ${SYNCRO_SPEC_EXAMPLES_PATH} from ${specPath}`)
