/*
 * cmd_balance.c - entente balance: structural balance of the signed
 * network: triangle census, triangle and walk balance, the exact
 * frustration index with the frustrated ties, signed blocs, and the
 * balancers (the apex of each (+,+,-) triangle) with the events behind
 * each tie.
 */
/* command: balance 80 structural balance: triangles, frustration, blocs and who balances whom */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_cli.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: entente balance [options]\n\n"
	        "Structural balance of the network that 'entente network' prints: the signed\n"
	        "triangle census, triangle balance (share of balanced triangles), walk\n"
	        "balance, the exact frustration index (GLPK) with the ties under strain,\n"
	        "signed blocs (igraph spinglass with negative links), and the balancers: the\n"
	        "apex of each (+,+,-) triangle (\"RUS balances IND and PAK\"), each with the\n"
	        "words of the events behind its ties ('entente explain A B' shows them all).\n\n"
	        "options:\n"
	        "  --db FILE               the store (default entente.db)\n"
	        "  --from DATE --to DATE   the time window\n"
	        "  --min-events N          evidence floor per tie (default 3)\n"
	        "  --events-only           leave relation statements out\n"
	        "  --format table|json     output (default table)\n"
	        "  -h, --help              this help\n");
}

/* Prints a few events behind the tie a-b. */
static void evidence(ent_store *store, const char *a, const char *b, const an_opts *o)
{
	an_evidence(store, a, b, o->from, o->to, 3, o);
}

int cmd_balance(int argc, char **argv)
{
	an_opts o;
	ent_store *store = NULL;
	an_dyads dy;
	ent_signed *g = NULL;
	ent_triangle_census tc;
	ent_frustration *fr = NULL;
	ent_blocs *blocs = NULL;
	ent_blocs_opts bo;
	ent_balancer *bal = NULL;
	size_t nbal = 0, i;
	double walk = 0;
	int status = EXIT_OK, b;

	memset(&dy, 0, sizeof dy);
	if (an_parse(&o, argc, argv, usage, 0, &status))
		return status;
	if ((status = an_open(&store, &o)) != 0)
		return status;
	if ((status = an_load_dyads(&dy, store, NULL, NULL, 2, &o)) != 0 ||
	    (status = an_network(&g, &dy, &o)) != 0)
		goto done;
	memset(&bo, 0, sizeof bo);
	bo.method = ENT_BLOCS_SPINGLASS;
	if (ent_signed_triangles(&tc, g) || ent_signed_walk_balance(&walk, g) ||
	    ent_signed_frustration(&fr, g, NULL) || ent_signed_balancers(&bal, &nbal, g) ||
	    (ent_signed_edge_count(g) && ent_signed_blocs(&blocs, g, &bo))) {
		cli_lib_error();
		status = EXIT_FAIL;
		goto done;
	}
	if (o.format == OUT_JSON) {
		printf("{\"actors\":%zu,\"ties\":%zu,\"negative\":%zu,\"triangles\":{\"ppp\":%zu,\"ppn\":%zu,"
		       "\"pnn\":%zu,\"nnn\":%zu},\"triangle_balance\":%.4f,\"walk_balance\":%.4f,"
		       "\"frustration\":%zu,\"frustration_optimal\":%s,\"balancers\":[",
		       ent_signed_node_count(g), ent_signed_edge_count(g), ent_signed_negative_count(g), tc.ppp,
		       tc.ppn, tc.pnn, tc.nnn, tc.balance, walk, fr->index, fr->optimal ? "true" : "false");
		for (i = 0; i < nbal; i++)
			printf("%s{\"apex\":\"%s\",\"a\":\"%s\",\"b\":\"%s\",\"strength\":%.2f}", i ? "," : "",
			       ent_signed_node_name(g, bal[i].apex), ent_signed_node_name(g, bal[i].a),
			       ent_signed_node_name(g, bal[i].b), bal[i].strength);
		printf("],\"blocs\":[");
		for (b = 0; blocs && b < blocs->nblocs; b++) {
			size_t k, first = 1;

			printf("%s[", b ? "," : "");
			for (k = 0; k < blocs->nnodes; k++)
				if (blocs->member[k] == b) {
					printf("%s\"%s\"", first ? "" : ",", ent_signed_node_name(g, k));
					first = 0;
				}
			printf("]");
		}
		printf("]}\n");
		goto done;
	}
	printf("network: %zu actors, %zu ties (%zu negative), at least %u events a tie\n",
	       ent_signed_node_count(g), ent_signed_edge_count(g), ent_signed_negative_count(g),
	       o.min_events);
	printf("triangles: %zu (+++ %zu, ++- %zu, +-- %zu, --- %zu); balanced share %.3f\n", tc.total,
	       tc.ppp, tc.ppn, tc.pnn, tc.nnn, tc.balance);
	printf("walk balance: %.3f (1 = fully balanced)\n", walk);
	printf("frustration index: %zu%s (ties to flip for perfect balance; normalised %.3f)\n",
	       fr->index, fr->optimal ? "" : " (not proven minimal: time limit)", fr->normalised);
	for (i = 0; i < fr->nedges; i++) {
		const ent_signed_edge *e = ent_signed_edge_at(g, fr->edges[i]);

		printf("    under strain: %s-%s (%+.1f)\n", ent_signed_node_name(g, e->a),
		       ent_signed_node_name(g, e->b), e->weight);
	}
	if (blocs) {
		printf("blocs: %d\n", blocs->nblocs);
		for (b = 0; b < blocs->nblocs; b++) {
			size_t k;

			printf("    %d:", b + 1);
			for (k = 0; k < blocs->nnodes; k++)
				if (blocs->member[k] == b)
					printf(" %s", ent_signed_node_name(g, k));
			printf("\n");
		}
	}
	printf("balancers (apex of a +,+,- triangle): %zu\n", nbal);
	for (i = 0; i < nbal; i++) {
		char line[256];
		const char *apex = ent_signed_node_name(g, bal[i].apex);
		const char *a = ent_signed_node_name(g, bal[i].a), *bb = ent_signed_node_name(g, bal[i].b);

		ent_balancer_describe(line, sizeof line, g, &bal[i]);
		printf("  %s\n", line);
		printf("    %s-%s:\n", apex, a);
		evidence(store, apex, a, &o);
		printf("    %s-%s:\n", apex, bb);
		evidence(store, apex, bb, &o);
		printf("    %s-%s:\n", a, bb);
		evidence(store, a, bb, &o);
	}
done:
	free(bal);
	ent_blocs_free(blocs);
	ent_frustration_free(fr);
	ent_signed_free(g);
	an_dyads_free(&dy);
	ent_store_close(store);
	return status;
}
