-- wrk script: rotates through the URL paths listed in a file (one a line) and prints one
-- machine-readable RESULT line at the end.
--   wrk -t2 -c16 -d20s --latency -s bench/paths.lua http://127.0.0.1:8080 -- paths.txt
-- Each thread starts at its own offset in the list so connections do not ask the same
-- path at the same moment.

local counter = 1
local paths = {}
local n = 0
local i = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  local file = args[1]
  if file == nil then
    error("paths.lua: pass the path list after --")
  end
  for line in io.lines(file) do
    if #line > 0 then
      n = n + 1
      paths[n] = line
    end
  end
  if n == 0 then
    error("paths.lua: no paths in " .. file)
  end
  i = ((tid or 1) * 7919) % n
end

function request()
  i = i + 1
  if i > n then
    i = 1
  end
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
