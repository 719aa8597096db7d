import type { FastifyInstance } from 'fastify'
import { GatewayError } from '../errors.js'

/** Keys that would reach an object's prototype if a body were ever merged into one. */
class PrototypeKey extends Error {}

function refusePrototypeKeys(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') throw new PrototypeKey()
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
    throw new PrototypeKey()
  return value
}

const invalidBody = (detail: string, message: string) =>
  new GatewayError(400, 'validation_failed', `the body is not valid: ${detail}`, {
    errors: [{ field: 'body', message }],
  })

/** A JSON body, or the reason it is not one, said plainly (not "not valid JSON" for every case). */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw invalidBody('it is empty; send a JSON object', 'is empty')
  try {
    return JSON.parse(text, refusePrototypeKeys)
  } catch (error) {
    if (error instanceof PrototypeKey) {
      throw invalidBody(
        "it names '__proto__' or 'constructor.prototype', which no request may carry",
        'holds a forbidden key (__proto__ or constructor.prototype)',
      )
    }
    throw invalidBody(`it is not JSON (${(error as Error).message})`, 'is not JSON')
  }
}

/** Bodies are JSON only; the server's body limit applies as to every parser. */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
}
