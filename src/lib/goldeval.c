/*
 * goldeval.c - reads the gold sets (JSON Lines) and scores coded events
 * against them: event precision, recall and F1 at root and full code
 * level, records coded exactly, false events on records that expect none,
 * gold-root coverage for code-only sets, and five-way class accuracy with
 * source/target span agreement for span sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>

#include "entente/goldeval.h"

struct ent_goldeval {
	ent_gold_kind kind;
	ent_gold_record *records;
	size_t n, cap;
	ent_arena *arena;
	ent_goldeval_scores s;
};

static const char *arena_str(ent_arena *a, json_t *v)
{
	if (!json_is_string(v))
		return NULL;
	return ent_arena_strndup(a, json_string_value(v), json_string_length(v));
}

static void copy_code(char *dst, size_t size, json_t *v)
{
	const char *s = json_string_value(v);

	snprintf(dst, size, "%s", s ? s : "");
}

/* Reads the array of codes (objects with "code", or strings) into a list. */
static const char **code_list(ent_arena *a, json_t *arr, const char *key, size_t *n)
{
	const char **list;
	size_t i, k = 0;
	json_t *v;

	*n = 0;
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return NULL;
	list = ent_arena_calloc(a, json_array_size(arr), sizeof *list);
	if (!list)
		return NULL;
	json_array_foreach(arr, i, v) {
		const char *s = key ? arena_str(a, json_object_get(v, key)) : arena_str(a, v);

		if (s && *s)
			list[k++] = s;
	}
	*n = k;
	return list;
}

static ent_gold_kind detect(json_t *obj)
{
	if (json_object_get(obj, "events"))
		return ENT_GOLD_EVENTS;
	if (json_object_get(obj, "sources"))
		return ENT_GOLD_PLOVER;
	if (json_object_get(obj, "spans"))
		return ENT_GOLD_SPANS;
	if (json_object_get(obj, "cameo_code"))
		return ENT_GOLD_CODE;
	return 0;
}

/* Fills r from obj; returns 0 or a message of what is missing. */
static const char *fill(ent_goldeval *g, ent_gold_record *r, json_t *obj)
{
	const char *date;
	json_t *v;
	size_t i;

	memset(r, 0, sizeof *r);
	r->pentaclass = -1;
	r->id = arena_str(g->arena, json_object_get(obj, "id"));
	r->text = arena_str(g->arena, json_object_get(obj, "text"));
	if (!r->id || !r->text)
		return "no \"id\" or \"text\" string";
	date = json_string_value(json_object_get(obj, "date_iso"));
	if (!date)
		date = json_string_value(json_object_get(obj, "date"));
	if (date && ent_date_parse(&r->date, date, strlen(date)))
		memset(&r->date, 0, sizeof r->date);
	switch (g->kind) {
	case ENT_GOLD_EVENTS:
		v = json_object_get(obj, "events");
		if (!json_is_array(v))
			return "\"events\" is not an array";
		r->nevents = json_array_size(v);
		r->events = ent_arena_calloc(g->arena, r->nevents ? r->nevents : 1, sizeof *r->events);
		if (!r->events)
			return "out of memory";
		for (i = 0; i < r->nevents; i++) {
			json_t *e = json_array_get(v, i);

			copy_code(r->events[i].source, sizeof r->events[i].source, json_object_get(e, "source"));
			copy_code(r->events[i].target, sizeof r->events[i].target, json_object_get(e, "target"));
			copy_code(r->events[i].code, sizeof r->events[i].code, json_object_get(e, "code"));
		}
		r->noevents = json_is_true(json_object_get(obj, "noevents")) || r->nevents == 0;
		v = json_object_get(json_object_get(obj, "config_in_effect"), "require_dyad");
		r->monadic = json_is_string(v) && strcasecmp(json_string_value(v), "false") == 0;
		break;
	case ENT_GOLD_CODE:
		copy_code(r->code, sizeof r->code, json_object_get(obj, "cameo_code"));
		if (!r->code[0])
			return "no \"cameo_code\"";
		break;
	case ENT_GOLD_PLOVER:
		copy_code(r->code, sizeof r->code, json_object_get(obj, "cameo_code_from_manual"));
		r->sources = code_list(g->arena, json_object_get(obj, "sources"), "code", &r->nsources);
		r->targets = code_list(g->arena, json_object_get(obj, "targets"), "code", &r->ntargets);
		break;
	case ENT_GOLD_SPANS:
		v = json_object_get(obj, "spans");
		r->sources = code_list(g->arena, json_object_get(v, "S"), NULL, &r->nsources);
		r->targets = code_list(g->arena, json_object_get(v, "T"), NULL, &r->ntargets);
		v = json_object_get(obj, "pentaclass");
		r->pentaclass = json_is_integer(v) ? (int)json_integer_value(v) : -1;
		copy_code(r->code, sizeof r->code, json_object_get(obj, "cameo_code_from_manual"));
		break;
	}
	return NULL;
}

int ent_goldeval_open(ent_goldeval **out, const char *path,
                      void (*warn)(const char *msg, void *ctx), void *ctx)
{
	ent_goldeval *g;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long lineno = 0;
	int rc = ENT_OK;
	char msg[512];

	*out = NULL;
	f = fopen(path, "r");
	if (!f)
		return ent_error_set(ENT_ENOTFOUND, "cannot open %s", path);
	g = ent_calloc(1, sizeof *g);
	if (!g || ent_arena_new(&g->arena, 1 << 20)) {
		ent_free(g);
		fclose(f);
		return ent_error_set(ENT_ENOMEM, "out of memory");
	}
	while ((got = getline(&line, &cap, f)) >= 0) {
		json_error_t jerr;
		json_t *obj;
		const char *why;

		lineno++;
		if (got <= 1)
			continue;
		obj = json_loadb(line, (size_t)got, 0, &jerr);
		if (!json_is_object(obj)) {
			snprintf(msg, sizeof msg, "%s:%ld: bad JSON record (%s)", path, lineno, jerr.text);
			if (warn)
				warn(msg, ctx);
			json_decref(obj);
			continue;
		}
		if (!g->kind && !(g->kind = detect(obj))) {
			json_decref(obj);
			rc = ent_error_set(ENT_EINVALID, "%s:%ld: not a gold record (no events, cameo_code, sources or spans)",
			                   path, lineno);
			goto done;
		}
		if (g->n == g->cap) {
			size_t ncap = g->cap ? g->cap * 2 : 256;
			ent_gold_record *grown = ent_realloc(g->records, ncap * sizeof *grown);

			if (!grown) {
				json_decref(obj);
				rc = ent_error_set(ENT_ENOMEM, "out of memory");
				goto done;
			}
			g->records = grown;
			g->cap = ncap;
		}
		why = fill(g, &g->records[g->n], obj);
		json_decref(obj);
		if (why) {
			snprintf(msg, sizeof msg, "%s:%ld: record skipped: %s", path, lineno, why);
			if (warn)
				warn(msg, ctx);
			continue;
		}
		g->n++;
	}
	if (!g->kind)
		rc = ent_error_set(ENT_EINVALID, "%s: no gold records", path);
done:
	free(line);
	fclose(f);
	if (rc) {
		ent_goldeval_free(g);
		return rc;
	}
	*out = g;
	return ENT_OK;
}

void ent_goldeval_free(ent_goldeval *g)
{
	if (!g)
		return;
	ent_free(g->records);
	ent_arena_free(g->arena);
	ent_free(g);
}

ent_gold_kind ent_goldeval_kind(const ent_goldeval *g)
{
	return g->kind;
}

size_t ent_goldeval_count(const ent_goldeval *g)
{
	return g->n;
}

const ent_gold_record *ent_goldeval_record(const ent_goldeval *g, size_t i)
{
	return i < g->n ? &g->records[i] : NULL;
}

/* A comparable triple: source root, target root, code (cut to level). */
typedef struct triple {
	char s[8], t[8], c[8];
} triple;

/* The root of an actor code; no actor ("", or PETRARCH's "---") is "---". */
static void gold_root(const char *code, char *root)
{
	ent_actor_root(code, root);
	if (!root[0])
		strcpy(root, "---");
}

static void make_triple(triple *x, const char *s, const char *t, const char *code, int full)
{
	gold_root(s, x->s);
	if (t && strcmp(t, "*") == 0)
		strcpy(x->t, "*");
	else
		gold_root(t, x->t);
	snprintf(x->c, sizeof x->c, "%.*s", full ? 7 : 2, code ? code : "");
}

/* Actor roots match when equal, or when one is a bare three-letter group
 * ("IGO", as the PLOVER gold writes the UN) and the other a group code
 * under it ("IGOUNO"). */
static int root_eq(const char *a, const char *b)
{
	if (strcmp(a, "*") == 0 || strcmp(b, "*") == 0 || strcmp(a, b) == 0)
		return 1;
	return (strlen(a) == 3 || strlen(b) == 3) && strncmp(a, b, 3) == 0 &&
	       (strncmp(a, "IGO", 3) == 0 || strncmp(a, "NGO", 3) == 0 ||
	        strncmp(a, "MNC", 3) == 0);
}

static int triple_eq(const triple *a, const triple *b)
{
	return strcmp(a->c, b->c) == 0 && root_eq(a->s, b->s) && root_eq(a->t, b->t);
}

/* Size of the multiset intersection of gold and sys (greedy pairing). */
static size_t intersect(const triple *gold, size_t ng, const triple *sys, size_t ns)
{
	unsigned char *used = calloc(ns ? ns : 1, 1);
	size_t i, j, m = 0;

	if (!used)
		return 0;
	for (i = 0; i < ng; i++)
		for (j = 0; j < ns; j++)
			if (!used[j] && triple_eq(&gold[i], &sys[j])) {
				used[j] = 1;
				m++;
				break;
			}
	free(used);
	return m;
}

/* Whether the sets of full (source, target, code) are equal. */
/* Whether two actor codes are the same; no actor is "" or "---". */
static int same_actor(const char *sys, const char *gold)
{
	if (!sys || !sys[0])
		sys = "---";
	if (!gold[0])
		gold = "---";
	return strcmp(sys, gold) == 0;
}

static int same_event(const ent_event *e, const ent_gold_event *g)
{
	return same_actor(e->source, g->source) && same_actor(e->target, g->target) &&
	       strcmp(e->code, g->code) == 0;
}

static int exact_equal(const ent_gold_record *r, const ent_event *ev, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		int found = 0;

		for (j = 0; j < r->nevents && !found; j++)
			found = same_event(&ev[i], &r->events[j]);
		if (!found)
			return 0;
	}
	for (j = 0; j < r->nevents; j++) {
		int found = 0;

		for (i = 0; i < n && !found; i++)
			found = same_event(&ev[i], &r->events[j]);
		if (!found)
			return 0;
	}
	return 1;
}

/* Five-way class of a code, the Phoenix PentaClass that the ConfliBERT
 * set uses: 0 for roots 01-02, 1 for 03-05, 2 for 06-08, 3 for 09-13 and
 * 16 (reducing relations is verbal conflict there), 4 for 14-20. */
static int pentaclass_of(const char *code)
{
	int root = atoi(code) / (strlen(code) == 4 ? 100 : 10);

	if (strlen(code) == 2)
		root = atoi(code);
	if (root <= 2)
		return 0;
	if (root <= 5)
		return 1;
	if (root <= 8)
		return 2;
	if (root <= 13 || root == 16)
		return 3;
	return 4;
}

/* Whether the span [a0, a1) overlaps the first occurrence of needle in
 * text. */
static int overlaps_text(const char *text, ent_span sp, const char *needle)
{
	const char *hit = needle && *needle ? strstr(text, needle) : NULL;
	uint32_t b0, b1;

	if (!hit || sp.end <= sp.start)
		return 0;
	b0 = (uint32_t)(hit - text);
	b1 = b0 + (uint32_t)strlen(needle);
	return sp.start < b1 && b0 < sp.end;
}

int ent_goldeval_add(ent_goldeval *g, size_t idx, const ent_event *ev, size_t n,
                     const char *text)
{
	const ent_gold_record *r = ent_goldeval_record(g, idx);
	ent_goldeval_scores *s = &g->s;
	triple *gt = NULL, *st = NULL;
	size_t i, j, ng = 0;
	int rc = ENT_OK, level;

	if (!r)
		return ent_error_set(ENT_EINVALID, "no gold record %zu", idx);
	s->records++;
	if (g->kind == ENT_GOLD_CODE) {
		int hit = 0;

		s->system += n;
		for (i = 0; i < n; i++)
			if (strncmp(ev[i].code, r->code, 2) == 0) {
				s->events_with_gold_root++;
				hit = 1;
			}
		s->with_gold_root += (size_t)hit;
		s->gold++;
		return ENT_OK;
	}
	if (g->kind == ENT_GOLD_SPANS) {
		const ent_event *best = n ? &ev[0] : NULL;

		for (i = 0; i < n; i++)
			for (j = 0; j < r->nsources; j++)
				if (overlaps_text(text, ev[i].source_text, r->sources[j])) {
					best = &ev[i];
					i = n;
					break;
				}
		s->system += n;
		if (r->pentaclass >= 0) {
			s->quad_total++;
			if (best && pentaclass_of(best->code) == r->pentaclass)
				s->quad_right++;
		}
		if (best) {
			for (j = 0; j < r->nsources; j++)
				if (overlaps_text(text, best->source_text, r->sources[j])) {
					s->span_source_right++;
					break;
				}
			for (j = 0; j < r->ntargets; j++)
				if (overlaps_text(text, best->target_text, r->targets[j])) {
					s->span_target_right++;
					break;
				}
		}
		return ENT_OK;
	}
	/* Gold triples. */
	if (g->kind == ENT_GOLD_EVENTS) {
		ng = r->nevents;
	} else {  /* PLOVER: source x target pairs; reciprocal among sources */
		if (!r->code[0])
			return ENT_OK;  /* no code to score against */
		ng = r->ntargets ? r->nsources * r->ntargets
		                 : r->nsources >= 2 ? r->nsources * (r->nsources - 1) : r->nsources;
	}
	gt = calloc(ng ? ng : 1, sizeof *gt);
	st = calloc(n ? n : 1, sizeof *st);
	if (!gt || !st) {
		rc = ent_error_set(ENT_ENOMEM, "out of memory");
		goto done;
	}
	for (level = 0; level < 2; level++) {
		size_t k = 0, m;

		if (g->kind == ENT_GOLD_EVENTS) {
			for (i = 0; i < ng; i++)
				make_triple(&gt[i], r->events[i].source, r->events[i].target,
				            r->events[i].code, level);
		} else if (r->ntargets) {
			for (i = 0; i < r->nsources; i++)
				for (j = 0; j < r->ntargets; j++)
					make_triple(&gt[k++], r->sources[i], r->targets[j], r->code, level);
		} else if (r->nsources >= 2) {
			for (i = 0; i < r->nsources; i++)
				for (j = 0; j < r->nsources; j++)
					if (i != j)
						make_triple(&gt[k++], r->sources[i], r->sources[j], r->code, level);
		} else {
			for (i = 0; i < r->nsources; i++)
				make_triple(&gt[k++], r->sources[i], "*", r->code, level);
		}
		for (i = 0; i < n; i++)
			make_triple(&st[i], ev[i].source, ev[i].target, ev[i].code, level);
		m = intersect(gt, ng, st, n);
		if (level)
			s->match_full += m;
		else
			s->match_root += m;
	}
	s->gold += ng;
	s->system += n;
	if (g->kind == ENT_GOLD_EVENTS) {
		if (r->noevents && r->nevents == 0) {
			s->noevent_records++;
			s->false_on_noevent += n;
		}
		if (exact_equal(r, ev, n))
			s->exact++;
	}
done:
	free(gt);
	free(st);
	return rc;
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void ent_goldeval_scores_get(const ent_goldeval *g, ent_goldeval_scores *out)
{
	*out = g->s;
	out->p_root = ratio(out->match_root, out->system);
	out->r_root = ratio(out->match_root, out->gold);
	out->f_root = f1(out->p_root, out->r_root);
	out->p_full = ratio(out->match_full, out->system);
	out->r_full = ratio(out->match_full, out->gold);
	out->f_full = f1(out->p_full, out->r_full);
}

int ent_goldeval_report(const ent_goldeval *g, const char *name, ent_buf *out)
{
	ent_goldeval_scores s;
	int rc;

	ent_goldeval_scores_get(g, &s);
	rc = ent_buf_printf(out, "%s: %zu records\n", name, s.records);
	switch (g->kind) {
	case ENT_GOLD_EVENTS:
	case ENT_GOLD_PLOVER:
		rc = rc ? rc : ent_buf_printf(out,
		        "  events: gold %zu, system %zu\n"
		        "  root level:  P %.3f  R %.3f  F1 %.3f  (%zu matched)\n"
		        "  full code:   P %.3f  R %.3f  F1 %.3f  (%zu matched)\n",
		        s.gold, s.system, s.p_root, s.r_root, s.f_root, s.match_root,
		        s.p_full, s.r_full, s.f_full, s.match_full);
		if (g->kind == ENT_GOLD_EVENTS)
			rc = rc ? rc : ent_buf_printf(out,
			        "  records coded exactly: %zu of %zu (%.1f%%)\n"
			        "  records expecting no event: %zu, false events on them: %zu\n",
			        s.exact, s.records, 100 * ratio(s.exact, s.records),
			        s.noevent_records, s.false_on_noevent);
		break;
	case ENT_GOLD_CODE:
		rc = rc ? rc : ent_buf_printf(out,
		        "  sentences with an event of the gold root: %zu of %zu (%.1f%%)\n"
		        "  emitted events with the gold root: %zu of %zu (%.1f%%)\n",
		        s.with_gold_root, s.records, 100 * ratio(s.with_gold_root, s.records),
		        s.events_with_gold_root, s.system, 100 * ratio(s.events_with_gold_root, s.system));
		break;
	case ENT_GOLD_SPANS:
		rc = rc ? rc : ent_buf_printf(out,
		        "  five-way class (QuadClass + neutral) accuracy: %zu of %zu (%.1f%%)\n"
		        "  source span right: %zu, target span right: %zu (of %zu records)\n",
		        s.quad_right, s.quad_total, 100 * ratio(s.quad_right, s.quad_total),
		        s.span_source_right, s.span_target_right, s.records);
		break;
	}
	return rc;
}
