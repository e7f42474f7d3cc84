-- wrk script of benchmarks/surge_bench.py: POSTs requests prepared beforehand, one per line of
-- a file per wrk thread ($SURGE_LINES.<thread>): "path<TAB>X-Forwarded-For<TAB>form body".
-- $SURGE_COOKIE, if set, is sent as the Cookie header. The answers are counted by status and
-- printed at the end as one line of JSON, "STATUSES {...}".

local threads = {}
local made = 0

function setup(thread)
  thread:set("id", made)
  made = made + 1
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  statuses = {}
  for line in io.lines(os.getenv("SURGE_LINES") .. "." .. id) do
    table.insert(lines, line)
  end
  cookie = os.getenv("SURGE_COOKIE") or ""
  following = 1
end

function request()
  local line = lines[following]
  -- Past the last line it starts again: a request sent twice is refused, and counted so.
  following = following % #lines + 1
  local path, forwarded, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if forwarded ~= "" then
    headers["X-Forwarded-For"] = forwarded
  end
  if cookie ~= "" then
    headers["Cookie"] = cookie
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\n")
  io.write(string.format("LATENCY_MS %.1f %.1f\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
