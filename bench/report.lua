-- wrk script: report the run as one JSON line; given paths after "--", cycle through them.
local paths = {}
local index = 0

local function cycling_request()
  index = index % #paths + 1
  return wrk.format(nil, paths[index])
end

function init(args)
  for i = 1, #args do
    paths[i] = args[i]
  end
  -- Only then is request defined: a script without it lets wrk send its prebuilt request.
  if #paths > 0 then
    request = cycling_request
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
