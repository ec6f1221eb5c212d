/* test_event.c - event and relation output: every contract field present
 * in JSONL, TSV rows with as many fields as the header. */
#include <jansson.h>
#include "test.h"

static ent_doc sample_doc(void)
{
	ent_doc d;

	memset(&d, 0, sizeof d);
	d.id = "doc\"1";
	d.text = "Moscow hosted drills with India.\tTab.";
	d.text_len = strlen(d.text);
	return d;
}

static ent_event sample_event(void)
{
	ent_event e;

	memset(&e, 0, sizeof e);
	e.source = "RUSGOV";
	e.target = "IND";
	strcpy(e.code, "0611");
	strcpy(e.root, "06");
	e.quad = 2;
	e.goldstein = 6.0;
	e.plover = "COOPERATE";
	e.date.year = 2017; e.date.month = 8; e.date.day = 13;
	e.date.precision = ENT_DATE_DAY;
	e.modality = ENT_MOD_HEDGED;
	e.sentence.start = 0; e.sentence.end = 32;
	e.source_text.start = 0; e.source_text.end = 6;
	e.target_text.start = 26; e.target_text.end = 31;
	e.predicate_text.start = 7; e.predicate_text.end = 13;
	e.rule = "verbs/06.txt:10";
	return e;
}

TEST(event_jsonl_contract)
{
	static const char *const fields[] = {
		"kind", "doc", "sent", "sentence", "date", "source", "target", "code", "root",
		"quad", "goldstein", "plover", "modality", "source_text", "target_text",
		"predicate_text", "rule", NULL
	};
	ent_doc d = sample_doc();
	ent_event e = sample_event();
	ent_buf b = ENT_BUF_INIT;
	json_t *obj;
	json_error_t err;
	size_t i;

	REQUIRE(ent_event_write(&b, ENT_FORMAT_JSONL, &d, &e) == 0);
	CHECK(b.data[b.len - 1] == '\n');
	obj = json_loads(b.data, 0, &err);
	REQUIRE(obj != NULL);
	for (i = 0; fields[i]; i++)
		CHECK(json_object_get(obj, fields[i]) != NULL);
	CHECK_STR(json_string_value(json_object_get(obj, "date")), "2017-08-13");
	CHECK_STR(json_string_value(json_object_get(obj, "predicate_text")), "hosted");
	CHECK_STR(json_string_value(json_object_get(obj, "modality")), "hedged");
	CHECK_STR(json_string_value(json_object_get(obj, "doc")), "doc\"1");
	CHECK_INT(json_object_size(obj), 17);
	json_decref(obj);
	ent_buf_free(&b);
}

TEST(relation_jsonl_contract)
{
	static const char *const fields[] = {
		"kind", "doc", "sent", "sentence", "date", "a", "b", "polarity", "trend",
		"text", "rule", NULL
	};
	ent_doc d = sample_doc();
	ent_relation r;
	ent_buf b = ENT_BUF_INIT;
	json_t *obj;
	size_t i;

	memset(&r, 0, sizeof r);
	r.a = "IND";
	r.b = "RUS";
	r.polarity = 1;
	r.trend = ENT_TREND_DOWN;
	r.text.start = 0; r.text.end = 6;
	r.rule = "relations.txt:3";
	REQUIRE(ent_relation_write(&b, ENT_FORMAT_JSONL, &d, &r) == 0);
	obj = json_loads(b.data, 0, NULL);
	REQUIRE(obj != NULL);
	for (i = 0; fields[i]; i++)
		CHECK(json_object_get(obj, fields[i]) != NULL);
	CHECK_STR(json_string_value(json_object_get(obj, "trend")), "down");
	CHECK_STR(json_string_value(json_object_get(obj, "date")), "");
	json_decref(obj);
	ent_buf_free(&b);
}

static int count_tabs(const char *s)
{
	int n = 0;

	for (; *s && *s != '\n'; s++)
		n += *s == '\t';
	return n;
}

TEST(event_tsv_shapes)
{
	ent_doc d = sample_doc();
	ent_event e = sample_event();
	ent_buf b = ENT_BUF_INIT;
	int f;

	e.sentence.end = (uint32_t)d.text_len;  /* the sentence holds a tab */
	for (f = ENT_FORMAT_TSV; f <= ENT_FORMAT_PHOENIX; f++) {
		ent_buf_clear(&b);
		REQUIRE(ent_event_write(&b, (ent_event_format)f, &d, &e) == 0);
		CHECK_INT(count_tabs(b.data), count_tabs(ent_event_header((ent_event_format)f)));
		CHECK(strchr(b.data, '\n') == b.data + b.len - 1);
	}
	CHECK(strncmp(b.data, "20170813\tRUS\tGOV\tIND\t\t0611", 25) == 0);
	ent_buf_free(&b);
}
