#!/usr/bin/env bash
# The one entry point. ./run.sh            forge the demo chain, index it into the embedded ClickHouse, serve the explorer
#                     ./run.sh clickhouse --port P --path DIR     embedded ClickHouse only, in the foreground
#                     ./run.sh decode ...  see ../shared/docs/decode-cli.md
#                     ./run.sh web [--clickhouse URL] [--port P] [--network NET] [--database DB]
#                     ./run.sh forge --scenario demo|bench|reorg --seed N --out DIR
#                     ./run.sh index --blocks-dir DIR [--network NET] [--clickhouse URL] [--follow] [--start-colu N ...] [--metrics-port P] [--no-merkle-check]
#                     ./run.sh index --rpc URL [--rpc-user U --rpc-password P | --rpc-cookie FILE] [--zmq tcp://H:P] [--blocks-dir DIR] ...
#                     ./run.sh bench --blocks-dir DIR [--network NET] [--clickhouse URL] [--no-merkle-check]   (docs/benchmarks.md)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd_clickhouse() {
  ensure_chdb
  ensure_built
  exec dotnet "$(bin_dir src/ClickHouse.Embedded)/Explorer.ClickHouse.Embedded.dll" "$@"
}

cmd_decode() {
  ensure_built
  exec dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" decode "$@"
}

cmd_index() {
  local args=("$@") has_data=0 has_ch=0 a
  for a in "${args[@]}"; do
    [ "$a" = --data ] && has_data=1
    [ "$a" = --clickhouse ] && has_ch=1
  done
  # Without --clickhouse the indexer opens the embedded store in-process, in the repo's .data folder.
  if [ $has_ch -eq 0 ]; then
    ensure_chdb
    [ $has_data -eq 0 ] && args+=(--data "$ROOT/.data/clickhouse")
  fi
  ensure_built
  indexer_gc_env
  exec dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" index "${args[@]}"
}

# Reading, NBitcoin parsing, prefilter + decoding and end-to-end indexing of a blocks folder, one table (docs/benchmarks.md).
cmd_bench() {
  ensure_chdb
  ensure_built
  indexer_gc_env
  exec dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" bench "$@"
}

cmd_forge() {
  ensure_built
  exec dotnet "$(bin_dir tools/ChainForge)/Explorer.ChainForge.dll" "$@"
}

cmd_web() {
  local clickhouse="" port="${EXPLORER_PORT:-5000}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --clickhouse) clickhouse=$2; shift 2 ;;
      --port) port=$2; shift 2 ;;
      # The chain the store holds (as given to index --network): addresses are shown and parsed for it.
      --network)
        case "$2" in main|test|testnet4|signet|regtest) export Web__Network=$2 ;;
          *) die "web: --network must be main, test, testnet4, signet or regtest" ;; esac
        shift 2 ;;
      --database) export ClickHouse__Database=$2; shift 2 ;;
      *) die "web: unknown flag $1" ;;
    esac
  done
  ensure_built
  [ -n "$clickhouse" ] && export ClickHouse__ConnectionString="$(url_to_connection_string "$clickhouse")"
  log "explorer on http://127.0.0.1:$port"
  exec dotnet "$(bin_dir src/Explorer.Web)/Explorer.Web.dll" --urls "http://127.0.0.1:$port" \
    --contentRoot "$ROOT/src/Explorer.Web"
}

# http://user:pass@host:port -> ClickHouse.Driver connection string
url_to_connection_string() {
  local url=$1 rest host port user="default" pass="" proto
  proto=${url%%://*}; rest=${url#*://}; rest=${rest%%/*}
  if [[ $rest == *@* ]]; then local cred=${rest%@*}; rest=${rest##*@}; user=${cred%%:*}; [[ $cred == *:* ]] && pass=${cred#*:}; fi
  host=${rest%%:*}; port=${rest##*:}; [ "$port" = "$rest" ] && port=8123
  echo "Host=$host;Port=$port;Protocol=$proto;Username=$user;Password=$pass"
}

# Default: forge the demo chain once, start the embedded ClickHouse, index the chain into it, serve the explorer.
cmd_default() {
  local port="${CLICKHOUSE_PORT:-8123}" data="${EXPLORER_DATA:-$ROOT/.data/clickhouse}" demo="$ROOT/.data/demo"
  local web_port="${EXPLORER_PORT:-5000}"
  ensure_chdb
  ensure_built
  if [ ! -f "$demo/truth.json" ]; then
    log "forging the demo chain into $demo"
    rm -rf "$demo"
    dotnet "$(bin_dir tools/ChainForge)/Explorer.ChainForge.dll" --scenario demo --seed 1 --out "$demo" --quiet >&2 \
      || die "forge failed"
  fi
  mkdir -p "$data"
  log "embedded ClickHouse on 127.0.0.1:$port (data in $data, log in .data/clickhouse.log)"
  dotnet "$(bin_dir src/ClickHouse.Embedded)/Explorer.ClickHouse.Embedded.dll" --port "$port" --path "$data" \
    > "$ROOT/.data/clickhouse.log" 2>&1 &
  local ch=$!
  trap 'kill $ch 2>/dev/null; wait $ch 2>/dev/null' EXIT INT TERM
  wait_http "http://127.0.0.1:$port/ping" 120 || { cat "$ROOT/.data/clickhouse.log" >&2; die "embedded ClickHouse did not start"; }
  log "indexing $demo/blocks"
  DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x10000000}" dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" index --blocks-dir "$demo/blocks" --network regtest \
    --clickhouse "http://127.0.0.1:$port" >&2 || die "indexing failed"
  export ClickHouse__ConnectionString="Host=127.0.0.1;Port=$port;Username=default;Password="
  export Web__Network=regtest
  log "explorer on http://127.0.0.1:$web_port"
  dotnet "$(bin_dir src/Explorer.Web)/Explorer.Web.dll" --urls "http://127.0.0.1:$web_port" \
    --contentRoot "$ROOT/src/Explorer.Web"
}

case "${1:-}" in
  "") cmd_default ;;
  clickhouse) shift; cmd_clickhouse "$@" ;;
  decode) shift; cmd_decode "$@" ;;
  web) shift; cmd_web "$@" ;;
  forge) shift; cmd_forge "$@" ;;
  index) shift; cmd_index "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  -h|--help|help) usage ;;
  *) log "unknown verb: $1"; usage ;;
esac
