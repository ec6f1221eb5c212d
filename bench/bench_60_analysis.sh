#!/bin/sh
# Analysis library: dyad series and dyad totals over ten million generated
# events, the balance measures of the resulting network, blocs, pivots on
# a daily series, and the exact frustration index of every CoW window
# (skipped without ../shared). The timing is done inside the program
# (generation excluded); rates are events (or items) per second.
prog=$(dirname "$BIN")/bench_analysis
if [ ! -x "$prog" ]; then echo "analysis: skipped ($prog not built)"; exit 0; fi
"$prog" 10000000 "$SHARED/data/cow"
