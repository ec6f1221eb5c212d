#!/bin/sh
# The analysis commands on a big store: builds (once) a store of ten
# million generated events with bench_store (150 actor roots, 2,500
# skewed dyads, ten years; see bench/bench_store.c), then times
# `entente dyad A B` on its busiest dyad and `entente balance`, each as a
# whole command (open, read the per-dyad aggregates, compute, print).
# Rates are events in the store per CPU second (user + sys); peak RSS.
# STORE_EVENTS changes the size.
. bench/lib.sh
prog=$(dirname "$BIN")/bench_store
if [ ! -x "$prog" ]; then echo "store: skipped ($prog not built)"; exit 0; fi
n=${STORE_EVENTS:-10000000}
db=$BENCH_TMP/store-$n.db
tf=$BENCH_TMP/time.$$
if [ ! -f "$db" ]; then
	/usr/bin/time -f '%e %U %S %M' -o "$tf" "$prog" "$db" "$n" > "$BENCH_TMP/store-$n.dyad" 2>/dev/null || {
		echo "bench: building $db failed" >&2; rm -f "$db"*; exit 1; }
	read -r wall user sys rss < "$tf"
	awk -v n="$n" -v u="$user" -v y="$sys" -v r="$rss" -v w="$wall" \
		'BEGIN { c = u + y; printf "%-28s %14.0f %10.1f  %d events, %.2fs cpu, %.2fs wall\n",
		         "store build (API)", n / c, r / 1024, n, c, w }'
fi
set -- $(cat "$BENCH_TMP/store-$n.dyad")
time_cmd() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" > /dev/null 2>&1 || {
		echo "bench: $name: command failed: $*" >&2; return 1; }
	read -r wall user sys rss < "$tf"
	awk -v name="$name" -v n="$n" -v u="$user" -v y="$sys" -v r="$rss" -v w="$wall" \
		'BEGIN { c = u + y; if (c < 0.001) c = 0.001;
		         printf "%-28s %14.0f %10.1f  %d events in the store, %.2fs cpu, %.2fs wall\n",
		         name, n / c, r / 1024, n, c, w }'
	rm -f "$tf"
}
time_cmd "dyad $1 $2 (CLI)" "$BIN" dyad --db "$db" "$1" "$2"
time_cmd "dyad $1 $2 --by day (CLI)" "$BIN" dyad --by day --db "$db" "$1" "$2"
time_cmd "balance (CLI)" "$BIN" balance --db "$db"
time_cmd "network (CLI)" "$BIN" network --db "$db"
