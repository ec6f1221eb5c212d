/*
 * event.c - writing events and relation statements: JSON Lines (the
 * contract of DESIGN.md), TSV with a header (loads in R and pandas as it
 * is), and a Phoenix-style TSV (date, source root and agent, target root
 * and agent, code, root, QuadClass, Goldstein, ids, texts).
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "entente/event.h"

const char *ent_modality_name(int m)
{
	switch (m) {
	case ENT_MOD_HEDGED: return "hedged";
	case ENT_MOD_FUTURE: return "future";
	case ENT_MOD_HYPOTHETICAL: return "hypothetical";
	default: return "asserted";
	}
}

const char *ent_trend_name(int t)
{
	return t == ENT_TREND_UP ? "up" : t == ENT_TREND_DOWN ? "down" : "none";
}

static int put_key(ent_buf *b, const char *key)
{
	int rc = ent_buf_printf(b, ",\"%s\":", key);

	return rc;
}

static int put_str_field(ent_buf *b, const char *key, const char *s)
{
	int rc = put_key(b, key);

	return rc ? rc : ent_buf_put_json_string(b, s ? s : "", s ? strlen(s) : 0);
}

static int put_span_field(ent_buf *b, const char *key, const ent_doc *doc, ent_span sp)
{
	int rc = put_key(b, key);

	if (sp.end > doc->text_len || sp.start > sp.end)
		sp.start = sp.end = 0;
	return rc ? rc : ent_buf_put_json_string(b, doc->text + sp.start, sp.end - sp.start);
}

static int put_common(ent_buf *b, const char *kind, const ent_doc *doc, uint32_t sent,
                      ent_span sentence, const ent_date *date)
{
	char d[11];
	int rc = ent_buf_printf(b, "{\"kind\":\"%s\"", kind);

	ent_date_format(d, date);
	rc = rc ? rc : put_str_field(b, "doc", doc->id);
	rc = rc ? rc : ent_buf_printf(b, ",\"sent\":%u", sent);
	rc = rc ? rc : put_span_field(b, "sentence", doc, sentence);
	rc = rc ? rc : put_str_field(b, "date", d);
	return rc;
}

size_t ent_actor_root_len(const char *code)
{
	size_t n = code ? strlen(code) : 0;

	if (n >= 6 && (strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0 ||
	               strncmp(code, "MNC", 3) == 0))
		return 6;
	return n < 3 ? n : 3;
}

void ent_actor_root(const char *code, char *root)
{
	size_t r = ent_actor_root_len(code);

	if (r)
		memcpy(root, code, r);
	root[r] = '\0';
}

int ent_actor_is_region(const char *code)
{
#define R3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))
	/* CAMEO's regional actor codes */
	static const uint32_t regions[] = {
		R3('A', 'F', 'R'), R3('A', 'S', 'A'), R3('B', 'L', 'K'), R3('C', 'A', 'S'),
		R3('C', 'A', 'U'), R3('C', 'F', 'R'), R3('C', 'R', 'B'), R3('E', 'A', 'F'),
		R3('E', 'E', 'U'), R3('E', 'U', 'R'), R3('L', 'A', 'M'), R3('M', 'D', 'T'),
		R3('M', 'E', 'A'), R3('N', 'A', 'F'), R3('N', 'M', 'R'), R3('P', 'G', 'S'),
		R3('S', 'A', 'F'), R3('S', 'A', 'M'), R3('S', 'A', 'S'), R3('S', 'E', 'A'),
		R3('S', 'C', 'N'), R3('W', 'A', 'F'), R3('W', 'S', 'T')};
	uint32_t k;
	size_t i;

	if (!code || !code[0] || !code[1] || !code[2] || ent_actor_root_len(code) != 3)
		return 0;
	k = R3((unsigned char)code[0], (unsigned char)code[1], (unsigned char)code[2]);
#undef R3
	for (i = 0; i < sizeof regions / sizeof regions[0]; i++)
		if (regions[i] == k)
			return 1;
	return 0;
}

/* Splits an actor code into its root and the rest (agents). */
static void split_code(const char *code, char *root, char *agent)
{
	ent_actor_root(code, root);
	snprintf(agent, 32, "%s", code ? code + strlen(root) : "");
}

static int put_tsv_span(ent_buf *b, const ent_doc *doc, ent_span sp)
{
	if (sp.end > doc->text_len || sp.start > sp.end)
		return 0;
	return ent_buf_put_tsv_field(b, doc->text + sp.start, sp.end - sp.start);
}

const char *ent_event_header(ent_event_format f)
{
	switch (f) {
	case ENT_FORMAT_TSV:
		return "doc\tsent\tdate\tsource\ttarget\tcode\troot\tquad\tgoldstein\tplover\tmodality\t"
		       "source_text\ttarget_text\tpredicate_text\trule\tsentence\n";
	case ENT_FORMAT_PHOENIX:
		return "date\tsource_root\tsource_agent\ttarget_root\ttarget_agent\tcode\troot\tquad\t"
		       "goldstein\tdoc\tsent\tsource_text\ttarget_text\tpredicate_text\tsentence\n";
	default:
		return "";
	}
}

int ent_event_write(ent_buf *b, ent_event_format f, const ent_doc *doc, const ent_event *e)
{
	char d[11];
	int rc;

	ent_date_format(d, &e->date);
	if (f == ENT_FORMAT_JSONL) {
		rc = put_common(b, "event", doc, e->sent, e->sentence, &e->date);
		rc = rc ? rc : put_str_field(b, "source", e->source);
		rc = rc ? rc : put_str_field(b, "target", e->target);
		rc = rc ? rc : put_str_field(b, "code", e->code);
		rc = rc ? rc : put_str_field(b, "root", e->root);
		rc = rc ? rc : ent_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", e->quad, e->goldstein);
		rc = rc ? rc : put_str_field(b, "plover", e->plover);
		rc = rc ? rc : put_str_field(b, "modality", ent_modality_name(e->modality));
		rc = rc ? rc : put_span_field(b, "source_text", doc, e->source_text);
		rc = rc ? rc : put_span_field(b, "target_text", doc, e->target_text);
		rc = rc ? rc : put_span_field(b, "predicate_text", doc, e->predicate_text);
		rc = rc ? rc : put_str_field(b, "rule", e->rule);
		return rc ? rc : ent_buf_puts(b, "}\n");
	}
	if (f == ENT_FORMAT_TSV) {
		rc = ent_buf_put_tsv_field(b, doc->id, strlen(doc->id));
		rc = rc ? rc : ent_buf_printf(b, "\t%u\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t", e->sent, d,
		                              e->source ? e->source : "", e->target ? e->target : "",
		                              e->code, e->root, e->quad, e->goldstein,
		                              e->plover ? e->plover : "", ent_modality_name(e->modality));
		rc = rc ? rc : put_tsv_span(b, doc, e->source_text);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : put_tsv_span(b, doc, e->target_text);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : put_tsv_span(b, doc, e->predicate_text);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : ent_buf_put_tsv_field(b, e->rule ? e->rule : "", e->rule ? strlen(e->rule) : 0);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : put_tsv_span(b, doc, e->sentence);
		return rc ? rc : ent_buf_putc(b, '\n');
	} else {
		char sroot[16], sagent[32], troot[16], tagent[32];

		split_code(e->source, sroot, sagent);
		split_code(e->target, troot, tagent);
		/* Phoenix writes dates as YYYYMMDD */
		rc = ent_buf_printf(b, "%.4s%.2s%.2s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t", d,
		                    strlen(d) >= 7 ? d + 5 : "00", strlen(d) >= 10 ? d + 8 : "00",
		                    sroot, sagent, troot, tagent, e->code, e->root, e->quad, e->goldstein);
		rc = rc ? rc : ent_buf_put_tsv_field(b, doc->id, strlen(doc->id));
		rc = rc ? rc : ent_buf_printf(b, "\t%u\t", e->sent);
		rc = rc ? rc : put_tsv_span(b, doc, e->source_text);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : put_tsv_span(b, doc, e->target_text);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : put_tsv_span(b, doc, e->predicate_text);
		rc = rc ? rc : ent_buf_putc(b, '\t');
		rc = rc ? rc : put_tsv_span(b, doc, e->sentence);
		return rc ? rc : ent_buf_putc(b, '\n');
	}
}

int ent_relation_write(ent_buf *b, ent_event_format f, const ent_doc *doc,
                       const ent_relation *r)
{
	int rc;

	if (f != ENT_FORMAT_JSONL)
		return ENT_OK;
	rc = put_common(b, "relation", doc, r->sent, r->sentence, &r->date);
	rc = rc ? rc : put_str_field(b, "a", r->a);
	rc = rc ? rc : put_str_field(b, "b", r->b);
	rc = rc ? rc : ent_buf_printf(b, ",\"polarity\":%d", r->polarity > 0 ? 1 : -1);
	rc = rc ? rc : put_str_field(b, "trend", ent_trend_name(r->trend));
	rc = rc ? rc : put_span_field(b, "text", doc, r->text);
	rc = rc ? rc : put_str_field(b, "rule", r->rule);
	return rc ? rc : ent_buf_puts(b, "}\n");
}
