#!/usr/bin/env bash
# Server response times of the explorer's indexed-data pages and routes over loopback (p50/p95 in ms, curl's
# time_total, one keep-alive connection per URL): the web app (Release build) against the embedded ClickHouse holding
# the Bitcoin Core regtest fixture (tests/BlockFiles.Tests/data/core-regtest) indexed by the indexer's `index` verb.
# Bounded: WARMUP + REQUESTS requests per URL, then both processes are stopped.
#   scripts/measure-indexed-web.sh [REQUESTS=200]
# Over an existing, already indexed store instead (e.g. the bench chain): the web runs against it, the URLs' keys
# (busiest assets and address, a transaction with colored inputs, a Counterparty message, a middle block) are read
# from the store, and the explorer's sql/004 read paths are timed against the statements they replaced:
#   MEASURE_STORE=http://127.0.0.1:18123 MEASURE_DATABASE=bench MEASURE_NETWORK=regtest scripts/measure-indexed-web.sh 50
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
requests=${1:-200}
warmup=20
need_dotnet
ensure_chdb
command -v curl >/dev/null || die "curl is required"
if [ -n "${MEASURE_STORE:-}" ]; then
  source "$(dirname "${BASH_SOURCE[0]}")/measure-store.sh"
  exit 0
fi

log "building Explorer.Web, ClickHouse.Embedded and Indexer ($CONFIG)"
for project in src/Explorer.Web src/ClickHouse.Embedded src/Indexer; do
  dotnet build "$ROOT/$project" -c "$CONFIG" -nologo -v q >/dev/null || die "build of $project failed"
done

start_workspace
start_embedded_clickhouse

log "indexing the Core regtest fixture"
dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" index --blocks-dir "$ROOT/tests/BlockFiles.Tests/data/core-regtest/blocks" \
  --network regtest --clickhouse "http://127.0.0.1:$ch_port" --database measure > "$work/index.log" 2>&1 \
  || { cat "$work/index.log"; die "indexing failed"; }

web_port=$(free_port)
ClickHouse__ConnectionString="Host=127.0.0.1;Port=$ch_port;Protocol=http;Username=default;Password=" \
ClickHouse__Database=measure ClickHouse__ApplyMigrations=false Web__Network=regtest ASPNETCORE_ENVIRONMENT=Production Web__RateLimit__Enabled=false \
  dotnet "$(bin_dir src/Explorer.Web)/Explorer.Web.dll" --urls "http://127.0.0.1:$web_port" \
  --contentRoot "$ROOT/src/Explorer.Web" > "$work/web.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$web_port/health" 120 || { cat "$work/web.log"; die "web did not start"; }
curl -fsS "http://127.0.0.1:$web_port/api/v1/status" | grep -q '"state":"ready"' || die "store not ready"

base="http://127.0.0.1:$web_port"
oa=AREKSBMzm6dEMGTYVjM5AuxZCQQdyDWnmZ
colu=La8qH1ERtiMyusgX2Ten3RrcjdqgMpUFidAGky
tx=96e3ae8c3505ab7a709e8d9bde7bd3c4f2faf1b584bcf8a6b84ba8311fa240f3
address=mw5JggzPev9h1u16sxBZRobNaaRzn932Pe
echo "# $(date -u +%FT%TZ), $CONFIG, $(nproc) cores, Core regtest fixture, $requests requests per URL after $warmup warm-up"
measure "GET /tx/{xcp multisig}" "$base/tx/$tx"
measure "GET /api/v1/tx/{xcp multisig}" "$base/api/v1/tx/$tx"
measure "GET /block/115" "$base/block/115"
measure "GET /api/v1/blocks/115" "$base/api/v1/blocks/115"
measure "GET /asset/openassets/{oa}" "$base/asset/openassets/$oa"
measure "GET /api/v1/assets/colu/{id}" "$base/api/v1/assets/colu/$colu"
measure "GET .../transfers?limit=100" "$base/api/v1/assets/colu/$colu/transfers?limit=100"
measure "GET .../holders?format=csv" "$base/api/v1/assets/colu/$colu/holders?format=csv"
measure "GET /address/{address}" "$base/address/$address"
measure "GET /api/v1/search?q={oa}" "$base/api/v1/search?q=$oa"
