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
