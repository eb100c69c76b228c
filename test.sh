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

# Totals from the per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: ' "$results/console.log" |
  sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {print p+0, f+0, s+0}')
assemblies=$(grep -cE '^(Passed|Failed)! +- Failed: ' "$results/console.log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; log "the test run failed outside any test (exit $status)"; fi
log "$assemblies test assemblies; results in $results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
