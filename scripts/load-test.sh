#!/usr/bin/env bash
# Load test on loopback (issue 10): forges the demo chain (seed 1), indexes it into the embedded ClickHouse, serves the
# explorer (Release, Production), then runs wrk with CONNECTIONS connections for SECONDS over a random mix of pages
# and API routes picked from the indexed data (scripts/load-test.lua), rate limiter off, and prints p50/p95/p99,
# requests/s and errors (non-2xx/3xx answers, socket errors). A second, short run with low rate limits shows the
# limiter shedding load with 429s. Installs wrk from Debian when missing. Bounded in time; everything is stopped
# and removed at the end.
#   scripts/load-test.sh [SECONDS=30] [CONNECTIONS=200]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=${1:-30}
connections=${2:-200}
need_dotnet
ensure_chdb
command -v curl >/dev/null || die "curl is required"
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get install -y wrk)"
  { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; } \
    || die "wrk is required (apt-get install -y wrk)"
fi

log "building Explorer.Web, ClickHouse.Embedded, Indexer and ChainForge ($CONFIG)"
for project in src/Explorer.Web src/ClickHouse.Embedded src/Indexer tools/ChainForge; do
  dotnet build "$ROOT/$project" -c "$CONFIG" -nologo -v q >/dev/null || die "build of $project failed"
done

start_workspace
start_embedded_clickhouse
ch="http://127.0.0.1:$ch_port"

log "forging and indexing the demo chain"
dotnet "$(bin_dir tools/ChainForge)/Explorer.ChainForge.dll" --scenario demo --seed 1 --out "$work/demo" --quiet >/dev/null \
  || die "forge failed"
dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" index --blocks-dir "$work/demo/blocks" --network regtest \
  --clickhouse "$ch" --database load > "$work/index.log" 2>&1 || { cat "$work/index.log"; die "indexing failed"; }

# URLs from the indexed data: transactions, blocks, assets (+ transfers/holders), addresses, search; pages and API.
q() { curl -fsS "$ch/?database=load" --data-binary "$1"; }
{
  q "SELECT DISTINCT txid FROM colored_transactions FINAL WHERE is_orphaned = 0 ORDER BY txid LIMIT 200" \
    | awk '{ print "/tx/" $1; print "/api/v1/tx/" $1 }'
  q "SELECT height FROM blocks FINAL WHERE is_orphaned = 0 ORDER BY height" \
    | awk '{ print "/block/" $1; print "/api/v1/blocks/" $1 }'
  q "SELECT protocol, asset_id FROM assets FINAL WHERE is_orphaned = 0 ORDER BY protocol, asset_id LIMIT 100" \
    | awk '{ print "/asset/" $1 "/" $2; print "/api/v1/assets/" $1 "/" $2; print "/api/v1/assets/" $1 "/" $2 "/transfers?limit=50";
             print "/api/v1/assets/" $1 "/" $2 "/holders?limit=50"; print "/api/v1/search?q=" $2 }'
  q "SELECT DISTINCT address FROM colored_outputs FINAL WHERE is_orphaned = 0 AND address != '' ORDER BY address LIMIT 100" \
    | awk '{ print "/address/" $1; print "/api/v1/addresses/" $1 }'
  echo "/"; echo "/api/v1/status"; echo "/api/v1/blocks?limit=20"
} > "$work/urls.txt"
export LOAD_URLS="$work/urls.txt"
pages=$(grep -vc '^/api/' "$work/urls.txt"); apis=$(grep -c '^/api/' "$work/urls.txt")

web_port=$(free_port)
start_web() { # start_web RATE_LIMIT_ENABLED
  ClickHouse__ConnectionString="Host=127.0.0.1;Port=$ch_port;Protocol=http;Username=default;Password=" \
  ClickHouse__Database=load ClickHouse__ApplyMigrations=false Web__Network=regtest ASPNETCORE_ENVIRONMENT=Production \
  Web__RateLimit__Enabled=$1 Logging__LogLevel__Default=Warning \
    dotnet "$(bin_dir src/Explorer.Web)/Explorer.Web.dll" --urls "http://127.0.0.1:$web_port" \
    --contentRoot "$ROOT/src/Explorer.Web" > "$work/web.log" 2>&1 &
  web_pid=$!
  pids+=("$web_pid")
  wait_http "http://127.0.0.1:$web_port/health" 120 || { cat "$work/web.log"; die "web did not start"; }
  curl -fsS "http://127.0.0.1:$web_port/api/v1/status" | grep -q '"state":"ready"' || die "store not ready"
}
stop_web() { kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; }
base="http://127.0.0.1:$web_port"

echo "# $(date -u +%FT%TZ), $CONFIG, $(nproc) cores, demo chain seed 1 indexed, $pages page and $apis API URLs"
start_web false
log "warm-up (5 s, 20 connections)"
wrk -t2 -c20 -d5s -s "$ROOT/scripts/load-test.lua" "$base" >/dev/null
echo "## baseline, rate limiter off: 1 connection, 10 s (the same URL mix, one request at a time)"
wrk -t1 -c1 -d10s --timeout 10s -s "$ROOT/scripts/load-test.lua" "$base" | sed -n '/^requests/,$p'
echo "## rate limiter off: $connections connections, ${seconds} s"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$ROOT/scripts/load-test.lua" "$base" | sed -n '/^requests/,$p'
stop_web

# Low limits, so that the shedding shows even when the machine serves few requests per second: every wrk
# connection comes from 127.0.0.1, one client, with 20 requests of burst and 5/s per bucket (API and pages).
export Web__RateLimit__ApiBurst=20 Web__RateLimit__ApiPermitsPerMinute=300 Web__RateLimit__PageBurst=20 Web__RateLimit__PagePermitsPerMinute=300
start_web true
short=$(( seconds < 10 ? seconds : 10 ))
echo "## rate limiter on (burst 20, 5/s for the API and for pages; one client): $connections connections, ${short} s"
wrk -t2 -c"$connections" -d"${short}s" --timeout 10s -s "$ROOT/scripts/load-test.lua" "$base" | sed -n '/^requests/,$p'
stop_web
