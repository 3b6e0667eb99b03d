// Lua scripts of the provider limiter. They read the clock with TIME so every worker judges a
// window by the same (Redis) clock, whatever the drift between machines.
//
// Keys of one provider: 1 leases (zset id → lease expiry), 2 request log (zset id → time),
// 3 token log (zset id → time), 4 token amounts (hash id → tokens, plus `__total`), 5 backoff,
// 6 interactive waiters (zset id → registration expiry).

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Grants a lease when the backoff has passed, a concurrency slot is free and both windows have room,
 * counting waiting interactive calls as ahead of a batch call. Returns 0 when granted, -1 when waiting
 * for a slot, else how many ms until the window may have room. A waiting interactive call registers.
 */
export const ACQUIRE = `${NOW}
local id, maxConc, rpm, tpm = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local tokens, window, leaseMs = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local interactive = ARGV[8] == '1'
local backoffUntil = tonumber(redis.call('GET', KEYS[5]) or '0')
if backoffUntil > now then return backoffUntil - now end
-- Capacity that waiting interactive calls will take is not offered to batch calls.
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now)
local ahead = 0
if not interactive then ahead = redis.call('ZCARD', KEYS[6]) end
local function wait(ms)
  if interactive then
    redis.call('ZADD', KEYS[6], now + 3000, id)
    redis.call('PEXPIRE', KEYS[6], 6000)
  end
  return ms
end
-- Leases of a holder that stopped renewing (a killed worker) expire here.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) + ahead >= maxConc then return wait(-1) end
if rpm > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  local count = redis.call('ZCARD', KEYS[2])
  if count >= rpm then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return wait(math.max(1, tonumber(oldest[2]) + window - now))
  end
  if count + ahead >= rpm then return 5 end
end
if tpm > 0 then
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - window, 'LIMIT', 0, 500)
  if #expired > 0 then
    local amounts = redis.call('HMGET', KEYS[4], unpack(expired))
    local sum = 0
    for i = 1, #amounts do sum = sum + tonumber(amounts[i] or '0') end
    redis.call('HDEL', KEYS[4], unpack(expired))
    redis.call('HINCRBY', KEYS[4], '__total', -sum)
    redis.call('ZREM', KEYS[3], unpack(expired))
  end
  local total = tonumber(redis.call('HGET', KEYS[4], '__total') or '0')
  -- A request larger than the whole budget still runs, alone in an empty window.
  if total > 0 and total + tokens > tpm then
    local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
    if oldest[2] then return wait(math.max(1, tonumber(oldest[2]) + window - now)) end
    return wait(10)
  end
end
redis.call('ZREM', KEYS[6], id)
redis.call('ZADD', KEYS[1], now + leaseMs, id)
redis.call('PEXPIRE', KEYS[1], leaseMs * 2)
if rpm > 0 then
  redis.call('ZADD', KEYS[2], now, id)
  redis.call('PEXPIRE', KEYS[2], window * 2)
end
if tpm > 0 then
  redis.call('ZADD', KEYS[3], now, id)
  redis.call('HSET', KEYS[4], id, tokens)
  redis.call('HINCRBY', KEYS[4], '__total', tokens)
  redis.call('PEXPIRE', KEYS[3], window * 2)
  redis.call('PEXPIRE', KEYS[4], window * 2)
end
return 0`;

/** Extends a live lease; returns 0 when it already expired (its slot may be someone else's now). */
export const RENEW = `${NOW}
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1`;

/**
 * Frees the slot, corrects the token log with the tokens actually used (ARGV[2], -1 = keep), and
 * moves the call's window entries to now: the request reached the provider somewhere between grant
 * and release, so counting from the release keeps the limit true as the provider measures it.
 */
export const RELEASE = `${NOW}
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZADD', KEYS[2], 'XX', now, ARGV[1])
redis.call('ZADD', KEYS[3], 'XX', now, ARGV[1])
local actual = tonumber(ARGV[2])
if actual >= 0 then
  local reserved = redis.call('HGET', KEYS[4], ARGV[1])
  if reserved then
    redis.call('HSET', KEYS[4], ARGV[1], actual)
    redis.call('HINCRBY', KEYS[4], '__total', actual - tonumber(reserved))
  end
end
return 1`;

/** Moves the provider's backoff deadline to now + ARGV[1] ms unless it is already later. */
export const BACKOFF = `${NOW}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[5]) or '0')
if untilMs > current then redis.call('SET', KEYS[5], untilMs, 'PX', tonumber(ARGV[1])) end
return untilMs`;
