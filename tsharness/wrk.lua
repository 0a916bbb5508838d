-- One request, sent again and again by wrk; every reply's status and body checked.
-- Set by tsharness/wrk.py through the environment:
--   WRK_METHOD, WRK_BODY_FILE (optional), WRK_HEADERS_FILE ("Name: value" lines),
--   WRK_EXPECT_STATUS, WRK_EXPECT_FILE (optional: the exact body every reply must have).
local function slurp(path)
  if path == nil or path == "" then return nil end
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

wrk.method = os.getenv("WRK_METHOD") or "GET"
wrk.body = slurp(os.getenv("WRK_BODY_FILE"))
local headers = slurp(os.getenv("WRK_HEADERS_FILE")) or ""
for name, value in headers:gmatch("([^:\n]+):%s*([^\n]*)") do
  wrk.headers[name] = value
end
local expect_status = tonumber(os.getenv("WRK_EXPECT_STATUS") or "200")
local expect_body = slurp(os.getenv("WRK_EXPECT_FILE"))

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, bad_status, wrong_body, first_bad = 0, 0, 0, ""
end

function response(status, headers, body)
  if status ~= expect_status then
    bad_status = bad_status + 1
    if first_bad == "" then first_bad = "HTTP " .. status .. ": " .. string.sub(body or "", 1, 200) end
  elseif expect_body ~= nil and body ~= expect_body then
    wrong_body = wrong_body + 1
    if first_bad == "" then first_bad = "wrong body: " .. string.sub(body or "", 1, 200) end
  else
    ok = ok + 1
  end
end

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local n_ok, n_status, n_wrong, first = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    n_ok = n_ok + t:get("ok")
    n_status = n_status + t:get("bad_status")
    n_wrong = n_wrong + t:get("wrong_body")
    if first == "" then first = t:get("first_bad") end
  end
  local e = summary.errors
  io.write("WRK_JSON ", string.format(
    '{"requests": %d, "duration_us": %d, "ok": %d, "bad_status": %d, "wrong_body": %d, '
    .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, '
    .. '"mean_us": %.1f, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "first_bad": %s}\n',
    summary.requests, summary.duration, n_ok, n_status, n_wrong,
    e.connect, e.read, e.write, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    quote(first)))
end
