#!/bin/sh
# Dictionaries: load time of the built-in set and of the Phoenix +
# CAMEO.2.0 PETRARCH-2 set (best of 5, CPU ms), peak RSS, and matching
# throughput on the tokenised Wikinews sentences (x5) with the Phoenix set:
# the matcher alone (CPU time inside 'dict match --count') and the whole
# command (segmentation included).
. bench/lib.sh
best_load() {
	best=
	for i in 1 2 3 4 5; do
		t=$("$@" 2>/dev/null | sed -n 's/^load time .*(\([0-9.]*\) ms cpu)/\1/p')
		best=$(awk -v a="$best" -v b="$t" 'BEGIN { if (a == "" || b + 0 < a + 0) print b; else print a }')
	done
	echo "$best"
}
peak_mb() {
	/usr/bin/time -f '%M' -o "$BENCH_TMP/rss.$$" "$@" >/dev/null 2>&1
	awk '{ printf "%.1f", $1 / 1024 }' "$BENCH_TMP/rss.$$"
	rm -f "$BENCH_TMP/rss.$$"
}
ms=$(best_load "$BIN" dict stats --time)
printf '%-28s %14s %10s  %s\n' "dict load (built-in)" - "$(peak_mb "$BIN" dict stats)" "$ms ms cpu (target <= 50)"
p=$SHARED/data/petrarch
if [ ! -f "$p/CAMEO.2.0.txt" ]; then echo "dict: PETRARCH set skipped ($p not found)"; exit 0; fi
spec="$p/Phoenix.*,$p/CAMEO.2.0.txt"
ms=$(best_load "$BIN" dict stats --time --dict "$spec")
printf '%-28s %14s %10s  %s\n' "dict load (Phoenix+CAMEO2)" - "$(peak_mb "$BIN" dict stats --dict "$spec")" \
	"$ms ms cpu (target <= 300, <= 150 MB)"
src=$SHARED/data/corpus/wikinews.jsonl
if [ ! -f "$src" ]; then echo "dict: matching skipped ($src not found)"; exit 0; fi
big=$BENCH_TMP/wikinews-x5.jsonl
[ -f "$big" ] || for i in 1 2 3 4 5; do cat "$src"; done > "$big"
line=$("$BIN" dict match -q --count --dict "$spec" "$big" 2>&1 | grep sentences/s)
n=$(echo "$line" | sed -n 's/^entente: \([0-9]*\) sentences.*/\1/p')
rate=$(echo "$line" | sed -n 's/.*(\([0-9]*\) sentences\/s).*/\1/p')
printf '%-28s %14s %10s  %s\n' "dict match (matcher only)" "$rate" - "$n sentences, Phoenix set (target >= 200000)"
measure "dict match (whole command)" "$n" "$BIN" dict match -q --count --dict "$spec" "$big"
