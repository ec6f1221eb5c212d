# lib.sh - helpers for the benchmark scripts (sourced).
#
# measure NAME SENTENCES CMD...: runs CMD once with /usr/bin/time, prints
# the stage line (sentences per second of user+sys CPU time, which is
# per core for a single-threaded run, and peak RSS).
measure() {
	name=$1; sents=$2; shift 2
	tf=$BENCH_TMP/time.$$
	/usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >/dev/null 2>"$BENCH_TMP/stderr.$$" || {
		echo "bench: $name: command failed: $*" >&2; cat "$BENCH_TMP/stderr.$$" >&2; return 1; }
	read -r wall user sys rss < "$tf"
	awk -v n="$name" -v s="$sents" -v u="$user" -v y="$sys" -v r="$rss" -v w="$wall" \
		'BEGIN { c = u + y; if (c < 0.001) c = 0.001;
		         printf "%-28s %14.0f %10.1f  %d sentences, %.2fs cpu, %.2fs wall\n", n, s / c, r / 1024, s, c, w }'
	rm -f "$tf" "$BENCH_TMP/stderr.$$"
}
