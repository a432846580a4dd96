-- wrk script: report the run as one JSON line. Arguments after "--": "clients=N" first, to send each
-- request forwarded for the next of N client addresses; "count=Header-Name", to count the responses
-- whose header of that name says "hit"; then paths to cycle through.
local paths = {}
local index = 0
local clients = 0
local client = 0
local counted = nil
local threads = {}
-- Global, so that done() can read each thread's count with thread:get.
hits = nil

function setup(thread)
  threads[#threads + 1] = thread
end

local function count_hits(status, headers, body)
  if (headers[counted] or headers[string.lower(counted)]) == "hit" then
    hits = hits + 1
  end
end

local function forwarded_for()
  client = client % clients + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(client / 65536) % 256,
    math.floor(client / 256) % 256, client % 256)
  return headers
end

local function next_request()
  local path = nil
  if #paths > 0 then
    index = index % #paths + 1
    path = paths[index]
  end
  return wrk.format(nil, path, clients > 0 and forwarded_for() or nil)
end

function init(args)
  for i = 1, #args do
    local count = string.match(args[i], "^clients=(%d+)$")
    local header = string.match(args[i], "^count=(.+)$")
    if count then
      clients = tonumber(count)
    elseif header then
      counted, hits = header, 0
      -- Defined only when asked: wrk parses every response's headers for Lua once it is.
      response = count_hits
    else
      paths[#paths + 1] = args[i]
    end
  end
  -- Only then is request defined: a script without it lets wrk send its prebuilt request.
  if #paths > 0 or clients > 0 then
    request = next_request
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  -- -1: not counted.
  local total = -1
  for _, thread in ipairs(threads) do
    local hits_of_thread = thread:get("hits")
    if hits_of_thread then
      total = math.max(total, 0) + hits_of_thread
    end
  end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, "hits": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, total))
end
