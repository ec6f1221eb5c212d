/*
 * cmd_dyad.c - entente dyad A B: the relationship of two actors over time,
 * per day, week, month or year.
 */
/* command: dyad 70 the relationship of two actors over time (events, cooperation, conflict, score) */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "analysis_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente dyad [options] A B\n\n"
	        "The relationship between two actors (country or group roots such as RUS,\n"
	        "PAK, IGOUNO) over time, from the events in the store, both directions:\n"
	        "events per QuadClass (verbal and material cooperation, verbal and material\n"
	        "conflict), the Goldstein sums of cooperation and conflict, net cooperation,\n"
	        "and the decayed relationship score (half-life 30 days).\n\n"
	        "options:\n"
	        "  --db FILE                   the store (default entente.db)\n"
	        "  --by day|week|month|year    the period of a row (default month)\n"
	        "  --from DATE --to DATE       the time window\n"
	        "  --events-only               leave relation statements out\n"
	        "  --format table|csv|json     output (default table)\n"
	        "  -h, --help                  this help\n");
}

int cmd_dyad(int argc, char **argv)
{
	an_opts o;
	ent_store *store = NULL;
	an_dyads dy;
	ent_series *series = NULL;
	ent_series_opts so;
	const ent_dyad_bin *bins;
	size_t i, n;
	int status = EXIT_OK;

	memset(&dy, 0, sizeof dy);
	if (an_parse(&o, argc, argv, usage, 0, &status))
		return status;
	if (o.nargs != 2) {
		cli_error("dyad needs two actors, e.g. 'entente dyad RUS PAK'");
		return EXIT_USAGE;
	}
	if ((status = an_open(&store, &o)) != 0)
		return status;
	if ((status = an_load_dyads(&dy, store, o.args[0], o.args[1], 0, &o)) != 0)
		goto done;
	memset(&so, 0, sizeof so);
	so.period = (ent_period)ent_period_parse(o.by);
	so.from = o.from == LONG_MIN ? ENT_DAY_UNSET : (int32_t)o.from;
	so.to = o.to == LONG_MAX ? ENT_DAY_UNSET : (int32_t)o.to;
	if (dy.events == 0) {
		cli_error("no events between %s and %s in %s", o.args[0], o.args[1], o.db);
		status = EXIT_FAIL;
		goto done;
	}
	if (ent_series_build_days(&series, dy.days, dy.ndays, NULL, 0, &so)) {
		cli_lib_error();
		status = EXIT_FAIL;
		goto done;
	}
	bins = ent_series_bins(series);
	n = ent_series_len(series);
	if (o.format == OUT_CSV)
		printf("period,start,end,events,verbal_coop,material_coop,verbal_conflict,material_conflict,coop,conflict,net,score\n");
	else if (o.format == OUT_TABLE)
		printf("%s-%s by %s (%llu events)\n%-12s %6s %5s %5s %5s %5s %8s %8s %8s %8s\n", o.args[0], o.args[1],
		       o.by, dy.events, "period", "events", "vcoop", "mcoop", "vconf", "mconf", "coop", "conflict",
		       "net", "score");
	else
		printf("[");
	for (i = 0; i < n; i++) {
		const ent_dyad_bin *b = &bins[i];
		char label[32], s0[11], s1[11];

		ent_period_label(label, so.period, b->start);
		an_day(s0, b->start);
		an_day(s1, b->end);
		if (o.format == OUT_CSV)
			printf("%s,%s,%s,%u,%u,%u,%u,%u,%.2f,%.2f,%.2f,%.3f\n", label, s0, s1, b->count,
			       b->quad[0], b->quad[1], b->quad[2], b->quad[3], b->coop, b->conflict, b->net,
			       b->score);
		else if (o.format == OUT_JSON)
			printf("%s{\"period\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"events\":%u,\"quad\":[%u,%u,%u,%u],"
			       "\"coop\":%.2f,\"conflict\":%.2f,\"net\":%.2f,\"score\":%.3f}",
			       i ? "," : "", label, s0, s1, b->count, b->quad[0], b->quad[1], b->quad[2],
			       b->quad[3], b->coop, b->conflict, b->net, b->score);
		else if (b->count || o.format == OUT_TABLE)
			printf("%-12s %6u %5u %5u %5u %5u %8.1f %8.1f %+8.1f %+8.2f\n", label, b->count,
			       b->quad[0], b->quad[1], b->quad[2], b->quad[3], b->coop, b->conflict, b->net,
			       b->score);
	}
	if (o.format == OUT_JSON)
		printf("]\n");
done:
	ent_series_free(series);
	an_dyads_free(&dy);
	ent_store_close(store);
	return status;
}
