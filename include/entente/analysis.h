/*
 * analysis.h - relations between states: dyadic series, signed networks,
 * structural balance, blocs, changepoints and trends.
 *
 * Pure functions over arrays the caller hands in (events or per-day
 * aggregates read from the store, or edge lists); nothing here reads files
 * or prints. The methods and their sources are in the project's research
 * note on relations methods (docs/reference/relations-methods.md):
 *
 *   series.c       dyadic aggregates per day/week/month/year (section 1.3),
 *                  the decayed relationship score (2.7), dyad totals and the
 *                  signed network built from them;
 *   signed.c       signed graphs: triangle census, triangle and walk
 *                  balance (2.2, 2.3), balancers (apex of (+,+,-) triangles);
 *   frustration.c  the exact frustration index as a binary program (2.4);
 *   blocs.c        signed blocs: spinglass with negative links, or
 *                  Doreian-Mrvar relocation (2.5);
 *   changepoint.c  PELT with the MBIC penalty (3.1), Mann-Kendall with
 *                  Sen's slope (3.5).
 *
 * Days are counted since 1970-01-01 (ent_date_days). Results returned
 * through **out belong to the caller and are released with the matching
 * _free (NULL-safe); pointers returned as values are borrowed from the
 * object they were read from.
 */
#ifndef ENTENTE_ANALYSIS_H
#define ENTENTE_ANALYSIS_H

#include "common.h"

/* ---------------------------------------------------------------------
 * Events and dyadic series (series.c)
 * ------------------------------------------------------------------- */

/* One coded event as the analysis reads it: 20 bytes, no pointers, so
 * that ten million of them aggregate in one pass over a flat array.
 * source and target index the caller's table of actor codes (only the
 * network functions read them). */
typedef struct ent_event_obs {
	int32_t day;       /* days since 1970-01-01 */
	uint32_t source;   /* actor index */
	uint32_t target;   /* actor index */
	float goldstein;   /* -10 .. +10 */
	int8_t quad;       /* QuadClass 1-4; 0 when unknown (counted in the total only) */
} ent_event_obs;

/* Events of one dyad on one day, pre-aggregated (what the store keeps).
 * Aggregating per day loses nothing the series needs: every measure,
 * including the decayed score, has day resolution. */
typedef struct ent_dyad_day {
	int32_t day;
	uint32_t count;     /* all events (>= the sum of quad[]) */
	uint32_t quad[4];   /* events per QuadClass 1-4 */
	double coop;        /* sum of Goldstein over events with g > 0 */
	double conflict;    /* sum of |g| over events with g < 0 (>= 0) */
} ent_dyad_day;

/* All events (any dyad) on one day: the denominator of the share. */
typedef struct ent_day_count {
	int32_t day;
	uint32_t count;
} ent_day_count;

/* A growing table of events with their actor codes interned to indices:
 * what the commands fill from the store's rows (ent_store_each) before
 * calling the functions below. Storage doubles as it grows; nothing is
 * allocated per event, and a code is copied once per distinct actor. */
typedef struct ent_event_table ent_event_table;

int ent_event_table_new(ent_event_table **out);
void ent_event_table_free(ent_event_table *table);
/* Appends an event. ENT_EINVALID for a day outside 32 bits, a QuadClass
 * outside 0-4, a non-finite score or an empty code; ENT_ENOMEM. */
int ent_event_table_add(ent_event_table *table, long day, const char *source,
                        const char *target, int quad, double goldstein);
size_t ent_event_table_len(const ent_event_table *table);
/* The events in order of addition; borrowed, valid until the next add. */
const ent_event_obs *ent_event_table_events(const ent_event_table *table);
size_t ent_event_table_actor_count(const ent_event_table *table);
/* Actor codes by index (the names of ent_network_build); borrowed, valid
 * until the next add. */
const char *const *ent_event_table_actors(const ent_event_table *table);
/* Index of an actor code, or -1. */
long ent_event_table_find_actor(const ent_event_table *table, const char *code);

typedef enum ent_period {
	ENT_PERIOD_DAY = 0,
	ENT_PERIOD_WEEK,    /* ISO weeks, Monday to Sunday */
	ENT_PERIOD_MONTH,
	ENT_PERIOD_YEAR
} ent_period;

/* A day value meaning "not given" (from/to taken from the data). */
#define ENT_DAY_UNSET INT32_MIN
/* Default half-life of the decayed relationship score, in days. */
#define ENT_HALF_LIFE_DEFAULT 30.0
/* Longest series range accepted, in days (about 547 years). */
#define ENT_SERIES_MAX_DAYS 200000

/* "day", "week", "month", "year" -> period; -1 when unknown. */
int ent_period_parse(const char *name);
const char *ent_period_name(ent_period period);
/* First day of the period that contains day. */
int32_t ent_period_start(ent_period period, int32_t day);
/* Label of the period that contains day into out (at least 11 bytes):
 * YYYY-MM-DD for days and weeks (the Monday), YYYY-MM, YYYY; "" for
 * years outside 0-9999. */
void ent_period_label(char *out, ent_period period, int32_t day);
/* Days since 1970-01-01 -> year, month (1-12), day (1-31). */
void ent_day_civil(int32_t day, int *year, int *month, int *mday);

typedef struct ent_series_opts {
	ent_period period;
	int32_t from, to;   /* inclusive day range; ENT_DAY_UNSET: from the data */
	double half_life;   /* days; <= 0: ENT_HALF_LIFE_DEFAULT */
} ent_series_opts;

/* One bin of a dyadic series. Goldstein mass is split by sign: coop sums
 * the positive scores, conflict the magnitudes of the negative ones, and
 * net = coop - conflict (the Goldstein sum, "net cooperation"). */
typedef struct ent_dyad_bin {
	int32_t start, end;    /* first and last day of the bin (clipped to from/to) */
	uint32_t count;        /* events */
	uint32_t quad[4];      /* events per QuadClass: verbal coop, material
	                          coop, verbal conflict, material conflict */
	double coop;           /* sum of g > 0 */
	double conflict;       /* sum of |g| for g < 0 */
	double net;            /* coop - conflict */
	double share;          /* count / all events in the bin; 0 when the bin
	                          has none; NAN when no totals were given */
	double decay_coop;     /* decayed cooperation as of the bin's last day */
	double decay_conflict; /* decayed conflict as of the bin's last day */
	double score;          /* decay_coop - decay_conflict */
} ent_dyad_bin;

typedef struct ent_series ent_series;

/* Bins the events of one dyad (the caller passes the events it wants in
 * the dyad: one direction or both) into consecutive periods from opts->from
 * to opts->to, empty periods included. totals, when not NULL, gives the
 * number of all events per day (any order, days may repeat) for the share.
 * Events after `to` are ignored; events before `from` enter only the
 * decayed score.
 *
 * The decayed score (research note 2.7) of a bin ending on day t is
 *   sum over events e with day_e <= t of g_e * 2^(-(t - day_e) / half_life)
 * kept separately for cooperative and conflictual mass. Cost: one pass
 * over the events plus one over the days; no allocation per event.
 *
 * Fails with ENT_EINVALID for a bad option or from > to, ENT_ELIMIT when
 * the range exceeds ENT_SERIES_MAX_DAYS, ENT_ENOMEM. With no events and
 * no range given the series is empty. */
int ent_series_build(ent_series **out, const ent_event_obs *events, size_t n,
                     const ent_day_count *totals, size_t ntotals,
                     const ent_series_opts *opts);
/* The same from per-day aggregates of the dyad (days in any order, may
 * repeat: they add up). */
int ent_series_build_days(ent_series **out, const ent_dyad_day *days, size_t n,
                          const ent_day_count *totals, size_t ntotals,
                          const ent_series_opts *opts);
void ent_series_free(ent_series *series);

size_t ent_series_len(const ent_series *series);
/* The bins, in time order; borrowed from the series. */
const ent_dyad_bin *ent_series_bins(const ent_series *series);
ent_period ent_series_period(const ent_series *series);

/* Decayed cooperation and conflict of a set of events as of day `day`
 * (events after it are ignored). Either output may be NULL. */
void ent_decay_state(const ent_event_obs *events, size_t n, int32_t day,
                     double half_life, double *coop, double *conflict);

/* ---------------------------------------------------------------------
 * Dyad totals and the signed network (series.c)
 * ------------------------------------------------------------------- */

/* Totals of one undirected dyad (both directions summed), a < b. */
typedef struct ent_dyad_total {
	uint32_t a, b;      /* actor indices, a < b */
	uint32_t count;
	uint32_t quad[4];
	double coop, conflict;  /* as in ent_dyad_bin */
	double net;
} ent_dyad_total;

/* Sums the events with from <= day <= to (ENT_DAY_UNSET: unbounded) per
 * undirected dyad. Events of an actor with itself are skipped. *out is an
 * ent_malloc'd array of *nout dyads sorted by (a, b); release with
 * ent_free. One pass over the events through an open-addressing table. */
int ent_dyad_totals(ent_dyad_total **out, size_t *nout,
                    const ent_event_obs *events, size_t n,
                    int32_t from, int32_t to);

typedef struct ent_signed ent_signed;

typedef struct ent_network_opts {
	uint32_t min_events;  /* evidence floor: fewer events, no edge; 0: 3 */
	double min_net;       /* |net| must exceed this (>= 0; default 0) */
} ent_network_opts;

/* Builds the signed weighted network of the dyads: one edge per dyad with
 * at least min_events events and |net| > min_net, weight = net (its sign
 * is the edge's sign), ent_signed_edge.events = count. names[i] is the
 * code of actor i (nnames of them); only actors on an edge become nodes.
 * opts may be NULL. Fails with ENT_EINVALID on an actor index out of
 * range. */
int ent_network_build(ent_signed **out, const ent_dyad_total *dyads, size_t n,
                      const char *const *names, size_t nnames,
                      const ent_network_opts *opts);

/* ---------------------------------------------------------------------
 * Signed graphs (signed.c)
 * ------------------------------------------------------------------- */

typedef struct ent_signed_edge {
	uint32_t a, b;     /* node ids, a < b */
	int sign;          /* +1 or -1 */
	double weight;     /* signed weight; its sign is `sign` */
	uint32_t events;   /* events behind the edge (0 when not from events) */
	size_t tag;        /* caller's key (ent_network_build: the dyad's index) */
} ent_signed_edge;

/* An empty undirected signed graph. */
int ent_signed_new(ent_signed **out);
void ent_signed_free(ent_signed *graph);

/* Adds the edge a-b with a non-zero weight whose sign is the edge's sign
 * (+1/-1 for a plain signed graph). Nodes are created by code on first
 * use, numbered from 0 in order of appearance; edges are numbered in order
 * of addition. A self-loop, a zero or non-finite weight and an edge given
 * twice fail with ENT_EINVALID (the graph is unchanged). */
int ent_signed_add_edge(ent_signed *graph, const char *a, const char *b,
                        double weight);
/* As ent_signed_add_edge, also recording events and tag on the edge. */
int ent_signed_add_edge_ex(ent_signed *graph, const char *a, const char *b,
                           double weight, uint32_t events, size_t tag);

size_t ent_signed_node_count(const ent_signed *graph);
size_t ent_signed_edge_count(const ent_signed *graph);
size_t ent_signed_negative_count(const ent_signed *graph);
/* Code of node i; borrowed. */
const char *ent_signed_node_name(const ent_signed *graph, size_t node);
/* Node id of a code, or -1. */
long ent_signed_find_node(const ent_signed *graph, const char *code);
/* Edge e; borrowed. */
const ent_signed_edge *ent_signed_edge_at(const ent_signed *graph, size_t edge);
/* Edge id between two nodes, or -1. */
long ent_signed_find_edge(const ent_signed *graph, size_t a, size_t b);

/* Undirected signed triangle census (research note 2.2). balance is the
 * triangle balance (+++ and +-- over all triangles), NAN without
 * triangles. */
typedef struct ent_triangle_census {
	size_t ppp, ppn, pnn, nnn;
	size_t total;
	double balance;
} ent_triangle_census;

int ent_signed_triangles(ent_triangle_census *out, const ent_signed *graph);

/* Walk balance K = Tr e^A / Tr e^|A| (Estrada-Benzi) over the signs
 * (weights ignored), from the eigenvalues of the dense n x n matrices
 * (GSL; O(n^3)); 1 for a graph without edges. ENT_ELIMIT above 5000
 * nodes. */
int ent_signed_walk_balance(double *out, const ent_signed *graph);

/* A balancer: apex has positive edges to a and to b, which are joined by
 * a negative edge - the apex of a (+,+,-) triangle ("RUS balances IND and
 * PAK"). a and b are ordered by code. */
typedef struct ent_balancer {
	uint32_t apex, a, b;       /* node ids */
	size_t edge_a, edge_b;     /* edge ids apex-a, apex-b (positive) */
	size_t edge_ab;            /* edge id a-b (negative) */
	double strength;           /* min(|w(apex,a)|, |w(apex,b)|, |w(a,b)|) */
} ent_balancer;

/* Every (+,+,-) triangle as a balancer, strongest first (ties: by apex,
 * a, b code). *out is ent_malloc'd (ent_free); NULL when none. */
int ent_signed_balancers(ent_balancer **out, size_t *nout,
                         const ent_signed *graph);
/* "RUS balances IND and PAK" into out (truncated to size); returns the
 * length it needed, as snprintf. */
int ent_balancer_describe(char *out, size_t size, const ent_signed *graph,
                          const ent_balancer *balancer);

/* ---------------------------------------------------------------------
 * Exact frustration index (frustration.c)
 * ------------------------------------------------------------------- */

typedef struct ent_frustration_opts {
	double time_limit;  /* seconds; <= 0: 60 */
} ent_frustration_opts;

typedef struct ent_frustration {
	size_t index;       /* L: frustrated edges of the best 2-colouring found */
	int optimal;        /* 1 when proven minimal, 0 when the time ran out */
	size_t nedges;      /* = index */
	size_t *edges;      /* ids of the frustrated edges, ascending */
	size_t nnodes;
	int *side;          /* 0/1 group of each node in that colouring */
	double normalised;  /* 1 - L / (m / 2); 1 without edges */
	double seconds;     /* solver time */
} ent_frustration;

/* The frustration index: the least number of edges whose removal makes
 * the graph balanced, with the frustrated edges of one optimal 2-group
 * partition (research note 2.4). Solves the binary program min sum f_e
 * over node colours x_i and edge flags f_e (positive edge: f >= |x_i -
 * x_j|; negative: f >= x_i + x_j - 1 and f >= 1 - x_i - x_j) with GLPK's
 * branch and cut, strengthened by "an unbalanced triangle has a frustrated
 * edge" rows and odd-cycle cuts separated at every node, one colour fixed
 * per component, and a local-search incumbent. GLPK's terminal output is
 * silenced and its fatal errors are caught (ENT_ENOMEM, never an abort;
 * GLPK's environment of the thread is then freed). When the time limit
 * passes first, the best colouring found is returned with optimal = 0.
 * Solves each CoW window in well under 0.1 s. opts may be NULL. */
int ent_signed_frustration(ent_frustration **out, const ent_signed *graph,
                           const ent_frustration_opts *opts);
void ent_frustration_free(ent_frustration *frustration);

/* ---------------------------------------------------------------------
 * Signed blocs (blocs.c)
 * ------------------------------------------------------------------- */

typedef enum ent_blocs_method {
	ENT_BLOCS_SPINGLASS = 0, /* Traag-Bruggeman Potts model with negative
	                            links (igraph spinglass, "neg"), per component */
	ENT_BLOCS_RELOCATE       /* Doreian-Mrvar: k blocs minimising
	                            alpha*N + (1-alpha)*P by relocation */
} ent_blocs_method;

typedef struct ent_blocs_opts {
	ent_blocs_method method;
	int k;              /* relocate: blocs (0: 2); spinglass: most spins (0: 25) */
	double alpha;       /* relocate: weight of negative ties within (0: 0.5) */
	double gamma;       /* spinglass: gamma for positive links (0: 1) */
	double gamma_minus; /* spinglass: gamma for negative links (0: 1) */
	int restarts;       /* relocate: random starts (0: 50) */
	int weighted;       /* use |weight| instead of 1 per edge */
	unsigned long seed; /* random seed (0: 42); same seed, same blocs */
} ent_blocs_opts;

typedef struct ent_blocs {
	size_t nnodes;
	int *member;          /* bloc of each node; blocs numbered 0.. by size,
	                         largest first (ties: lowest node id) */
	int nblocs;
	size_t neg_within;    /* negative edges inside a bloc */
	size_t pos_between;   /* positive edges between blocs */
	double criterion;     /* alpha*neg_within + (1-alpha)*pos_between,
	                         over |weights| when weighted */
} ent_blocs;

/* Partitions the nodes into signed blocs: positive ties inside, negative
 * between. Isolated nodes are blocs of their own. Spinglass uses
 * igraph's random numbers, seeded with opts->seed; igraph's errors are
 * returned (never its abort handler), its warnings silenced. opts may be
 * NULL (spinglass defaults). */
int ent_signed_blocs(ent_blocs **out, const ent_signed *graph,
                     const ent_blocs_opts *opts);
void ent_blocs_free(ent_blocs *blocs);

/* ---------------------------------------------------------------------
 * Changepoints and trends (changepoint.c)
 * ------------------------------------------------------------------- */

typedef enum ent_cpt_cost {
	ENT_CPT_NORMAL_MEAN = 0, /* change in mean, normal errors, variance fixed */
	ENT_CPT_POISSON          /* change in rate of counts (values >= 0) */
} ent_cpt_cost;

typedef struct ent_pelt_opts {
	ent_cpt_cost cost;
	double penalty;     /* per changepoint; <= 0: MBIC, 3 log n */
	int mbic;           /* add log(segment length) to each segment's cost
	                       (the MBIC variant); 1 by default when the penalty
	                       is MBIC, set -1 to turn it off */
	size_t min_seglen;  /* shortest segment (0: 2) */
	double sigma;       /* normal cost: noise sd; <= 0: estimated as MAD
	                       of first differences / sqrt 2 */
} ent_pelt_opts;

/* A segment [start, end) of the series with its mean. */
typedef struct ent_cpt_segment {
	size_t start, end;
	double mean;
} ent_cpt_segment;

typedef struct ent_changepoints {
	size_t nsegments;
	ent_cpt_segment *segments;  /* in order; changepoint i is segments[i+1].start,
	                           with level before segments[i].mean and after
	                           segments[i+1].mean */
	double penalty;         /* the penalty used */
	double sigma;           /* the scale used (normal cost; 1 for Poisson) */
	double cost;            /* the minimised penalised cost */
} ent_changepoints;

/* Optimal segmentation of y[0..n) by PELT (Killick, Fearnhead & Eckley
 * 2012): minimises the sum of segment costs plus penalty per changepoint,
 * exactly (the pruning constant is adapted so that it stays exact with the
 * MBIC log-length term). Normal cost on y / sigma: S2 - S1^2 / len;
 * Poisson: 2 S1 (log len - log S1). opts may be NULL. A series shorter than
 * 2 * min_seglen, or with no variation, is one segment. Time is linear
 * when changes recur through the series and quadratic over long stretches
 * without one (PELT's known worst case): about 0.2 s for 12,800 daily
 * values with a single change, milliseconds for monthly or weekly series.
 * ENT_EINVALID for a non-finite value or a negative value under the
 * Poisson cost. */
int ent_pelt(ent_changepoints **out, const double *y, size_t n,
             const ent_pelt_opts *opts);
void ent_changepoints_free(ent_changepoints *cpts);

/* Mann-Kendall trend test with Sen's slope. */
typedef struct ent_trend_test {
	size_t n;
	double s;          /* S = sum over i<j of sgn(y_j - y_i) */
	double var_s;      /* Var(S) with the tie correction */
	double z;          /* (S - sgn S) / sqrt(Var S); 0 when S = 0 */
	double p;          /* two-sided p-value, normal approximation */
	double tau;        /* Kendall's tau-a: S / (n(n-1)/2) */
	double slope;      /* Sen's slope: median of (y_j - y_i) / (j - i) */
	double intercept;  /* median of y_i - slope * i */
} ent_trend_test;

/* Mann-Kendall on y[0..n) (index = time) and Sen's slope, in O(n log n)
 * time and O(n) memory: S by merge counting, the median of the n(n-1)/2
 * pairwise slopes by bisection with merge counting and then picked from
 * the few slopes left in the bracket. Needs n >= 2 and finite values
 * (ENT_EINVALID); ENT_ELIMIT above 1,000,000 values. The test assumes no
 * serial correlation. */
int ent_mann_kendall(ent_trend_test *out, const double *y, size_t n);

#endif
