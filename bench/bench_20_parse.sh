#!/bin/sh
# Tagging and parsing throughput on UD English EWT test sentences (gold
# tokenisation, repeated 10 times), and the time to load the model.
. bench/lib.sh
src=$SHARED/data/ud/en_ewt/test.conllu
if [ ! -f "$src" ]; then echo "parse: skipped ($src not found)"; exit 0; fi
big=$BENCH_TMP/ewt-test-x10.conllu
if [ ! -f "$big" ]; then
	: > "$big"
	for i in 1 2 3 4 5 6 7 8 9 10; do cat "$src" >> "$big"; done
fi
n=$(grep -c '^# text' "$big")
measure "tag+parse (EWT test x10)" "$n" "$BIN" parse -q --input conllu "$big"
# Model load: parsing an empty input is loading the model and exiting.
t0=$(date +%s%N)
i=0
while [ $i -lt 10 ]; do "$BIN" parse -q --input conllu /dev/null; i=$((i+1)); done
t1=$(date +%s%N)
echo "parse: model load + exit       $(( (t1 - t0) / 10000000 )) ms per run (wall, mean of 10)"
