#!/usr/bin/env bash
# The home page (`GET /`) and its latest-colored-transactions statement before and after sql/007, on one existing
# indexed store, in one run: the web built from this tree and the web built from BASELINE_REV (default: the commit
# before sql/007 was added) run side by side against the same store and are timed in alternating rounds (p50/p95 in
# ms, curl's time_total on one keep-alive connection), then the two statements are timed over the store's HTTP
# interface. Prints the ratios of the p50s. The store must have sql/007 applied (run the indexer's `index` once).
#   MEASURE_STORE=http://127.0.0.1:18123 MEASURE_DATABASE=bench MEASURE_NETWORK=regtest scripts/measure-home.sh [REQUESTS=50] [ROUNDS=2]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
requests=${1:-50}
rounds=${2:-2}
warmup=20
need_dotnet
command -v curl >/dev/null || die "curl is required"
[ -n "${MEASURE_STORE:-}" ] || die "MEASURE_STORE=http://HOST:PORT of an indexed store is required"
store=${MEASURE_STORE%/}
database=${MEASURE_DATABASE:-explorer}
network=${MEASURE_NETWORK:-main}
[[ "$database" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "MEASURE_DATABASE must be an identifier"
hostport=${store#http://}
[[ "$hostport" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] || die "MEASURE_STORE must be http://HOST:PORT"
curl -fsS "$store/ping" >/dev/null || die "no ClickHouse at $store"
sql() { curl -fsS "$store/?database=$database" --data-binary "$1"; }
sql "SELECT 1 FROM colored_transactions_by_height LIMIT 1 FORMAT Null" || die "the store has no sql/007 table: run the indexer's index verb on it once"

added=$(git -C "$ROOT" log --diff-filter=A --format=%H -1 -- sql/007_latest_colored.sql)
base_rev=${BASELINE_REV:-${added}^}
start_workspace
log "building Explorer.Web ($CONFIG) from this tree and from $base_rev"
dotnet build "$ROOT/src/Explorer.Web" -c "$CONFIG" -nologo -v q >/dev/null || die "build of src/Explorer.Web failed"
mkdir -p "$work/base"
git -C "$ROOT" archive "$base_rev" | tar -x -C "$work/base"
dotnet build "$work/base/src/Explorer.Web" -c "$CONFIG" -nologo -v q >/dev/null || die "build of the baseline Explorer.Web failed"

# start_web ROOT_DIR -> sets web_port
start_web() {
  web_port=$(free_port)
  ClickHouse__ConnectionString="Host=${hostport%:*};Port=${hostport##*:};Protocol=http;Username=default;Password=" \
  ClickHouse__Database=$database ClickHouse__ApplyMigrations=false Web__Network=$network ASPNETCORE_ENVIRONMENT=Production \
  Web__RateLimit__Enabled=false \
    dotnet "$1/src/Explorer.Web/bin/$CONFIG/net10.0/Explorer.Web.dll" --urls "http://127.0.0.1:$web_port" \
    --contentRoot "$1/src/Explorer.Web" > "$work/web-$web_port.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$web_port/health" 120 || { cat "$work/web-$web_port.log"; die "web did not start"; }
  curl -fsS "http://127.0.0.1:$web_port/api/v1/status" | grep -q '"state":"ready"' || die "store not ready"
}
start_web "$work/base"; base_port=$web_port
start_web "$ROOT"; new_port=$web_port

tip=$(sql "SELECT max(height) FROM blocks FINAL WHERE is_orphaned = 0")
sizes=$(sql "SELECT concat(table, ' ', toString(sum(rows)), ' rows') FROM system.parts WHERE database = currentDatabase() AND active
             AND table IN ('colored_transactions', 'colored_transactions_by_height') GROUP BY table ORDER BY table" | paste -sd, -)
echo "# $(date -u +%FT%TZ), $CONFIG, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), store $database: tip $tip, $sizes"
echo "# baseline $(git -C "$ROOT" rev-parse --short "$base_rev") against $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src sql || echo '+changes'); $requests requests per URL after $warmup warm-up, $rounds alternating rounds"

p50() { sed -E 's/.* p50 +([0-9.]+) ms.*/\1/' <<< "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
# timed NAME URL: the measure line, its p50 appended to the list named by $3
old_p50s=() new_p50s=()
for ((r = 1; r <= rounds; r++)); do
  line=$(measure "GET / (before 007) r$r" "http://127.0.0.1:$base_port/"); echo "$line"; old_p50s+=("$(p50 "$line")")
  line=$(measure "GET / (after 007) r$r" "http://127.0.0.1:$new_port/"); echo "$line"; new_p50s+=("$(p50 "$line")")
done
old_med=$(printf '%s\n' "${old_p50s[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
new_med=$(printf '%s\n' "${new_p50s[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "GET /: p50 $old_med -> $new_med ms ($(ratio "$old_med" "$new_med"))"

# The statements: the one replaced (last 5000 blocks of colored_transactions) and the new first window (100 blocks
# of colored_transactions_by_height), which is the whole read when every protocol has 5 transactions in it.
cols="txid, protocol, height, tx_index, kind, valid"
from_old=$(( tip > 5000 ? tip - 5000 : 0 )); from_new=$(( tip > 100 ? tip - 100 : 0 ))
enc() { python3 -c 'import sys, urllib.parse as u; print(u.quote(sys.argv[1]))' "$1"; }
old_sql="SELECT $cols FROM colored_transactions FINAL WHERE height >= $from_old AND is_orphaned = 0 ORDER BY protocol, height DESC, tx_index DESC LIMIT 5 BY protocol FORMAT Null"
new_sql="SELECT $cols FROM colored_transactions_by_height FINAL WHERE has(['openassets', 'colu', 'counterparty'], protocol) AND height >= $from_new AND height <= $tip AND is_orphaned = 0 ORDER BY protocol, height DESC, tx_index DESC LIMIT 5 BY protocol FORMAT Null"
line=$(measure "latest: scan 5000 (old)" "$store/?database=$database&query=$(enc "$old_sql")"); echo "$line"; old=$(p50 "$line")
line=$(measure "latest: by_height 100 (new)" "$store/?database=$database&query=$(enc "$new_sql")"); echo "$line"; new=$(p50 "$line")
echo "latest statement: p50 $old -> $new ms ($(ratio "$old" "$new"))"
