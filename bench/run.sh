#!/bin/sh
# run.sh - entente's benchmarks: runs every bench/bench_*.sh in name order
# with the entente binary as $1. Each prints lines
#   <stage>  <sentences/s per core>  <peak RSS MB>  <notes>
# Corpora come from ../shared (SHARED); a benchmark whose data is absent
# says so and is skipped.
BIN=${1:-build/entente}
SHARED=${SHARED:-../shared}
export BIN SHARED
BENCH_TMP=${BENCH_TMP:-build/bench}
export BENCH_TMP
mkdir -p "$BENCH_TMP"
printf '%-28s %14s %10s  %s\n' stage "sent/s/core" "peak MB" notes
for b in bench/bench_*.sh; do
	sh "$b" || echo "bench: $b failed" >&2
done
