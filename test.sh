#!/usr/bin/env bash
# Every set-up step a fresh machine needs, then every test. Ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"
cd "$ROOT"
need_dotnet

log "set-up: chDB"
ensure_chdb
for setup in scripts/setup-*.sh; do
  [ "$setup" = scripts/setup-chdb.sh ] && continue
  log "set-up: $setup"
  "$setup" >&2 || die "$setup failed"
done

log "restore and build ($CONFIG)"
dotnet build Explorer.sln -c "$CONFIG" -nologo -v q > .data-build.log 2>&1 || { cat .data-build.log; die "build failed"; }
rm -f .data-build.log

results="$ROOT/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
log "tests"
dotnet test Explorer.sln -c "$CONFIG" --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 15m 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

# Totals from the TRX files, one per test assembly (<Counters total= executed= passed= failed= error= ...>).
read -r passed failed skipped assemblies < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' |
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] = kv[2] + 0 }
         p += c["passed"]; f += c["failed"] + c["error"] + c["timeout"] + c["aborted"]; s += c["total"] - c["executed"]; n++ }
       END { print p + 0, f + 0, s + 0, n + 0 }')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; log "the test run failed outside any test (exit $status)"; fi
log "$assemblies test assemblies; results in $results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
