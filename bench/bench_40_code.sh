#!/bin/sh
# End-to-end coding throughput (raw text to events: segment, tag, parse,
# match, code) on the Wikinews corpus, one thread and two, with the
# built-in dictionaries, and one thread with the Phoenix + CAMEO.2.0
# PETRARCH-2 dictionaries.
. bench/lib.sh
src=$SHARED/data/corpus/wikinews.jsonl
if [ ! -f "$src" ]; then echo "code: skipped ($src not found)"; exit 0; fi
n=$("$BIN" segment --format tsv -q "$src" | tail -n +2 | wc -l)
measure "code -j1 (wikinews, built-in)" "$n" "$BIN" code -q -j 1 "$src"
# with two threads the figure is per core of CPU time; wall time shows scaling
measure "code -j2 (wikinews, built-in)" "$n" "$BIN" code -q -j 2 "$src"
p=$SHARED/data/petrarch
if [ ! -f "$p/CAMEO.2.0.txt" ]; then echo "code: PETRARCH set skipped ($p not found)"; exit 0; fi
measure "code -j1 (wikinews, Phoenix)" "$n" "$BIN" code -q -j 1 --dict "$p/Phoenix.*,$p/CAMEO.2.0.txt" "$src"
