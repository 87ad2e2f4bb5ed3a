-- May a call to this provider go through? Atomic, so that executors racing on one breaker agree.
-- KEYS[1] breaker hash, KEYS[2] the tenant's index of breakers
-- ARGV[1] now (ms), ARGV[2] probe lease (ms), ARGV[3] idle ttl (ms), ARGV[4] provider
-- Returns {verdict, until}: ALLOW 0 | PROBE probe-lease-end | REJECT when-to-ask-again.
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
if redis.call('HSETNX', KEYS[1], 'state', 'CLOSED') == 1 then
  -- first call since the breaker was idle: make it visible to ListCircuits
  redis.call('SADD', KEYS[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'ALLOW', 0}
end
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'CLOSED' then
  return {'ALLOW', 0}
end
if state == 'OPEN' then
  local openUntil = tonumber(redis.call('HGET', KEYS[1], 'open_until') or '0')
  if now < openUntil then
    return {'REJECT', openUntil}
  end
else
  -- HALF_OPEN: one probe at a time; a probe not reported within its lease (its executor died)
  -- frees the slot for the next one, so a lost probe cannot wedge the breaker
  local probeUntil = tonumber(redis.call('HGET', KEYS[1], 'probe_until') or '0')
  if probeUntil > now then
    return {'REJECT', probeUntil}
  end
end
redis.call('HSET', KEYS[1], 'state', 'HALF_OPEN', 'probe_until', now + lease)
return {'PROBE', now + lease}
