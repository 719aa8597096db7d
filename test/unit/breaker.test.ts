import { describe, expect, it } from 'vitest'
import { ConnectionHealth } from '../../src/vendor-http/health.js'

const settings = { failureThreshold: 3, cooldownMs: 1_000 }

describe('the circuit breaker of a connection', () => {
  it('opens after the threshold of failures in a row, and only then', () => {
    const health = new ConnectionHealth(settings)
    health.recordFailure(0)
    health.recordFailure(1)
    health.recordSuccess(2)
    health.recordFailure(3)
    health.recordFailure(4)
    expect(health.admit(5)).toEqual({ admitted: true, probe: false })
    health.recordFailure(6)
    expect(health.breakerState(7)).toBe('open')
    expect(health.admit(7)).toEqual({ admitted: false, retryAfterMs: 999 })
  })

  it('lets one probe through after the cool-down; its success closes the breaker', () => {
    const health = new ConnectionHealth(settings)
    for (const at of [0, 1, 2]) health.recordFailure(at)
    expect(health.breakerState(1_002)).toBe('half-open')
    expect(health.admit(1_002)).toEqual({ admitted: true, probe: true })
    expect(health.admit(1_003)).toEqual({ admitted: false, retryAfterMs: 1_000 })
    health.recordSuccess(1_010)
    expect(health.breakerState(1_011)).toBe('closed')
    expect(health.admit(1_011)).toEqual({ admitted: true, probe: false })
    expect(health.report(1_011)).toMatchObject({ status: 'ok', breaker: 'closed', consecutiveFailures: 0 })
  })

  it('opens again for a whole cool-down when the probe fails, and frees a probe that ended without an answer', () => {
    const health = new ConnectionHealth(settings)
    for (const at of [0, 1, 2]) health.recordFailure(at)
    expect(health.admit(1_002)).toMatchObject({ probe: true })
    health.recordFailure(1_100)
    expect(health.admit(1_200)).toEqual({ admitted: false, retryAfterMs: 900 })
    expect(health.admit(2_100)).toMatchObject({ probe: true })
    health.releaseProbe()
    expect(health.admit(2_101)).toMatchObject({ probe: true })
  })
})
