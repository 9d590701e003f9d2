-- wrk script: durable chat posts over REST, a unique text per request.
--   wrk -t2 -c50 -d10s -s bench/rest-post.lua http://127.0.0.1:PORT -- API_KEY [COURSE] [CHANNEL]
-- Prints one JSON line at the end (requests/s, latency, errors; non-2xx answers count as errors).
local threads = {}
local nextId = 0

function setup(thread)
  thread:set("tid", nextId)
  nextId = nextId + 1
  table.insert(threads, thread)
end

function init(args)
  local key = args[1] or os.getenv("COLLAB_API_KEY") or ""
  local course = args[2] or "CECS327"
  local channel = args[3] or "general"
  path = "/api/v1/courses/" .. course .. "/channels/" .. channel .. "/messages"
  headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
  counter = 0
  run = string.format("%x", os.time() % 65536)
end

function request()
  counter = counter + 1
  local body = '{"text":"wrk ' .. run .. ' ' .. tid .. ' ' .. counter .. '"}'
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"scenario":"rest_post","duration_s":%.2f,"requests":%d,"requests_per_s":%.0f,' ..
    '"latency_ms":{"p50":%.3f,"p99":%.3f,"max":%.3f},"non_2xx":%d,"socket_errors":%d}\n',
    seconds, summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
