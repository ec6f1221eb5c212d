#!/bin/sh
# Segmentation throughput on the Wikinews corpus repeated to >= 50 MB.
. bench/lib.sh
src=$SHARED/data/corpus/wikinews.jsonl
if [ ! -f "$src" ]; then echo "segment: skipped ($src not found)"; exit 0; fi
big=$BENCH_TMP/wikinews-50mb.jsonl
if [ ! -f "$big" ] || [ "$(wc -c < "$big")" -lt 52428800 ]; then
	: > "$big"
	while [ "$(wc -c < "$big")" -lt 52428800 ]; do cat "$src" >> "$big"; done
fi
n=$($BIN segment --format tsv -q "$big" | tail -n +2 | wc -l)
measure "segment (50 MB wikinews)" "$n" "$BIN" segment --format tsv -q "$big"
