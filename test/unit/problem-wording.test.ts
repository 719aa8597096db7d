import { expect, it } from 'vitest'
import type { GatewayError } from '../../src/errors.js'
import { integerId } from '../../src/mapping/ids.js'

const detailOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return (error as GatewayError).detail
  }
  throw new Error('no error')
}

it.each([
  ['autotask', "'customerId' must be an autotask id (digits)"],
  ['halopsa', "'customerId' must be a halopsa id (digits)"],
  ['syncro', "'customerId' must be a syncro id (digits)"],
])('names the id of %s with the right article', (vendor, detail) => {
  expect(detailOf(() => integerId(vendor, 'x', 'customerId'))).toBe(detail)
})
