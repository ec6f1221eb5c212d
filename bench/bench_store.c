/*
 * bench_store.c - builds the store that bench/bench_70_store.sh times
 * `entente dyad` and `entente balance` on (built by make bench).
 *
 * Usage: bench_store DB [EVENTS]
 *
 * Writes EVENTS (default 10 million) generated events through the store
 * API (what `entente ingest` does after reading JSON), five to a
 * document, in date order over ten years (2010-2019), with one relation
 * statement for every twenty events. The spread is skewed as news is: 150
 * actor roots, 2,500 dyads drawn towards a few big actors, dyads used
 * with a skewed frequency (of ten million events the busiest dyad has
 * 36,000, and 6 million dyad-days hold at least one event);
 * two camps by actor parity, friendly inside and hostile across, a few
 * dyads against their camps; CAMEO codes with their Goldstein scores and
 * QuadClasses around each dyad's tone; one event in ten not asserted.
 * Prints the busiest dyad ("A B") on stdout. A store that already holds
 * EVENTS events is kept as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/entente.h"

#define BENCH_NAME "bench_store"
#include "bench_util.h"

enum { ACTORS = 150, DYADS = 2500 };

static const struct { const char *code; int quad; double g; } codes[] = {
	{"042", 1, 1.9}, {"043", 1, 2.8}, {"051", 1, 3.4}, {"057", 2, 8.0}, {"061", 2, 6.4},
	{"071", 2, 7.4}, {"111", 3, -2.0}, {"112", 3, -2.0}, {"130", 3, -4.4}, {"138", 3, -7.0},
	{"163", 4, -8.0}, {"173", 4, -5.0}, {"190", 4, -10.0}, {"195", 4, -10.0},
};

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "bench-store.db";
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 10000000, i;
	static uint32_t dyad_a[DYADS], dyad_b[DYADS];
	static int dyad_tone[DYADS];
	static char names[ACTORS][4];
	static const char *const agents[] = {"", "GOV", "MIL", "GOV", "", "LEG", "MED"};
	const int32_t first = 14610;  /* 2010-01-01 */
	const long span = 3652;       /* ten years */
	ent_store *s;
	ent_store_counts c;
	char doc[32], sentence[64], src[16], tgt[16];

	for (i = 0; i < ACTORS; i++)
		snprintf(names[i], sizeof names[i], "%c%c%c", 'A' + (int)(i / 26 / 26 % 26),
		         'A' + (int)(i / 26 % 26), 'A' + (int)(i % 26));
	bench_dyads(dyad_a, dyad_b, dyad_tone, DYADS, ACTORS);
	printf("%s %s\n", names[dyad_a[0]], names[dyad_b[0]]);
	fflush(stdout);
	if (ent_store_open(&s, path))
		fail(path);
	if (ent_store_counts_get(s, &c))
		fail("counting");
	if (c.events + c.relations >= n) {
		ent_store_close(s);
		return 0;
	}
	if (c.events && ent_store_close(s) == 0) {
		fprintf(stderr, "bench_store: %s holds %lld events, not %ld: remove it first\n", path,
		        c.events, n);
		return 1;
	}
	if (ent_store_load_begin(s) || ent_store_begin(s))
		fail("begin");
	for (i = 0; i < n; i++) {
		uint32_t d = rnd() % DYADS * (rnd() % DYADS) / DYADS, r = rnd();
		long day = first + (long)((uint64_t)i * (uint64_t)span / (uint64_t)n);
		int k = (int)(r % 7), friendly = dyad_tone[d] > 0;
		int flip = r >> 3 & 1, which;
		ent_date date;

		/* mostly the dyad's tone, one in five the other way */
		which = (friendly != ((r >> 4) % 5 == 0)) ? (int)(r >> 8) % 6 : 6 + (int)(r >> 8) % 8;
		{
			int y, m, md;

			ent_day_civil((int32_t)day, &y, &m, &md);
			memset(&date, 0, sizeof date);
			date.year = (int16_t)y;
			date.month = (int8_t)m;
			date.day = (int8_t)md;
			date.precision = ENT_DATE_DAY;
		}
		snprintf(doc, sizeof doc, "g%ld", i / 5);
		snprintf(sentence, sizeof sentence, "Sentence %ld of generated document %ld.", i % 5, i / 5);
		snprintf(src, sizeof src, "%s%s", names[flip ? dyad_b[d] : dyad_a[d]], agents[k]);
		snprintf(tgt, sizeof tgt, "%s%s", names[flip ? dyad_a[d] : dyad_b[d]], agents[(k + 3) % 7]);
		if (i % 20 == 19) {
			ent_relation rel;

			memset(&rel, 0, sizeof rel);
			rel.a = src;
			rel.b = tgt;
			rel.sent = (uint32_t)(i % 5);
			rel.polarity = friendly ? 1 : -1;
			rel.trend = (int)(r >> 12) % 3;
			rel.date = date;
			rel.rule = "bench";
			if (ent_store_put_relation(s, doc, sentence, "relations", &rel))
				fail("relation");
		} else {
			ent_event e;

			memset(&e, 0, sizeof e);
			e.source = src;
			e.target = tgt;
			snprintf(e.code, sizeof e.code, "%s", codes[which].code);
			snprintf(e.root, sizeof e.root, "%.2s", codes[which].code);
			e.quad = codes[which].quad;
			e.goldstein = codes[which].g;
			e.plover = "BENCH";
			e.date = date;
			e.modality = (r >> 16) % 10 == 0 ? ENT_MOD_HEDGED : ENT_MOD_ASSERTED;
			e.sent = (uint32_t)(i % 5);
			e.rule = "bench";
			if (ent_store_put_event(s, doc, sentence, names[dyad_a[d]], names[dyad_b[d]], "met", &e))
				fail("event");
		}
		if (i % 100000 == 99999) {
			if (ent_store_commit(s) || ent_store_begin(s))
				fail("commit");
			if (i % 1000000 == 999999)
				fprintf(stderr, "bench_store: %ld events\n", i + 1);
		}
	}
	if (ent_store_commit(s) || ent_store_index(s))
		fail("commit");
	if (ent_store_close(s))
		fail("close");
	return 0;
}
