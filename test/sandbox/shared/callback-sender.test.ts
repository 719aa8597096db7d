import { afterEach, describe, expect, it } from 'vitest'
import { CallbackSender } from '../../../sandbox/shared/callback-sender.js'
import { createStats } from '../../../sandbox/shared/stats.js'
import { startReceiver, type Receiver } from '../../helpers/event-receiver.js'

let receiver: Receiver | undefined
afterEach(async () => {
  await receiver?.close()
})

const request =
  (url: string, body = '{"n":1}') =>
  () => ({ url, headers: { 'x-test': 'yes' }, body })

describe('CallbackSender', () => {
  it('posts JSON with the given headers, and counts an answer other than 2xx as a failure, once', async () => {
    receiver = await startReceiver((index) => (index === 0 ? 500 : 204))
    const stats = createStats()
    const sender = new CallbackSender({ stats })
    sender.schedule(request(receiver.url))
    sender.schedule(request(receiver.url, '{"n":2}'))
    sender.schedule(() => undefined)
    await sender.settled()
    expect(receiver.received.map((received) => received.body).sort()).toEqual(['{"n":1}', '{"n":2}'])
    expect(receiver.received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-test': 'yes',
    })
    expect(sender.failed).toBe(1)
    expect(stats.callbacks).toEqual({ sent: 2, failed: 1 })
    expect(sender.sent.map((attempt) => attempt.status).sort()).toEqual([204, 500])
    await sender.close()
  })

  it('never lets the write wait: the POST starts after the caller has returned', async () => {
    receiver = await startReceiver()
    const sender = new CallbackSender()
    let built = false
    sender.schedule(() => {
      built = true
      return request(receiver!.url)()
    })
    expect(built).toBe(false)
    await receiver.waitFor(1)
    await sender.close()
  })

  it('cancels a POST in flight at close, recording it as failed, and sends nothing after', async () => {
    receiver = await startReceiver(() => 'hold')
    const sender = new CallbackSender()
    sender.schedule(request(receiver.url))
    await receiver.waitFor(1)
    await sender.close()
    expect(sender.sent).toEqual([expect.objectContaining({ status: null, error: expect.any(String) })])
    sender.schedule(request(receiver.url))
    await sender.settled()
    expect(receiver.received).toHaveLength(1)
  })
})
