/**
 * Applies one packet to a drone's latest state atomically, in one round trip (see docs/architecture.md).
 *
 * KEYS: 1 latest:{id} (hash), 2 seen:{id} (sorted set of recent packet times), 3 rate:{id} (counter)
 * ARGV: 1 ts_ms, 2 ts as sent, 3 server now_ms, 4 source ip, 5 rate mode (0 skip, 1 count and check, 2 check),
 *       6 rate limit, 7 changes channel, 8 drone id, 9 dedup window, 10.. section name / section json pairs
 * Returns {outcome, detail}: -1 rate limited (detail: ms until the window resets), 0 duplicate (detail:
 *   the stored last_seen ms), 1 stored as the new latest state, 2 older than the stored state (kept out of it).
 *
 * Merge rule: a section the packet carries replaces the stored section whole; sections it does not carry
 * are kept. ts, last-seen time and source ip always come from the newest packet.
 */
export const INGEST_PACKET_LUA = `
local mode = ARGV[5]
if mode ~= '0' then
  local count
  if mode == '1' then
    count = redis.call('INCR', KEYS[3])
    if count == 1 then redis.call('PEXPIRE', KEYS[3], 1000) end
  else
    count = tonumber(redis.call('GET', KEYS[3]) or '0')
  end
  if count > tonumber(ARGV[6]) then
    local ttl = redis.call('PTTL', KEYS[3])
    if ttl < 0 then ttl = 1000 end
    return {-1, ttl}
  end
end
local ts = tonumber(ARGV[1])
if redis.call('ZADD', KEYS[2], 'NX', ts, ARGV[1]) == 0 then
  return {0, tonumber(redis.call('HGET', KEYS[1], 'seen') or '0')}
end
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[9]) - 1)
redis.call('PEXPIRE', KEYS[2], 3600000)
local stored = tonumber(redis.call('HGET', KEYS[1], 'ts_ms') or '-1')
if ts == stored then
  return {0, tonumber(redis.call('HGET', KEYS[1], 'seen') or '0')}
end
if ts < stored then
  return {2, 0}
end
local fields = {'ts_ms', ARGV[1], 'ts', ARGV[2], 'seen', ARGV[3], 'ip', ARGV[4]}
for i = 10, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PUBLISH', ARGV[7], ARGV[8])
return {1, 0}
`;
