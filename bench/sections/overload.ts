import autocannon from 'autocannon'
import {
  startEmulatorProcess,
  startGatewayProcess,
  watchedRun,
  type EmulatorProcess,
  type GatewayProcess,
} from '../processes/index.js'
import { VENDOR_LIMIT } from './utilisation.js'

/**
 * How long a newcomer may queue in this section (RATE_LIMIT_MAX_WAIT_MS): shorter than autocannon's 10 s timeout,
 * so that a caller's hang-up is never what decides an answer here.
 */
const QUEUE_MS = 3_000
/** Syncro's ticket pages are 25: a list page of 100 costs four vendor calls. */
const CALLS_PER_PAGE = 4

export interface OverloadResult {
  /** 50 callers asking for pages of 100 tickets (4 vendor calls each), asking again at once, 429s included. */
  wholeAnswers: {
    answers2xx: number
    answers429: number
    vendorCalls: number
    vendor429s: number
    /** Vendor calls that ended in a whole answer, of all the vendor calls made (goal ≥ 0.8). */
    spentOnWholeAnswers: number
    /** The longest the emulator or the gateway was held up by the machine meanwhile, ms. */
    worstStallMs: number
  }
  /**
   * A key held to vendorShare 0.2 reading tickets while another key floods the same connection with customer
   * reads: the vendor calls each made, told apart by route at the vendor.
   */
  share: {
    shareKeyCalls: number
    floodKeyCalls: number
    vendor429s: number
    /** The share key's part of the vendor calls made, over its share (goal ≥ 0.9). */
    fractionOfShare: number
    worstStallMs: number
  }
}

const SHARE = 0.2
/** Long enough for both keys' queues to fill (two queue lengths): the share is measured after it. */
const SETTLE_SECONDS = (2 * QUEUE_MS) / 1000

async function vendorCallsDuring(
  emulator: EmulatorProcess,
  gateway: GatewayProcess,
  load: () => Promise<void>,
) {
  const { before, after, worstStallMs } = await watchedRun(emulator, [gateway], load)
  const vendor429s = after.rateLimited - before.rateLimited
  return { vendorCalls: after.requests - before.requests - vendor429s, vendor429s, worstStallMs }
}

async function wholeAnswers(seconds: number): Promise<OverloadResult['wholeAnswers']> {
  const emulator = await startEmulatorProcess({ rateLimit: { ...VENDOR_LIMIT, retryAfterSeconds: 1 } })
  const gateway = await startGatewayProcess(emulator, {
    rateLimit: VENDOR_LIMIT,
    env: { RATE_LIMIT_MAX_WAIT_MS: String(QUEUE_MS) },
  })
  try {
    // One page first: the gateway learns Syncro's page size, as any running gateway has.
    await (await fetch(`${gateway.connectionUrl}/tickets?pageSize=100`)).text()
    let result: autocannon.Result | undefined
    const counts = await vendorCallsDuring(emulator, gateway, async () => {
      result = await autocannon({
        url: `${gateway.connectionUrl}/tickets?pageSize=100`,
        connections: 50,
        duration: seconds,
      })
    })
    const answers2xx = result!['2xx']
    return {
      answers2xx,
      answers429: result!.non2xx,
      ...counts,
      spentOnWholeAnswers: Number(Math.min(1, (answers2xx * CALLS_PER_PAGE) / counts.vendorCalls).toFixed(3)),
    }
  } finally {
    await gateway.stop()
    await emulator.stop()
  }
}

async function share(seconds: number): Promise<OverloadResult['share']> {
  const emulator = await startEmulatorProcess({ rateLimit: { ...VENDOR_LIMIT, retryAfterSeconds: 1 } })
  const keys = { flood: 'bench-flood-key-0123456789', share: 'bench-share-key-0123456789' }
  const gateway = await startGatewayProcess(emulator, {
    rateLimit: VENDOR_LIMIT,
    env: { RATE_LIMIT_MAX_WAIT_MS: String(QUEUE_MS) },
    apiKeys: [
      { name: 'flood', key: keys.flood },
      { name: 'sync-job', key: keys.share, vendorShare: SHARE },
    ],
  })
  try {
    const first = async (list: string) =>
      (
        (await (await fetch(`${emulator.baseUrl}/${list}?api_key=${emulator.apiKey}`)).json()) as Record<
          string,
          { id: number }[]
        >
      )[list]![0]!.id
    const loadAs = (key: string, path: string, connections: number, duration: number) =>
      autocannon({
        url: `${gateway.connectionUrl}${path}`,
        connections,
        duration,
        headers: { authorization: `Bearer ${key}` },
      })
    const paths = {
      flood: `/customers/${await first('customers')}`,
      share: `/tickets/${await first('tickets')}`,
    }
    // Both keys ask far more than they may have: the flood with 50 callers, the share key with 20. Counted once
    // both queues have filled (the share key's first calls wait behind the flood's queue), until the end.
    const { before, after, worstStallMs } = await watchedRun(
      emulator,
      [gateway],
      () =>
        Promise.all([
          loadAs(keys.flood, paths.flood, 50, seconds + SETTLE_SECONDS),
          loadAs(keys.share, paths.share, 20, seconds + SETTLE_SECONDS),
        ]),
      SETTLE_SECONDS * 1000,
    )
    const callsTo = (route: string) => (after.byRoute[route] ?? 0) - (before.byRoute[route] ?? 0)
    const vendor429s = after.rateLimited - before.rateLimited
    // A route's count includes its 429s; there are none when the limit holds (checked by `failures`).
    const shareKeyCalls = callsTo('GET /tickets/:id')
    const floodKeyCalls = callsTo('GET /customers/:id')
    return {
      shareKeyCalls,
      floodKeyCalls,
      vendor429s,
      fractionOfShare: Number((shareKeyCalls / (shareKeyCalls + floodKeyCalls) / SHARE).toFixed(3)),
      worstStallMs,
    }
  } finally {
    await gateway.stop()
    await emulator.stop()
  }
}

/**
 * Demand far above a vendor's limit (VENDOR_LIMIT: Syncro's rate, sped up), through one gateway process: how
 * much of the quota ends in whole answers when each request needs four vendor calls, and whether a key held
 * to a share of the limit gets it while another key floods.
 */
export async function overload(seconds: number): Promise<OverloadResult> {
  return { wholeAnswers: await wholeAnswers(seconds), share: await share(seconds) }
}
