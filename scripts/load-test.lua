-- wrk script for scripts/load-test.sh: each request GETs a URL picked at random from the file named by LOAD_URLS
-- (pages and API routes over the indexed demo chain); counts 429 answers; prints p50/p95/p99, requests/s, errors.
local urls = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("LOAD_URLS")) do
    if #line > 0 then urls[#urls + 1] = line end
  end
  math.randomseed(os.time() + #threads)
  n429 = 0
end

function request()
  return wrk.format("GET", urls[math.random(#urls)])
end

function response(status, headers, body)
  if status == 429 then n429 = n429 + 1 end
end

function done(summary, latency, requests)
  local refused = 0
  for _, t in ipairs(threads) do refused = refused + (t:get("n429") or 0) end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("requests     %d in %.1f s = %.0f req/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency      p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors       non-2xx/3xx %d (of which 429: %d); sockets: connect %d, read %d, write %d, timeout %d\n",
    e.status, refused, e.connect, e.read, e.write, e.timeout))
end
