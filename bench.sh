#!/usr/bin/env bash
# ./bench.sh [--blocks-dir DIR] [--network NET] [--clickhouse URL] [--micro-filter GLOB] [--no-micro]
# Runs the BenchmarkDotNet micro-benchmarks (tools/Benchmarks, short job), then the `bench` verb (reading, NBitcoin
# Block.Load, raw prefilter + decoding, end-to-end indexing into a fresh embedded ClickHouse) over the bench chain,
# and prints one table. Without --blocks-dir the bench chain is forged into .data/bench when missing
# (BENCH_SIZE_MB, default 2048, seed 1). Results: docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

blocks="" network="" micro=1 filter="*" bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --blocks-dir) blocks=$2; shift 2 ;;
    --network) network=$2; shift 2 ;;
    --clickhouse) bench_args+=(--clickhouse "$2"); shift 2 ;;
    --micro-filter) filter=$2; shift 2 ;;
    --no-micro) micro=0; shift ;;
    *) die "bench.sh: unknown flag $1" ;;
  esac
done

ensure_chdb
ensure_built
out="$ROOT/.data/bench-results"
mkdir -p "$out"

if [ -z "$blocks" ]; then
  chain="$ROOT/.data/bench"
  if [ ! -f "$chain/truth.json" ]; then
    log "forging the bench chain into $chain (${BENCH_SIZE_MB:-2048} MB; takes a while)"
    rm -rf "$chain"
    dotnet "$(bin_dir tools/ChainForge)/Explorer.ChainForge.dll" --scenario bench --seed 1 --out "$chain" \
      --size-mb "${BENCH_SIZE_MB:-2048}" --quiet >&2 || die "forge failed"
  fi
  blocks="$chain/blocks"
  network=${network:-regtest}
fi
network=${network:-main}

if [ $micro -eq 1 ]; then
  log "BenchmarkDotNet micro-benchmarks ($filter, short job)"
  rm -rf "$out/micro"
  (cd "$ROOT" && dotnet run -c "$CONFIG" --project tools/Benchmarks --no-build -- --filter "$filter" --job short --inProcess \
    --exporters github --artifacts "$out/micro") > "$out/micro.log" 2>&1 || { tail -40 "$out/micro.log" >&2; die "micro-benchmarks failed"; }
fi

log "bench verb over $blocks ($network)"
indexer_gc_env
dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" bench --blocks-dir "$blocks" --network "$network" "${bench_args[@]}" \
  | tee "$out/bench.txt" >&2
# (d) again in a fresh process, as `./run.sh index` starts: it pays the decoders' JIT and the collector's first sizing,
# which the verb's (d) met earlier in its process ((c) ran first).
log "end to end again in a fresh process (--only d)"
dotnet "$(bin_dir src/Indexer)/Explorer.Indexer.dll" bench --blocks-dir "$blocks" --network "$network" "${bench_args[@]}" --only d \
  | tee "$out/bench-fresh.txt" >&2

echo
echo "## Machine"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $micro -eq 1 ]; then
  echo
  echo "## Micro-benchmarks (BenchmarkDotNet, short job)"
  for f in "$out"/micro/results/*-report-github.md; do
    [ -f "$f" ] || continue
    echo
    echo "### $(basename "$f" -report-github.md)"
    # The table only (BenchmarkDotNet's environment header is the same for every class).
    sed -n '/^|/,$p' "$f" | sed "s/&#39;/'/g"
  done
fi
echo
echo "## End to end ($blocks)"
sed -n '/^| stage/,$p' "$out/bench.txt"
echo
echo "Fresh process (\`--only d\`):"
grep '^(d)' "$out/bench-fresh.txt"
