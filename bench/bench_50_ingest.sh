#!/bin/sh
# Ingest throughput: generated event JSON Lines (200,000 events in 40,000
# documents) into a fresh SQLite store.
. bench/lib.sh
ev=$BENCH_TMP/events-200k.jsonl
if [ ! -f "$ev" ]; then
	awk 'BEGIN { srand(7); split("RUS PAK IND CHN USA AFG IRN GBR FRA DEU", a, " ");
	  for (i = 0; i < 200000; i++) { d = int(i / 5); s = a[1 + int(rand() * 10)]; t = a[1 + int(rand() * 10)];
	    printf "{\"kind\":\"event\",\"doc\":\"d%d\",\"sent\":%d,\"sentence\":\"Sentence %d of document %d.\",\"date\":\"2017-%02d-%02d\",\"source\":\"%sGOV\",\"target\":\"%s\",\"code\":\"042\",\"root\":\"04\",\"quad\":1,\"goldstein\":1.9,\"plover\":\"CONSULT\",\"modality\":\"asserted\",\"source_text\":\"%s\",\"target_text\":\"%s\",\"predicate_text\":\"visited\",\"rule\":\"bench\"}\n",
	      d, i % 5, i % 5, d, 1 + int(i / 1000) % 12, 1 + i % 28, s, t, s, t } }' > "$ev"
fi
rm -f "$BENCH_TMP"/ingest.db*
measure "ingest (events, fresh store)" 200000 "$BIN" ingest -q --db "$BENCH_TMP/ingest.db" "$ev" | sed 's/sentences/events/; s/sent\/s/events\/s/'
