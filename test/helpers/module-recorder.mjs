// Preloaded with `node --import` by test/helpers/loaded-modules.ts: when the process exits, it writes every module
// it loaded to the file named by PSAGW_LOADED_MODULES, one a line: ES modules by URL (seen by a loader hook, which
// runs in a thread of its own and reports each load over a port), CommonJS ones by path (require's cache).
import { writeFileSync } from 'node:fs'
import process from 'node:process'
import { createRequire, register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

const loaded = new Set()
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => loaded.add(url))
port1.unref()
register('./module-recorder-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] })

const required = createRequire(import.meta.url).cache
process.on('exit', () => {
  writeFileSync(process.env.PSAGW_LOADED_MODULES, [...loaded, ...Object.keys(required)].join('\n'))
})
