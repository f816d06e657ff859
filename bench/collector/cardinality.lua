-- wrk script: every request a new route, release and User-Agent (and session), so REQUESTS requests
-- carry REQUESTS distinct values of each. Each thread sends its share, then stops.
-- THREADS must equal wrk's -t: thread k sends values k, k + THREADS, k + 2 * THREADS, ...
local total = tonumber(os.getenv("REQUESTS") or "1000000")
local stride = tonumber(os.getenv("THREADS") or "2")
local next_first = 0
-- COMBOS=1: instead of ever-new values, walk the 100 x 100 grid of routes and releases that the per-label
-- caps admit, so label sets (not values) explode and the total series budget has to hold.
local combos = os.getenv("COMBOS") == "1"

setup = function(thread)
  thread:set("first", next_first)
  next_first = next_first + 1
end

init = function(args)
  sent, done_count = 0, 0
  share = math.floor(total / stride)
end

-- Letters only: template-shaped routes (digits would make them ids and fold them at once).
local function letters(n)
  local s = ""
  repeat
    s = string.char(97 + n % 26) .. s
    n = math.floor(n / 26)
  until n == 0
  return s
end

local events = '[{"type":"session_start","ts":1764070000000},'
  .. '{"type":"pageview","outcome":"ok","status":200,"ts":1764070000100},'
  .. '{"type":"vital","name":"LCP","value":2310.5,"rating":"good","ts":1764070000200},'
  .. '{"type":"error","kind":"js","message":"boom","ts":1764070000300},'
  .. '{"type":"resource","url":"https://cdn.example.net/lib.js","duration":80,"status":200,"party":"third","ts":1764070000400}]'

request = function()
  local n = first + sent * stride
  sent = sent + 1
  local route, release = n, n
  if combos then route, release = n % 100, math.floor(n / 100) % 100 end
  local body = string.format('{"v":1,"app":"storefront","release":"r%d","session":{"id":"s%d"},"page":{"url":"https://shop.example.com/x","route":"/p/%s"},"events":%s}',
    release, n, letters(route), events)
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Rum-Key"] = "pk-bench",
    ["User-Agent"] = string.format("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.0 Safari/537.36", 100 + n % 50, n),
  }
  return wrk.format("POST", "/v1/rum", headers, body)
end

response = function(status)
  done_count = done_count + 1
  if done_count >= share then wrk.thread:stop() end
end
