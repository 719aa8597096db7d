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
 * KEYS[1] bucket, KEYS[2] its free turns (a sorted set of turn times given back); ARGV burst, rate per ms,
 * max wait ms, idle ttl ms, count.
 * Reserves `count` turns: free turns first (the earliest still ahead, within the max wait), then new ones from
 * the bucket. Returns {1, now, wait ms of each turn...} (sorted; the caller sends each after waiting that long), or
 * {0, wait ms of the last new turn} with nothing taken when that wait would exceed the max. A free turn is a
 * turn already counted by the bucket and given back unused: handing it out again keeps every turn used once.
 */
export const ACQUIRE_SCRIPT = `${REDIS_NOW}${BUCKET_STATE}
local max_wait = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local count = tonumber(ARGV[5])
local usable_from = math.max(now, tonumber(redis.call('HGET', KEYS[1], 'blocked') or 0))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. usable_from)
local reused = redis.call('ZRANGEBYSCORE', KEYS[2], usable_from, now + max_wait, 'LIMIT', 0, count)
local from_bucket = count - #reused
local function wait_of(turn)
  local after = tokens - turn
  if after >= 0 then return 0 end
  return math.ceil(-after / rate)
end
local last = 0
if from_bucket > 0 then last = wait_of(from_bucket) end
if last > max_wait then return {0, last} end
local waits = {}
for i, at in ipairs(reused) do
  redis.call('ZREM', KEYS[2], at)
  waits[i] = tonumber(at) - now
end
if from_bucket > 0 then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - from_bucket), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], ttl + last)
  for turn = 1, from_bucket do waits[#waits + 1] = wait_of(turn) end
end
table.sort(waits)
local answer = {1, now}
for i, wait in ipairs(waits) do answer[i + 2] = wait end
return answer
`

/**
 * KEYS[1] bucket, KEYS[2] its free turns; ARGV idle ttl ms, turn times (Redis ms)...
 * Gives back turns that will not be used: those still ahead, and past any block of the bucket, join the free
 * turns, handed out before new ones.
 */
export const RELEASE_SCRIPT = `${REDIS_NOW}
local usable_from = math.max(now, tonumber(redis.call('HGET', KEYS[1], 'blocked') or 0))
local added = 0
for i = 2, #ARGV do
  local at = tonumber(ARGV[i])
  if at > usable_from then
    redis.call('ZADD', KEYS[2], at, at)
    added = added + 1
  end
end
if added > 0 then redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[1])) end
return added
`

/**
 * KEYS[1] bucket, KEYS[2] its free turns; ARGV burst, rate per ms, block ms, idle ttl ms.
 * Sets the balance that reaches zero exactly `block ms` from now: no reservation before then, no burst after;
 * free turns before then are dropped, and none is taken back before then (\`blocked\`). Reservations already
 * handed out keep their times; a deeper balance (a longer queue or block) is kept.
 */
export const BLOCK_SCRIPT = `${REDIS_NOW}${BUCKET_STATE}
local block = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local blocked = -block * rate
if blocked < tokens then
  redis.call('HSET', KEYS[1], 'tokens', tostring(blocked), 'at', tostring(now))
end
local until_ms = now + block
if until_ms > tonumber(redis.call('HGET', KEYS[1], 'blocked') or 0) then
  redis.call('HSET', KEYS[1], 'blocked', tostring(until_ms))
end
redis.call('PEXPIRE', KEYS[1], ttl + block)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. until_ms)
return 1
`

/** KEYS[1]; ARGV[1] value. Deletes the key only if it still holds that value (a lock's owner id). */
export const DELETE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/** KEYS[1]; ARGV[1] value, ARGV[2] ms. Extends the key's life only if it still holds that value (a lease's owner). */
export const EXPIRE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
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
 * 'in-flight', fingerprint, owner, leaseUntil, sentAt?, doubtSince?}`, times in Redis's clock (ms). Invariants:
 * only the owner renews, marks or ends its claim; a claim whose lease ran out is taken over by the next begin,
 * which carries the doubt on: `doubtSince`, when the earliest write that may have happened under the key was
 * sent; a claim with a doubt is never deleted without an answer, only released (lease 0), so that no later
 * attempt writes without first looking at the vendor from that moment on.
 */
const OWNED_CLAIM = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local record = cjson.decode(raw)
if record.state ~= 'in-flight' or record.owner ~= ARGV[1] then return 0 end
`

/**
 * KEYS[1]; ARGV fingerprint, new owner, lease ms, settle ms, record ttl ms.
 * Returns {'mismatch'}, {'done', record JSON}, {'in-flight', ms to wait}, or {'started'} ({'started', since}
 * when an earlier attempt may have written: when its write was sent).
 */
export const IDEMPOTENCY_BEGIN_SCRIPT = `${REDIS_NOW}
local lease = tonumber(ARGV[3])
local settle = tonumber(ARGV[4])
local raw = redis.call('GET', KEYS[1])
local doubt_since = nil
if raw then
  local record = cjson.decode(raw)
  if record.fingerprint ~= ARGV[1] then return {'mismatch'} end
  if record.state == 'done' then return {'done', raw} end
  if record.leaseUntil > now then return {'in-flight', tostring(record.leaseUntil - now)} end
  if record.sentAt and record.sentAt + settle > now then
    return {'in-flight', tostring(record.sentAt + settle - now)}
  end
  doubt_since = record.doubtSince or record.sentAt
end
local claim = {state = 'in-flight', fingerprint = ARGV[1], owner = ARGV[2], leaseUntil = now + lease}
if doubt_since then claim.doubtSince = doubt_since end
redis.call('SET', KEYS[1], cjson.encode(claim), 'PX', ARGV[5])
if doubt_since then return {'started', tostring(doubt_since)} end
return {'started'}
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
if ARGV[2] ~= '1' and record.doubtSince == nil then return redis.call('DEL', KEYS[1]) end
if record.doubtSince == nil then record.doubtSince = record.sentAt end
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

/** Stream entry ids (`<ms>-<seq>`): their parts as numbers, and their order. */
const STREAM_IDS = `
local function id_parts(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function id_before(a, b)
  local a_ms, a_seq = id_parts(a)
  local b_ms, b_seq = id_parts(b)
  return a_ms < b_ms or (a_ms == b_ms and a_seq < b_seq)
end
local function stream_info(key, field)
  -- XINFO STREAM answers its fields as a flat list of names and values.
  local info = redis.call('XINFO', 'STREAM', key)
  for i = 1, #info, 2 do
    if info[i] == field then return info[i + 1] end
  end
  return nil
end
`

/**
 * KEYS[1] a connection's event stream, KEYS[2] the newest position trimmed from it, KEYS[3..n] the
 * de-duplication key of each change; ARGV detected-at ms, retention ms, then each change's type and event JSON.
 * Logs each change whose key was not set yet (SET NX, for the retention) at `max(detected-at, the stream's last
 * ms)`, then trims the entries older than the retention before that, noting the newest one trimmed (XTRIM does
 * not: XINFO's max-deleted-entry-id counts XDEL only). Returns each change's position, '' for a change already
 * logged. Atomic: two replicas appending the same change log it once.
 */
export const EVENTS_APPEND_SCRIPT = `${STREAM_IDS}
local ms = tonumber(ARGV[1])
local retention = tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 1 then
  local last_ms = id_parts(stream_info(KEYS[1], 'last-generated-id'))
  if last_ms > ms then ms = last_ms end
end
local positions = {}
for i = 3, #KEYS do
  positions[i - 2] = ''
  if redis.call('SET', KEYS[i], '1', 'NX', 'PX', retention) then
    positions[i - 2] = redis.call('XADD', KEYS[1], string.format('%d-*', ms),
      'type', ARGV[2 * i - 3], 'event', ARGV[2 * i - 2])
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  local keep_from = string.format('%d', ms - retention)
  local newest_trimmed = redis.call('XREVRANGE', KEYS[1], '(' .. keep_from, '-', 'COUNT', 1)[1]
  if newest_trimmed then
    redis.call('XTRIM', KEYS[1], 'MINID', '=', keep_from)
    redis.call('SET', KEYS[2], newest_trimmed[1])
  end
  redis.call('PEXPIRE', KEYS[1], retention)
  if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], retention) end
end
return positions
`

/**
 * KEYS[1] the last change admitted to the log of each record of a connection's resource (a hash: id ->
 * `<ms>:<kind>`); ARGV each change's id, version ms and kind (created, updated, deleted). Returns the kind to log
 * each as, '' for one not to log. The rule of src/state/event-watch/version-order.ts (admitted), which the memory
 * store runs. Invariant: a record's entry only moves forward, a version in time and a delete after any version (at
 * the later of the two times), so that the changes admitted for a record, by every replica, are in its version
 * order, one `created` at most before its other changes; a version seen again answers the kind it was admitted as.
 */
export const EVENTS_ADMIT_SCRIPT = `
local answers = {}
for i = 1, #ARGV, 3 do
  local id, ms, kind = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local answer, keep_ms = kind, ms
  local last = redis.call('HGET', KEYS[1], id)
  if last then
    local last_ms, last_kind = string.match(last, '^(%d+):(%a+)$')
    last_ms = tonumber(last_ms)
    if kind == 'deleted' then
      keep_ms = math.max(ms, last_ms)
    elseif ms < last_ms or (ms == last_ms and last_kind == 'deleted') then
      answer = ''
    elseif ms == last_ms then
      answer = last_kind
    elseif kind == 'created' and last_kind ~= 'deleted' then
      answer = 'updated'
    end
  end
  if answer ~= '' then redis.call('HSET', KEYS[1], id, string.format('%d:%s', keep_ms, answer)) end
  answers[#answers + 1] = answer
end
return answers
`

/**
 * KEYS[1] a connection's event stream, KEYS[2] the newest position trimmed from it; ARGV after ('' from the
 * oldest), limit, most entries to look at, then
 * the types wanted (none: all). Returns {'expired'} when entries after \`after\` were trimmed (or the stream is
 * gone), else {'ok', next, position, event JSON, ...}: up to \`limit\` events of those types, and \`next\` the last
 * entry looked at (skipped ones too; \`after\` when none).
 */
export const EVENTS_READ_SCRIPT = `${STREAM_IDS}
local after = ARGV[1]
if redis.call('EXISTS', KEYS[1]) == 0 then
  if after ~= '' then return {'expired'} end
  return {'ok', ''}
end
local trimmed = redis.call('GET', KEYS[2])
if after ~= '' and trimmed and id_before(after, trimmed) then return {'expired'} end
local limit = tonumber(ARGV[2])
local budget = tonumber(ARGV[3])
local wanted = nil
if #ARGV > 3 then
  wanted = {}
  for i = 4, #ARGV do wanted[ARGV[i]] = true end
end
local answer = {'ok', after}
local found, scanned = 0, 0
local from = '-'
if after ~= '' then from = '(' .. after end
while found < limit and scanned < budget do
  local count = limit - found
  if wanted then count = math.max(count, 100) end
  count = math.min(count, budget - scanned)
  local batch = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', count)
  if #batch == 0 then break end
  for _, entry in ipairs(batch) do
    scanned = scanned + 1
    answer[2] = entry[1]
    local fields = entry[2]
    if not wanted or wanted[fields[2]] then
      answer[#answer + 1] = entry[1]
      answer[#answer + 1] = fields[4]
      found = found + 1
      if found == limit then break end
    end
  end
  from = '(' .. answer[2]
end
return answer
`
