# Shared by run.sh and test.sh. Sourced, not executed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/explorer"
CONFIG="${EXPLORER_CONFIG:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

need_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet on PATH)"
}

# The indexer's collector settings that runtimeconfig.json cannot carry (issue 9, docs/benchmarks.md): a 256 MB
# youngest generation per heap, so that a block's rows and parsed candidates die before a collection instead of being
# copied into older generations (40% less time paused on the bench chain, 150 MB more peak memory). Set before a run
# of the indexer; a value already in the environment wins.
indexer_gc_env() { export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x10000000}"; }

# bin_dir PROJECT_DIR -> the folder holding its built dll
bin_dir() { echo "$ROOT/$1/bin/$CONFIG/net10.0"; }

# Build the solution when any source is newer than the last build (the stamp), quietly: stdout stays
# free for commands such as `decode` whose output is JSON.
ensure_built() {
  need_dotnet
  local stamp="$ROOT/.data/build.stamp"
  mkdir -p "$ROOT/.data"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/src" "$ROOT/tools" "$ROOT/sql" "$ROOT/Directory.Build.props" \
        "$ROOT/Directory.Packages.props" -newer "$stamp" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.razor' \
        -o -name '*.props' -o -name '*.sql' -o -name '*.json' -o -name '*.css' -o -name '*.js' \) -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  log "building ($CONFIG)..."
  if ! dotnet build "$ROOT/Explorer.sln" -c "$CONFIG" -nologo -v q > "$ROOT/.data/build.log" 2>&1; then
    cat "$ROOT/.data/build.log" >&2
    die "build failed (log: .data/build.log)"
  fi
  touch "$stamp"
}

# Fetch libchdb.so (ClickHouse as a library) into the cache; sets CHDB_LIB_PATH.
ensure_chdb() {
  if [ -z "${CHDB_LIB_PATH:-}" ] || [ ! -f "$CHDB_LIB_PATH" ]; then
    CHDB_LIB_PATH="$("$ROOT/scripts/setup-chdb.sh" | tail -n 1)"
  fi
  [ -f "$CHDB_LIB_PATH" ] || die "libchdb.so not found (scripts/setup-chdb.sh)"
  export CHDB_LIB_PATH
}

# wait_http URL SECONDS
wait_http() {
  local url=$1 secs=${2:-60} i
  for ((i = 0; i < secs * 4; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.25
  done
  return 1
}

# A scratch folder ($work) and background processes ($pids) that are stopped, and the folder removed, on exit.
start_workspace() {
  work="$(mktemp -d)"
  pids=()
  trap stop_workspace EXIT
}
stop_workspace() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# The embedded ClickHouse (built) on a free port with its data in $work; sets ch_port. Needs start_workspace.
start_embedded_clickhouse() {
  ch_port=$(free_port)
  dotnet "$(bin_dir src/ClickHouse.Embedded)/Explorer.ClickHouse.Embedded.dll" --port "$ch_port" --path "$work/clickhouse" \
    > "$work/clickhouse.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$ch_port/ping" 120 || { cat "$work/clickhouse.log"; die "embedded ClickHouse did not start"; }
}

# measure NAME URL: $warmup requests, then $requests timed ones on one keep-alive connection; prints p50/p95/max in ms.
# Every timed answer must be 200. Needs start_workspace.
measure() {
  local name=$1 url=$2 args=() i
  for ((i = 0; i < warmup; i++)); do args+=(-o /dev/null "$url"); done
  curl -fsS "${args[@]}" >/dev/null
  args=()
  for ((i = 0; i < requests; i++)); do args+=(-o /dev/null -w '%{http_code} %{time_total}\n' "$url"); done
  curl -sS "${args[@]}" > "$work/times"
  grep -qv '^200 ' "$work/times" && die "$name: non-200 answers: $(grep -v '^200 ' "$work/times" | head -1)"
  cut -d' ' -f2 "$work/times" | sort -n | awk -v name="$name" -v n="$requests" '
    { t[NR] = $1 * 1000 }
    END { p50 = t[int((NR + 1) * 0.50)]; p95 = t[int((NR + 1) * 0.95)]
          printf "%-28s n=%d  p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", name, n, p50, p95, t[NR] }'
}
