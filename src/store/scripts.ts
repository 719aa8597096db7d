/**
 * The Lua scripts, each run atomically by Redis. ioredis loads them once and calls them with EVALSHA,
 * falling back to EVAL (which loads them again) when Redis answers NOSCRIPT after a restart.
 */

/**
 * Redis's clock in ms: every replica reads the same time, whatever its own clock says. (Writing after TIME
 * needs effects replication: the default from Redis 5; replicate_commands() asks for it on older servers.)
 */
const REDIS_NOW = `
redis.replicate_commands()
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`

/**
 * The bucket's state at `now`: `tokens` at time `at`, refilled at `rate` per ms up to `burst`. `tokens` goes
 * negative while reservations are queued; it never refills past `burst`.
 */
const BUCKET_STATE = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
elseif now > at then
  tokens = math.min(burst, tokens + (now - at) * rate)
end
`

/**
 * KEYS[1] bucket; ARGV burst, rate per ms, max wait ms, idle ttl ms.
 * Reserves one request: returns {1, wait ms} (the caller sends after waiting that long), or {0, wait ms}
 * with nothing taken when the wait would exceed the max.
 */
export const ACQUIRE_SCRIPT = `${REDIS_NOW}${BUCKET_STATE}
local max_wait = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local after = tokens - 1
local wait = 0
if after < 0 then wait = math.ceil(-after / rate) end
if wait > max_wait then return {0, wait} end
redis.call('HSET', KEYS[1], 'tokens', tostring(after), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ttl + wait)
return {1, wait}
`

/**
 * KEYS[1] bucket; ARGV burst, rate per ms, block ms, idle ttl ms.
 * Sets the balance that reaches zero exactly `block ms` from now: no reservation before then, no burst after.
 * Reservations already handed out keep their times; a deeper balance (a longer queue or block) is kept.
 */
export const BLOCK_SCRIPT = `${REDIS_NOW}${BUCKET_STATE}
local block = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local blocked = -block * rate
if blocked < tokens then
  redis.call('HSET', KEYS[1], 'tokens', tostring(blocked), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], ttl + block)
end
return 1
`

/** KEYS[1]; ARGV[1] value. Deletes the key only if it still holds that value (a lock's owner id). */
export const DELETE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/** KEYS[1] token JSON; ARGV[1] the rejected token. Drops the token only if it is still the rejected one. */
export const DELETE_TOKEN_IF_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/**
 * The idempotency record scripts. A record is JSON: `{state: 'done', fingerprint, answer}` or `{state:
 * 'in-flight', fingerprint, owner, leaseUntil, sentAt?, uncertain?}`, times in Redis's clock (ms). Invariants:
 * only the owner renews, marks or ends its claim; a claim whose lease ran out is taken over by the next begin,
 * which is told when the earlier attempt had sent its write (`sentAt`) or carried a doubt (`uncertain`); a claim
 * with a doubt is never deleted without an answer, only released (lease 0), so that no later attempt writes
 * without first looking at the vendor.
 */
const OWNED_CLAIM = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local record = cjson.decode(raw)
if record.state ~= 'in-flight' or record.owner ~= ARGV[1] then return 0 end
`

/**
 * KEYS[1]; ARGV fingerprint, new owner, lease ms, settle ms, record ttl ms.
 * Returns {'mismatch'}, {'done', record JSON}, {'in-flight', ms to wait}, or {'started', '1' | '0'} (1: the
 * earlier attempt may have written).
 */
export const IDEMPOTENCY_BEGIN_SCRIPT = `${REDIS_NOW}
local lease = tonumber(ARGV[3])
local settle = tonumber(ARGV[4])
local raw = redis.call('GET', KEYS[1])
local unsure = false
if raw then
  local record = cjson.decode(raw)
  if record.fingerprint ~= ARGV[1] then return {'mismatch'} end
  if record.state == 'done' then return {'done', raw} end
  if record.leaseUntil > now then return {'in-flight', tostring(record.leaseUntil - now)} end
  if record.sentAt and record.sentAt + settle > now then
    return {'in-flight', tostring(record.sentAt + settle - now)}
  end
  unsure = record.sentAt ~= nil or record.uncertain == true
end
local claim = {state = 'in-flight', fingerprint = ARGV[1], owner = ARGV[2], leaseUntil = now + lease}
if unsure then claim.uncertain = true end
redis.call('SET', KEYS[1], cjson.encode(claim), 'PX', ARGV[5])
if unsure then return {'started', '1'} end
return {'started', '0'}
`

/** KEYS[1]; ARGV owner, lease ms. The owner's heartbeat: 1 when the claim is still its own. */
export const IDEMPOTENCY_RENEW_SCRIPT = `${REDIS_NOW}${OWNED_CLAIM}
record.leaseUntil = now + tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL')
return 1
`

/** KEYS[1]; ARGV owner, lease ms. Just before the owner's vendor write: 1 (and `sentAt` noted) when still its own. */
export const IDEMPOTENCY_MARK_SENDING_SCRIPT = `${REDIS_NOW}${OWNED_CLAIM}
record.sentAt = now
record.leaseUntil = now + tonumber(ARGV[2])
redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL')
return 1
`

/**
 * KEYS[1]; ARGV owner, '1' when its write may have happened. Deletes the owner's claim, or, when there is doubt
 * (that write, or an earlier attempt's), ends its lease and keeps the doubt for the next repeat.
 */
export const IDEMPOTENCY_ABANDON_SCRIPT = `${OWNED_CLAIM}
if ARGV[2] ~= '1' and record.uncertain ~= true then return redis.call('DEL', KEYS[1]) end
record.uncertain = true
record.leaseUntil = 0
redis.call('SET', KEYS[1], cjson.encode(record), 'KEEPTTL')
return 1
`

/**
 * KEYS[1]; ARGV owner, done record JSON, ttl ms. Stores the answer of the owner's claim (also when the record is
 * gone, a Redis emptied meanwhile: the answer is still the one to replay).
 */
export const IDEMPOTENCY_COMPLETE_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if raw then
  local record = cjson.decode(raw)
  if record.state ~= 'in-flight' or record.owner ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`
