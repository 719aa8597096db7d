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
 * KEYS[1] idempotency record; ARGV fingerprint, in-flight record JSON, in-flight ttl ms.
 * Returns {'started'} after claiming the key, {'mismatch'} for another request body, {'in-flight'} while the
 * first is still running, or {'done', record JSON} to replay.
 */
export const IDEMPOTENCY_BEGIN_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return {'started'}
end
local record = cjson.decode(raw)
if record.fingerprint ~= ARGV[1] then return {'mismatch'} end
if record.state == 'in-flight' then return {'in-flight'} end
return {'done', raw}
`

/** KEYS[1] idempotency record; ARGV[1] owner. Releases an in-flight claim, only the owner's. */
export const IDEMPOTENCY_ABANDON_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local record = cjson.decode(raw)
if record.state == 'in-flight' and record.owner == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/** KEYS[1] idempotency record; ARGV owner, done record JSON, ttl ms. Stores the answer of the owner's claim. */
export const IDEMPOTENCY_COMPLETE_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
if raw then
  local record = cjson.decode(raw)
  if record.state ~= 'in-flight' or record.owner ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`
