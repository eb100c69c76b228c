#!/usr/bin/env bash
# Coverage-guided fuzzing of every decoder entry point with SharpFuzz + AFL++ (not run in CI; see docs/fuzzing.md).
# usage: scripts/fuzz.sh [EXECS_PER_TARGET (default 1000000)] [TARGET...]   (targets: dotnet Fuzz.dll list)
# Needs afl-fuzz (Debian: apt-get install afl++). Installs the SharpFuzz.CommandLine tool into the cache when missing.
# Work folder: FUZZ_WORK (default ${XDG_CACHE_HOME:-$HOME/.cache}/explorer/fuzz): bin/ (plain build), bin-afl/
# (Explorer.Protocols.dll instrumented), in/<target> (seeds), out/<target> (AFL output; crashes replayed into
# out/<target>/crashes.txt with stack traces). FUZZ_NICE (default 10), FUZZ_TIMEOUT_MS (default 5000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

execs="${1:-${FUZZ_EXECS:-1000000}}"
shift || true
work="${FUZZ_WORK:-$CACHE/fuzz}"
tools="$CACHE/sharpfuzz"
nice_level="${FUZZ_NICE:-10}"
timeout_ms="${FUZZ_TIMEOUT_MS:-5000}"

need_dotnet
command -v afl-fuzz >/dev/null || die "afl-fuzz not found: install AFL++ (Debian: apt-get install afl++)"
if [ ! -x "$tools/sharpfuzz" ]; then
  log "installing SharpFuzz.CommandLine 2.3.0 into $tools"
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >&2
fi

log "building tools/Fuzz (Release)"
mkdir -p "$work"
dotnet build "$ROOT/tools/Fuzz" -c Release -nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "build failed"; }
rm -rf "$work/bin" "$work/bin-afl"
cp -r "$ROOT/tools/Fuzz/bin/Release/net10.0" "$work/bin"
cp -r "$work/bin" "$work/bin-afl"
# Only the decoders are instrumented (not NBitcoin nor the BCL): coverage feedback is about our code.
"$tools/sharpfuzz" "$work/bin-afl/Explorer.Protocols.dll" >&2

if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(dotnet "$work/bin/Fuzz.dll" list | awk '{print $1}'); fi

export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
stat_of() { awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$1"; }
summary="$work/summary.txt"
printf '%-16s %12s %10s %8s %8s %6s %8s\n' target execs execs/s edges crashes hangs seconds | tee "$summary"
for t in "${targets[@]}"; do
  rm -rf "$work/in/$t" "$work/out/$t"
  mkdir -p "$work/out"
  dotnet "$work/bin/Fuzz.dll" seeds "$t" "$work/in/$t" >&2
  log "fuzzing $t for ~$execs executions"
  # Under load the dry run now and then reports "No instrumentation detected" for a seed that is fine on its own:
  # one retry, then the target is reported as failed and the next one runs.
  ok=0
  for attempt in 1 2; do
    rm -rf "$work/out/$t"
    if nice -n "$nice_level" afl-fuzz -i "$work/in/$t" -o "$work/out/$t" -E "$execs" -t "$timeout_ms" -m none \
        -- dotnet "$work/bin-afl/Fuzz.dll" afl "$t" > "$work/out-$t.log" 2>&1; then ok=1; break; fi
    log "afl-fuzz failed on $t (attempt $attempt): $(grep -a 'PROGRAM ABORT' "$work/out-$t.log" | tail -1)"
  done
  if [ "$ok" != 1 ]; then printf '%-16s %s\n' "$t" "FAILED (see $work/out-$t.log)" | tee -a "$summary"; continue; fi
  stats="$work/out/$t/default/fuzzer_stats"
  printf '%-16s %12s %10s %8s %8s %6s %8s\n' "$t" "$(stat_of "$stats" execs_done)" "$(stat_of "$stats" execs_per_sec)" \
    "$(stat_of "$stats" edges_found)" "$(stat_of "$stats" saved_crashes)" "$(stat_of "$stats" saved_hangs)" \
    "$(stat_of "$stats" run_time)" | tee -a "$summary"
  if compgen -G "$work/out/$t/default/crashes/id:*" > /dev/null; then
    dotnet "$work/bin/Fuzz.dll" replay "$t" "$work/out/$t/default/crashes" > "$work/out/$t/crashes.txt" 2>&1 || true
    log "$t: crashes replayed into $work/out/$t/crashes.txt"
  fi
done
log "summary in $summary"
