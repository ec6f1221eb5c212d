/*
 * cmd_explain.c - entente explain A B: the dated timeline of the events
 * and relation statements between two actors, with their sentences.
 */
/* command: explain 95 the events and relation statements between two actors, with their sentences */
#include <string.h>

#include "analysis_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente explain [options] A B\n\n"
	        "Every event and relation statement between two actors (both directions),\n"
	        "in date order, with its code, the words that made it, and its sentence:\n"
	        "the evidence behind what 'dyad', 'network' and 'balance' say.\n\n"
	        "options:\n"
	        "  --db FILE                 the store (default entente.db)\n"
	        "  --from DATE --to DATE     the time window\n"
	        "  --format table|csv|json   output (default table)\n"
	        "  -h, --help                this help\n");
}

typedef struct explain_ctx {
	out_format format;
	long rows;
	ent_buf line;
} explain_ctx;

static int on_row(const ent_store_row *r, void *ctx)
{
	explain_ctx *x = ctx;
	char day[11];
	const char *sentence = r->sentence ? r->sentence : "";
	const char *words = r->predicate_text ? r->predicate_text : "";

	an_day(day, r->day);
	ent_buf_clear(&x->line);
	if (x->format == OUT_TABLE) {
		if (r->relation)
			ent_buf_printf(&x->line, "%s  %s~%s  relation %+d %s  [%s]\n    %s\n", day, r->source,
			               r->target, r->polarity,
			               r->trend == ENT_TREND_NONE ? "" : ent_trend_name(r->trend),
			               words, sentence);
		else
			ent_buf_printf(&x->line, "%s  %s>%s  %s  [%s]  %s:%d\n    %s\n", day, r->source, r->target,
			               r->code, words, r->doc, r->sent, sentence);
	} else if (x->format == OUT_CSV) {
		ent_buf_printf(&x->line, "%s,%s,%s,%s,%s,%d,", day, r->relation ? "relation" : "event",
		               r->source, r->target, r->relation ? "" : r->code, r->relation ? r->polarity : r->quad);
		ent_buf_put_json_string(&x->line, words, strlen(words));
		ent_buf_putc(&x->line, ',');
		ent_buf_put_json_string(&x->line, r->doc, strlen(r->doc));
		ent_buf_printf(&x->line, ",%d,", r->sent);
		ent_buf_put_json_string(&x->line, sentence, strlen(sentence));
		ent_buf_putc(&x->line, '\n');
	} else {
		ent_buf_printf(&x->line, "{\"date\":\"%s\",\"kind\":\"%s\",\"source\":\"%s\",\"target\":\"%s\","
		               "\"code\":\"%s\",\"doc\":", day, r->relation ? "relation" : "event", r->source,
		               r->target, r->relation ? "" : r->code);
		ent_buf_put_json_string(&x->line, r->doc, strlen(r->doc));
		ent_buf_printf(&x->line, ",\"sent\":%d,\"words\":", r->sent);
		ent_buf_put_json_string(&x->line, words, strlen(words));
		ent_buf_puts(&x->line, ",\"sentence\":");
		ent_buf_put_json_string(&x->line, sentence, strlen(sentence));
		ent_buf_puts(&x->line, "}\n");
	}
	x->rows++;
	return cli_write(&x->line) ? 1 : 0;
}

int cmd_explain(int argc, char **argv)
{
	an_opts o;
	ent_store *store = NULL;
	ent_store_query q;
	explain_ctx x;
	int status = EXIT_OK;

	if (an_parse(&o, argc, argv, usage, 0, &status))
		return status;
	if (o.nargs != 2) {
		cli_error("explain needs two actors, e.g. 'entente explain RUS PAK'");
		return EXIT_USAGE;
	}
	if ((status = an_open(&store, &o)) != 0)
		return status;
	memset(&q, 0, sizeof q);
	memset(&x, 0, sizeof x);
	ent_buf_init(&x.line, 0);
	x.format = o.format;
	q.a = o.args[0];
	q.b = o.args[1];
	q.both_ways = 1;
	q.from_day = o.from;
	q.to_day = o.to;
	q.all_modalities = 1;
	q.with_relations = 1;
	if (o.format == OUT_CSV)
		printf("date,kind,source,target,code,quad_or_polarity,words,doc,sent,sentence\n");
	if (ent_store_each(store, &q, on_row, &x)) {
		cli_lib_error();
		status = EXIT_FAIL;
	} else if (x.rows == 0 && o.format == OUT_TABLE) {
		printf("no events or relation statements between %s and %s\n", o.args[0], o.args[1]);
	}
	ent_buf_free(&x.line);
	ent_store_close(store);
	return status;
}
