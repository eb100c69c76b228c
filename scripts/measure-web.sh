#!/usr/bin/env bash
# Server response times of the explorer's main pages over loopback (p50/p95 in ms, curl's time_total, one
# keep-alive connection per URL): the web app (Release build) against the embedded ClickHouse with the shipped
# migrations and N indexed blocks. Bounded: WARMUP + REQUESTS requests per URL, then both processes are stopped.
#   scripts/measure-web.sh [REQUESTS=200] [BLOCKS=1000]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
requests=${1:-200}
blocks=${2:-1000}
warmup=20
need_dotnet
ensure_chdb
command -v curl >/dev/null || die "curl is required"

log "building Explorer.Web and ClickHouse.Embedded ($CONFIG)"
for project in src/Explorer.Web src/ClickHouse.Embedded; do
  dotnet build "$ROOT/$project" -c "$CONFIG" -nologo -v q >/dev/null || die "build of $project failed"
done

start_workspace
start_embedded_clickhouse

web_port=$(free_port)
# The web applies the migrations itself here (ApplyMigrations=true) so the store has the indexer's schema.
ClickHouse__ConnectionString="Host=127.0.0.1;Port=$ch_port;Protocol=http;Username=default;Password=" \
ClickHouse__Database=measure ClickHouse__ApplyMigrations=true ASPNETCORE_ENVIRONMENT=Production Web__RateLimit__Enabled=false \
  dotnet "$(bin_dir src/Explorer.Web)/Explorer.Web.dll" --urls "http://127.0.0.1:$web_port" \
  --contentRoot "$ROOT/src/Explorer.Web" > "$work/web.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$web_port/health" 120 || { cat "$work/web.log"; die "web did not start"; }
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$ch_port/?query=EXISTS+TABLE+measure.blocks" 2>/dev/null | grep -q 1 && break
  sleep 0.5
done

log "inserting $blocks blocks"
curl -fsS "http://127.0.0.1:$ch_port/" --data-binary @- <<SQL >/dev/null
INSERT INTO measure.blocks (height, hash, prev_hash, time, tx_count, size, colored_tx_count, is_orphaned, version)
SELECT number, lower(hex(SHA256(toString(number)))), lower(hex(SHA256(toString(number - 1)))),
       toDateTime('2026-01-01 00:00:00', 'UTC') + number * 600, 1 + number % 50, 250 + number, number % 7, 0, 1
FROM numbers($blocks)
SQL
curl -fsS "http://127.0.0.1:$web_port/api/v1/status" | grep -q '"state":"ready"' || die "store not ready"
curl -fsS "http://127.0.0.1:$web_port/" | grep -q "indexed up to block $((blocks - 1))" || die "home does not show the tip"

example_tx=$(sed -n 's/^ *"\(0100000002c107[0-9a-f]*\)",$/\1/p' "$ROOT/src/Explorer.Web/Services/ExampleTransactions.cs")
[ -n "$example_tx" ] || die "example transaction not found"
prevouts="&prevout=0%3D76a91477e3e6acdeca221685d0d23a12989b96335a463988ac%3A600&prevout=1%3D76a91477e3e6acdeca221685d0d23a12989b96335a463988ac%3A889400"

base="http://127.0.0.1:$web_port"
echo "# $(date -u +%FT%TZ), $CONFIG, $(nproc) cores, $blocks blocks, $requests requests per URL after $warmup warm-up"
measure "GET /" "$base/"
measure "GET /decode" "$base/decode"
measure "GET /decode?tx=(example)" "$base/decode?tx=$example_tx$prevouts"
measure "GET /api/v1/status" "$base/api/v1/status"
measure "GET /api/v1/blocks?limit=20" "$base/api/v1/blocks?limit=20"
