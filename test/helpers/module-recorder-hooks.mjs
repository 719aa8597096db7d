// The loader hooks of module-recorder.mjs: each module's URL, as it loads, to the main thread.
let port

export function initialize(data) {
  port = data.port
}

export async function load(url, context, nextLoad) {
  port.postMessage(url)
  return nextLoad(url, context)
}
