import { TELEMETRY_SECTIONS, TELEMETRY_V2_SECTIONS } from '@wingxtra/contracts';

/** A Lua table literal of section names, e.g. {'position', 'attitude'}. */
const luaList = (names: readonly string[]) => `{${names.map((n) => `'${n}'`).join(', ')}}`;

/**
 * Applies one or more POST /api/v1/telemetry requests to Redis atomically, in one round trip
 * (docs/architecture.md). Requests that arrive together are committed together (LatestStateRepository).
 *
 * KEYS: 1 hand-off stream, 2 latest index, then for each request, for each of its drones: state:{id}, latest:{id}
 * ARGV[1]: the values below joined by the unit separator \x1f (one argument is far cheaper for the client than
 * hundreds; JSON text never holds a raw \x1f):
 *   now_ms, now as RFC 3339, rate limit per drone per second, changes channel, number of requests, then per
 *   request: source ip as JSON (a string or null), source ip ('' when unknown), number of drones, then per drone:
 *     drone id, packet count, ts of its newest packet, position of the newest v2 packet (0 if none), section count,
 *     per section: name, position of the newest packet carrying it, its JSON,
 *     per packet, newest first: ts_ms, packet JSON
 * Returns {retry_after_ms per request, outcomes}: outcomes per request, per drone, per packet in the order
 * given: 1 newer than the stored state (merged into it), 2 older than the stored state (history only),
 * 0 duplicate (nothing changes), -1 rate limited.
 *
 * Each request counts once per drone against its rate limit (a one-second window kept in state:{id}).
 * Merge rule: every section takes its value from the newest packet newer than the stored state that carries
 * it; sections no such packet carries are kept; ts and last_seen_ts come from the newest packet. The caller
 * sorts packets newest first and names each section's newest carrier, so this script does no sorting or JSON.
 * The state's schema_version (state:{id} field schema_version, 1 when absent) becomes 2 once a v2 packet is
 * merged and never goes back, so v2-only sections (power) kept from a v2 packet are always rendered in a v2
 * document; a v1 state holds v1 sections only, so only those are looked up and rendered for it.
 * latest:{id} is re-rendered once per drone per request; each request with accepted packets appends one
 * hand-off entry.
 */
export const INGEST_REQUEST_LUA = `
local SECTIONS = {${luaList(TELEMETRY_SECTIONS)}, ${luaList(TELEMETRY_V2_SECTIONS)}}
local A = {}
do
  local packed, from = ARGV[1], 1
  while true do
    local cut = string.find(packed, '\\31', from, true)
    if not cut then
      A[#A + 1] = string.sub(packed, from)
      break
    end
    A[#A + 1] = string.sub(packed, from, cut - 1)
    from = cut + 1
  end
end
local now, nowIso, limit, channel = A[1], A[2], tonumber(A[3]), A[4]
local nowMs = tonumber(now)
local window = math.floor(nowMs / 1000)
local a = 6
local k = 3
local outcomes, retries, changed, seenChanged, index = {}, {}, {}, {}, {}
for r = 1, tonumber(A[5]) do
  local ipJson, ip, drones = A[a], A[a + 1], tonumber(A[a + 2])
  a = a + 3
  local handed, handedIds = {}, {}
  local retry = 0
  for _ = 1, drones do
    local kState, kLatest = KEYS[k], KEYS[k + 1]
    k = k + 2
    local id, n, newestTs, v2At, ns = A[a], tonumber(A[a + 1]), A[a + 2], tonumber(A[a + 3]), tonumber(A[a + 4])
    local sectionsAt = a + 5
    a = sectionsAt + 3 * ns
    local s = redis.call('HMGET', kState, 'ts_ms', 'rate_window', 'rate_count', 'schema_version')
    local stored = tonumber(s[1] or '-1')
    local count = 1
    if tonumber(s[2] or '-1') == window then count = tonumber(s[3]) + 1 end
    local limited = count > limit
    if limited then retry = 1000 - nowMs % 1000 end
    local lastNewer = 0
    local prev = nil
    local firstTs = A[a]
    for p = 1, n do
      local tsMs, json = tonumber(A[a]), A[a + 1]
      a = a + 2
      if limited then
        outcomes[#outcomes + 1] = -1
      elseif tsMs == stored or tsMs == prev then
        outcomes[#outcomes + 1] = 0
      else
        handed[#handed + 1] = json
        handedIds[#handedIds + 1] = id
        if tsMs > stored then
          outcomes[#outcomes + 1] = 1
          lastNewer = p
        else
          outcomes[#outcomes + 1] = 2
        end
      end
      prev = tsMs
    end
    local fields = {'rate_window', window, 'rate_count', count}
    if lastNewer > 0 then
      local fresh = {}
      local version = tonumber(s[4] or '1')
      if version < 2 and v2At > 0 and v2At <= lastNewer then
        version = 2
        fields[#fields + 1] = 'schema_version'
        fields[#fields + 1] = 2
      end
      local sections = SECTIONS[version]
      fields[#fields + 1] = 'ts_ms'
      fields[#fields + 1] = firstTs
      fields[#fields + 1] = 'ts'
      fields[#fields + 1] = newestTs
      for i = sectionsAt, sectionsAt + 3 * ns - 1, 3 do
        if tonumber(A[i + 1]) <= lastNewer then
          fresh[A[i]] = A[i + 2]
          fields[#fields + 1] = A[i]
          fields[#fields + 1] = A[i + 2]
        end
      end
      local missing = {}
      for _, name in ipairs(sections) do
        if not fresh[name] then missing[#missing + 1] = name end
      end
      if #missing > 0 then
        local old = redis.call('HMGET', kState, unpack(missing))
        for i, name in ipairs(missing) do fresh[name] = old[i] end
      end
      local doc = {'{"drone_id":"', id, '","last_seen_ts":"', nowIso, '","telemetry":{"schema_version":', version, ',"drone_id":"', id, '","ts":"', newestTs, '"'}
      for _, name in ipairs(sections) do
        local v = fresh[name]
        if v then doc[#doc + 1] = ',"' .. name .. '":' .. v end
      end
      doc[#doc + 1] = '},"source_ip":' .. ipJson .. '}'
      redis.call('SET', kLatest, table.concat(doc))
      if not seenChanged[id] then
        seenChanged[id] = true
        changed[#changed + 1] = id
        index[#index + 1] = now
        index[#index + 1] = id
      end
    end
    redis.call('HSET', kState, unpack(fields))
  end
  if #handed > 0 then
    redis.call('XADD', KEYS[1], '*', 't', now, 'ip', ip, 'd', table.concat(handedIds, ','), 'p', table.concat(handed, '\\n'))
  end
  retries[r] = retry
end
if #index > 0 then
  redis.call('ZADD', KEYS[2], 'GT', unpack(index))
  redis.call('PUBLISH', channel, table.concat(changed, ','))
end
return {retries, outcomes}
`;
