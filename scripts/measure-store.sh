# Sourced by measure-indexed-web.sh when MEASURE_STORE is set: p50/p95 of the explorer's pages and routes over an
# existing indexed store, then the sql/004 read paths against the statements they replaced (same store, same run).
store=${MEASURE_STORE%/}
database=${MEASURE_DATABASE:-explorer}
network=${MEASURE_NETWORK:-main}
[[ "$database" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "MEASURE_DATABASE must be an identifier"
curl -fsS "$store/ping" >/dev/null || die "no ClickHouse at $store"

# sql STATEMENT: one value (TSV) from the store.
sql() { curl -fsS "$store/?database=$database" --data-binary "$1"; }

log "building Explorer.Web ($CONFIG)"
dotnet build "$ROOT/src/Explorer.Web" -c "$CONFIG" -nologo -v q >/dev/null || die "build of src/Explorer.Web failed"
start_workspace

tip=$(sql "SELECT max(height) FROM blocks FINAL WHERE is_orphaned = 0")
blocks=$(sql "SELECT count() FROM blocks FINAL WHERE is_orphaned = 0")
mid=$((tip / 2))
oa=$(sql "SELECT asset_id FROM asset_events WHERE protocol = 'openassets' GROUP BY asset_id ORDER BY count() DESC, asset_id LIMIT 1")
colu=$(sql "SELECT asset_id FROM asset_events WHERE protocol = 'colu' GROUP BY asset_id ORDER BY count() DESC, asset_id LIMIT 1")
address=$(sql "SELECT address FROM asset_events WHERE address != '' GROUP BY address ORDER BY count() DESC, address LIMIT 1")
spender=$(sql "SELECT spent_txid FROM colored_outputs WHERE spent_height > 0 ORDER BY spent_height DESC, spent_txid LIMIT 1")
xcp=$(sql "SELECT txid FROM counterparty_messages WHERE is_orphaned = 0 ORDER BY carrier = 'multisig' DESC, height DESC, txid LIMIT 1")
sizes=$(sql "SELECT concat(table, ' ', toString(sum(rows)), ' rows') FROM system.parts WHERE database = currentDatabase() AND active
             AND table IN ('colored_transactions', 'colored_outputs', 'asset_events', 'asset_events_by_address') GROUP BY table ORDER BY table" | paste -sd, -)
for key in oa colu address spender xcp; do [ -n "${!key}" ] || die "the store has no $key to measure"; done

web_port=$(free_port)
hostport=${store#http://}
[[ "$hostport" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] || die "MEASURE_STORE must be http://HOST:PORT"
ClickHouse__ConnectionString="Host=${hostport%:*};Port=${hostport##*:};Protocol=http;Username=default;Password=" \
ClickHouse__Database=$database ClickHouse__ApplyMigrations=false Web__Network=$network ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$(bin_dir src/Explorer.Web)/Explorer.Web.dll" --urls "http://127.0.0.1:$web_port" \
  --contentRoot "$ROOT/src/Explorer.Web" > "$work/web.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$web_port/health" 120 || { cat "$work/web.log"; die "web did not start"; }
curl -fsS "http://127.0.0.1:$web_port/api/v1/status" | grep -q '"state":"ready"' || die "store not ready"

base="http://127.0.0.1:$web_port"
echo "# $(date -u +%FT%TZ), $CONFIG, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), store $database: $blocks blocks (tip $tip), $sizes"
echo "# $requests requests per URL after $warmup warm-up; keys: oa=$oa colu=$colu address=$address spender=$spender xcp=$xcp"
measure "GET /" "$base/"
measure "GET /blocks" "$base/blocks"
measure "GET /mempool" "$base/mempool"
measure "GET /tx/{colored inputs}" "$base/tx/$spender"
measure "GET /api/v1/tx/{colored inputs}" "$base/api/v1/tx/$spender"
measure "GET /tx/{xcp}" "$base/tx/$xcp"
measure "GET /block/{mid}" "$base/block/$mid"
measure "GET /api/v1/blocks/{mid}" "$base/api/v1/blocks/$mid"
measure "GET /asset/openassets/{top}" "$base/asset/openassets/$oa"
measure "GET /asset/colu/{top}" "$base/asset/colu/$colu"
measure "GET /api/v1/assets/colu/{top}" "$base/api/v1/assets/colu/$colu"
measure "GET .../transfers?limit=100" "$base/api/v1/assets/colu/$colu/transfers?limit=100"
measure "GET .../holders?format=csv" "$base/api/v1/assets/colu/$colu/holders?format=csv"
measure "GET /address/{top}" "$base/address/$address"
measure "GET /api/v1/addresses/{top}" "$base/api/v1/addresses/$address"
measure "GET /api/v1/search?q={oa}" "$base/api/v1/search?q=$oa"
measure "GET /api/v1/mempool" "$base/api/v1/mempool"
measure "GET /api/v1/status" "$base/api/v1/status"

# The sql/004 read paths against what they replaced, as ClickHouse HTTP requests (the "before" of the colored inputs
# is the old statement with skip indexes off: the store had no index on spent_txid).
events="protocol, asset_id, height, txid, kind, seq, quantity, address, n"
outputs="protocol, asset_id, txid, n, idx, quantity, address, value, height, spent_txid, spent_input, spent_height"
history="WHERE address = '$address' AND is_orphaned = 0 ORDER BY height DESC, txid DESC, protocol DESC, kind DESC, seq DESC, asset_id DESC LIMIT 26"
echo "# sql/004: statement p50/p95 over the store's HTTP interface ($requests runs after $warmup warm-up)"
measure "history: asset_events (old)" "$store/?database=$database&query=$(python3 -c 'import sys, urllib.parse as u; print(u.quote(sys.argv[1]))' "SELECT $events FROM asset_events FINAL $history FORMAT Null")"
measure "history: by_address (new)" "$store/?database=$database&query=$(python3 -c 'import sys, urllib.parse as u; print(u.quote(sys.argv[1]))' "SELECT $events FROM asset_events_by_address FINAL $history FORMAT Null")"
measure "inputs: scan (old)" "$store/?database=$database&query=$(python3 -c 'import sys, urllib.parse as u; print(u.quote(sys.argv[1]))' "SELECT $outputs FROM colored_outputs FINAL WHERE spent_txid = '$spender' AND is_orphaned = 0 ORDER BY spent_input, idx, protocol SETTINGS use_skip_indexes = 0 FORMAT Null")"
measure "inputs: skip index (new)" "$store/?database=$database&query=$(python3 -c 'import sys, urllib.parse as u; print(u.quote(sys.argv[1]))' "SELECT $outputs FROM colored_outputs FINAL WHERE (protocol, asset_id, txid, n, idx) IN (SELECT protocol, asset_id, txid, n, idx FROM colored_outputs WHERE spent_txid = '$spender') AND spent_txid = '$spender' AND is_orphaned = 0 ORDER BY spent_input, idx, protocol FORMAT Null")"
