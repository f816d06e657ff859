-- wrk script: a mix of 100 sessions (distinct session ids), ERRORS_PER_100 of whose beacons carry
-- the 20-event beacon with its two errors (beacon-20.json), the others the same beacon with the
-- errors replaced by resources (beacon-20-no-error.json). Bodies are formatted once; each request
-- takes the next one.
local function read(path) local f = assert(io.open(path, "rb")); local s = f:read("*a"); f:close(); return s end
local with_error, without = read("beacon-20.json"), read("beacon-20-no-error.json")
local errors_per_100 = tonumber(os.getenv("ERRORS_PER_100") or "2")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Rum-Key"] = "pk-bench"
wrk.headers["Origin"] = "https://shop.example.com"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

local requests = {}
-- Built in init, once wrk knows the URL's path.
init = function(args)
  for i = 0, 99 do
    local body = (i * errors_per_100 % 100 < errors_per_100) and with_error or without
    body = body:gsub("7f9c2d1e", string.format("s%07d", i), 1)
    requests[#requests + 1] = wrk.format(nil, nil, nil, body)
  end
end
local next_request = 0
request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

done = function(summary, latency, requests_done)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f rps=%.0f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
