-- The outcome of a call the breaker let through. Atomic (see admit.lua).
-- KEYS[1] breaker hash, KEYS[2] its failure window (sorted set, score = time), KEYS[3] stream of openings
-- ARGV[1] now (ms), ARGV[2] SUCCESS|FAILURE|NEUTRAL, ARGV[3] '1' when the call was the probe,
-- ARGV[4] failure threshold, ARGV[5] window (ms), ARGV[6] open duration (ms), ARGV[7] idle ttl (ms),
-- ARGV[8] unique id of the call, ARGV[9] its error "<code>: <message>", ARGV[10] tenant, ARGV[11] provider,
-- ARGV[12] max length of the openings stream
-- Returns the transition: NONE | OPENED | REOPENED | CLOSED.
local now = tonumber(ARGV[1])
local outcome = ARGV[2]
local probe = ARGV[3] == '1'
local threshold = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
local openFor = tonumber(ARGV[6])
local state = redis.call('HGET', KEYS[1], 'state') or 'CLOSED'
redis.call('HSET', KEYS[1], 'threshold', threshold, 'window_ms', window, 'open_ms', openFor)

local function open(failures)
  redis.call('HSET', KEYS[1], 'state', 'OPEN', 'open_until', now + openFor, 'opened_at', now,
    'probe_until', 0, 'failures', failures, 'last_error', ARGV[9])
  redis.call('HINCRBY', KEYS[1], 'times_opened', 1)
  redis.call('DEL', KEYS[2])
end

local transition = 'NONE'
if state == 'HALF_OPEN' and probe then
  if outcome == 'SUCCESS' then
    redis.call('HSET', KEYS[1], 'state', 'CLOSED', 'probe_until', 0, 'open_until', 0, 'failures', 0)
    redis.call('DEL', KEYS[2])
    transition = 'CLOSED'
  elseif outcome == 'FAILURE' then
    open(1)
    transition = 'REOPENED'
  else
    -- the probe told nothing (cancelled, the handler's own error): let the next call probe
    redis.call('HSET', KEYS[1], 'probe_until', 0)
  end
elseif state == 'CLOSED' and outcome == 'FAILURE' then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  redis.call('ZADD', KEYS[2], now, ARGV[8])
  local failures = redis.call('ZCARD', KEYS[2])
  if failures >= threshold then
    open(failures)
    transition = 'OPENED'
    -- only a fresh opening is news to admins; re-opening after each failed probe is not
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[12], '*', 'tenant', ARGV[10], 'provider', ARGV[11],
      'opened_at', now, 'open_until', now + openFor, 'failures', failures, 'last_error', ARGV[9])
  else
    redis.call('HSET', KEYS[1], 'failures', failures, 'last_error', ARGV[9])
    redis.call('PEXPIRE', KEYS[2], window)
  end
end
-- outcomes of calls let through before the breaker opened, or of non-probes while half-open, change nothing
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return transition
