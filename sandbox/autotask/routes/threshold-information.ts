import type { EmulatorReply } from '../../shared/reply.js'
import type { AutotaskRequest, HandlerContext } from '../http-types.js'

/**
 * `GET /ThresholdInformation`: the database's threshold, its timeframe in minutes, and the requests made in the
 * current timeframe, this one included (SWAGGER ThresholdStatusResultModel, camelCase on the wire; "124-10000-60"
 * read as count-threshold-timeframe in kb.clouddepot.com "Understanding Autotask API Limits").
 */
export function thresholdInformation(
  _request: AutotaskRequest,
  { threshold }: HandlerContext,
): EmulatorReply {
  return {
    status: 200,
    body: {
      externalRequestThreshold: threshold.limit,
      requestThresholdTimeframe: Math.round(threshold.windowMs / 60_000),
      currentTimeframeRequestCount: threshold.used,
    },
  }
}
