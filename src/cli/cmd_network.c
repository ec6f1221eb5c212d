/*
 * cmd_network.c - entente network: the signed, weighted network of the
 * relations between actors, from net cooperation per dyad.
 */
/* command: network 75 the signed network of relations between actors (table, CSV, JSON, Graphviz DOT) */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente network [options]\n\n"
	        "The signed weighted network of the dyads in the store: an edge joins two\n"
	        "actors with at least --min-events events between them (either way); its\n"
	        "sign and weight are the net cooperation (Goldstein sums of cooperation\n"
	        "minus conflict).\n\n"
	        "options:\n"
	        "  --db FILE                      the store (default entente.db)\n"
	        "  --from DATE --to DATE          the time window\n"
	        "  --events-only                  leave relation statements out (by default\n"
	        "                                 each counts +-3 by its polarity, +2 rising,\n"
	        "                                 -4 falling)\n"
	        "  --min-events N                 evidence floor per edge (default 3)\n"
	        "  --format table|csv|json|dot    output (default table; dot for Graphviz)\n"
	        "  -h, --help                     this help\n");
}

/* Builds the network of the dyads: shared with 'balance'. */
int an_network(ent_signed **out, const an_dyads *d, const an_opts *o)
{
	ent_network_opts no;

	memset(&no, 0, sizeof no);
	no.min_events = o->min_events ? o->min_events : 1;
	if (ent_network_build(out, d->totals, d->ntotals, (const char *const *)d->names, d->nnames,
	                      &no)) {
		cli_lib_error();
		return EXIT_FAIL;
	}
	return 0;
}

int cmd_network(int argc, char **argv)
{
	an_opts o;
	ent_store *store = NULL;
	an_dyads dy;
	ent_signed *g = NULL;
	size_t i, m;
	int status = EXIT_OK;

	memset(&dy, 0, sizeof dy);
	if (an_parse(&o, argc, argv, usage, 1, &status))
		return status;
	if ((status = an_open(&store, &o)) != 0)
		return status;
	if ((status = an_load_dyads(&dy, store, NULL, NULL, 2, &o)) != 0 ||
	    (status = an_network(&g, &dy, &o)) != 0)
		goto done;
	m = ent_signed_edge_count(g);
	if (o.format == OUT_DOT)
		printf("graph entente {\n  node [shape=box];\n");
	else if (o.format == OUT_CSV)
		printf("a,b,sign,weight,events\n");
	else if (o.format == OUT_JSON)
		printf("{\"nodes\":%zu,\"edges\":[", ent_signed_node_count(g));
	else
		printf("%zu actors, %zu edges (%zu negative), at least %u events each\n%-10s %-10s %5s %9s %7s\n",
		       ent_signed_node_count(g), m, ent_signed_negative_count(g), o.min_events, "a", "b",
		       "sign", "weight", "events");
	for (i = 0; i < m; i++) {
		const ent_signed_edge *e = ent_signed_edge_at(g, i);
		const char *a = ent_signed_node_name(g, e->a), *b = ent_signed_node_name(g, e->b);

		if (o.format == OUT_DOT)
			printf("  \"%s\" -- \"%s\" [color=%s, penwidth=%.1f, label=\"%+.1f\"];\n", a, b,
			       e->sign > 0 ? "darkgreen" : "red", 1 + (e->weight > 0 ? e->weight : -e->weight) / 10,
			       e->weight);
		else if (o.format == OUT_CSV)
			printf("%s,%s,%d,%.2f,%u\n", a, b, e->sign, e->weight, e->events);
		else if (o.format == OUT_JSON)
			printf("%s{\"a\":\"%s\",\"b\":\"%s\",\"sign\":%d,\"weight\":%.2f,\"events\":%u}", i ? "," : "",
			       a, b, e->sign, e->weight, e->events);
		else
			printf("%-10s %-10s %5s %+9.1f %7u\n", a, b, e->sign > 0 ? "+" : "-", e->weight, e->events);
	}
	if (o.format == OUT_DOT)
		printf("}\n");
	else if (o.format == OUT_JSON)
		printf("]}\n");
done:
	ent_signed_free(g);
	an_dyads_free(&dy);
	ent_store_close(store);
	return status;
}
