/**
 * Applies one POST /api/v1/telemetry request to Redis atomically, in one round trip (docs/architecture.md).
 *
 * KEYS: 1 hand-off stream, 2 latest index, then for each drone d (0-based): 3+3d state:{id}, 4+3d latest:{id},
 *       5+3d rate:{id}
 * ARGV: 1 now_ms, 2 now as RFC 3339, 3 source ip as JSON (a string or null), 4 source ip ('' when unknown),
 *       5 rate limit per drone per second, 6 changes channel, 7 number of drones, then per drone: drone id,
 *       packet count, and per packet: ts_ms, ts, packet JSON, section count, section name / section JSON pairs
 * Returns {retry_after_ms, outcomes}: one outcome per packet in argument order: 1 stored as the new latest
 * state, 2 older than the stored state (history only), 0 duplicate of the stored state (nothing changes),
 * -1 rate limited.
 *
 * Per drone, the request counts once against the rate limit. Merge rule: a section the packet carries
 * replaces the stored section whole; sections it does not carry are kept; ts and last_seen_ts come from
 * the newest packet. latest:{id} is re-rendered once per drone per request from state:{id}.
 */
export const INGEST_REQUEST_LUA = `
local SECTIONS = {'position', 'attitude', 'velocity', 'state', 'battery', 'link'}
local now = ARGV[1]
local limit = tonumber(ARGV[5])
local a = 8
local outcomes, handed, handedIds, changed, index = {}, {}, {}, {}, {}
local retry = 0
for d = 0, tonumber(ARGV[7]) - 1 do
  local kState, kLatest, kRate = KEYS[3 + 3 * d], KEYS[4 + 3 * d], KEYS[5 + 3 * d]
  local id, n = ARGV[a], tonumber(ARGV[a + 1])
  a = a + 2
  local count = redis.call('INCR', kRate)
  if count == 1 then redis.call('PEXPIRE', kRate, 1000) end
  local limited = count > limit
  if limited then
    local ttl = redis.call('PTTL', kRate)
    if ttl < 0 then ttl = 1000 end
    if ttl > retry then retry = ttl end
  end
  local stored = nil
  local dirty = false
  for _ = 1, n do
    local tsArg, ts, json, ns = ARGV[a], ARGV[a + 1], ARGV[a + 2], tonumber(ARGV[a + 3])
    local first = a + 4
    a = first + 2 * ns
    if limited then
      outcomes[#outcomes + 1] = -1
    else
      if stored == nil then stored = tonumber(redis.call('HGET', kState, 'ts_ms') or '-1') end
      local tsMs = tonumber(tsArg)
      if tsMs == stored then
        outcomes[#outcomes + 1] = 0
      else
        handed[#handed + 1] = json
        handedIds[#handedIds + 1] = id
        if tsMs < stored then
          outcomes[#outcomes + 1] = 2
        else
          outcomes[#outcomes + 1] = 1
          local fields = {'ts_ms', tsArg, 'ts', ts}
          for s = first, a - 1 do fields[#fields + 1] = ARGV[s] end
          redis.call('HSET', kState, unpack(fields))
          stored = tsMs
          dirty = true
        end
      end
    end
  end
  if dirty then
    local v = redis.call('HMGET', kState, 'ts', 'position', 'attitude', 'velocity', 'state', 'battery', 'link')
    local doc = {'{"drone_id":"', id, '","last_seen_ts":"', ARGV[2], '","telemetry":{"schema_version":1,"drone_id":"', id, '","ts":"', v[1], '"'}
    for i = 1, 6 do
      if v[i + 1] then doc[#doc + 1] = ',"' .. SECTIONS[i] .. '":' .. v[i + 1] end
    end
    doc[#doc + 1] = '},"source_ip":' .. ARGV[3] .. '}'
    redis.call('SET', kLatest, table.concat(doc))
    changed[#changed + 1] = id
    index[#index + 1] = now
    index[#index + 1] = id
  end
end
if #handed > 0 then
  redis.call('XADD', KEYS[1], '*', 't', now, 'ip', ARGV[4], 'd', table.concat(handedIds, ','), 'p', table.concat(handed, '\\n'))
end
if #index > 0 then
  redis.call('ZADD', KEYS[2], 'GT', unpack(index))
  redis.call('PUBLISH', ARGV[6], table.concat(changed, ','))
end
return {retry, outcomes}
`;
