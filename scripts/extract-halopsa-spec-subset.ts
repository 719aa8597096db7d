import { readFile, writeFile } from 'node:fs/promises'
import {
  extractHalopsaSpecSubset,
  HALOPSA_SPEC_PATH,
  HALOPSA_SPEC_SUBSET_PATH,
} from './halopsa-spec-subset.js'

// Writes test/fixtures/halopsa-spec-subset.json from HaloPSA's OpenAPI document (path as the first argument,
// default ../shared/vendor-specs/halopsa-openapi.json).
const specPath = process.argv[2] ?? HALOPSA_SPEC_PATH
const spec = JSON.parse(await readFile(specPath, 'utf8'))
await writeFile(HALOPSA_SPEC_SUBSET_PATH, `${JSON.stringify(extractHalopsaSpecSubset(spec))}\n`)
console.log(`wrote ${HALOPSA_SPEC_SUBSET_PATH} from ${specPath}`)
