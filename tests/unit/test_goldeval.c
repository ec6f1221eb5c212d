/* test_goldeval.c - the gold-set scorer on small files written here. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "test.h"
#include "entente/goldeval.h"

static char *write_tmp(const char *content)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof path, "/tmp/entente-gold-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	if (write(fd, content, strlen(content)) < 0)
		path[0] = '\0';
	close(fd);
	return path;
}

static ent_event ev(const char *s, const char *t, const char *code)
{
	ent_event e;

	memset(&e, 0, sizeof e);
	e.source = s;
	e.target = t;
	snprintf(e.code, sizeof e.code, "%s", code);
	snprintf(e.root, sizeof e.root, "%.2s", code);
	return e;
}

TEST(goldeval_events)
{
	char *path = write_tmp(
	        "{\"id\":\"a\",\"date\":\"19950101\",\"text\":\"Arnor met Gondor.\",\"events\":[{\"source\":\"ARN\",\"target\":\"GONGOV\",\"code\":\"042\"}],\"noevents\":false}\n"
	        "{\"id\":\"b\",\"text\":\"Nothing.\",\"events\":[],\"noevents\":true}\n"
	        "not json\n"
	        "{\"id\":\"c\",\"text\":\"Two.\",\"events\":[{\"source\":\"ARN\",\"target\":\"GON\",\"code\":\"0311\"},{\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"0311\"}]}\n");
	ent_goldeval *g;
	ent_goldeval_scores s;
	ent_event a[2], b[1], c[2];
	int warnings = 0;

	REQUIRE(path && path[0]);
	REQUIRE(ent_goldeval_open(&g, path, (void (*)(const char *, void *))NULL, &warnings) == 0);
	CHECK_INT(ent_goldeval_kind(g), ENT_GOLD_EVENTS);
	CHECK_INT(ent_goldeval_count(g), 3);
	a[0] = ev("ARNGOV", "GONGOV", "042");  /* root match and full code, not exact */
	ent_goldeval_add(g, 0, a, 1, "");
	b[0] = ev("ARN", "GON", "010");          /* false event on a no-event record */
	ent_goldeval_add(g, 1, b, 1, "");
	c[0] = ev("ARN", "GON", "0311");
	c[1] = ev("GON", "ARN", "0312");         /* root match only */
	ent_goldeval_add(g, 2, c, 2, "");
	ent_goldeval_scores_get(g, &s);
	CHECK_INT(s.gold, 3);
	CHECK_INT(s.system, 4);
	CHECK_INT(s.match_root, 3);
	CHECK_INT(s.match_full, 2);
	CHECK_INT(s.exact, 0);
	CHECK_INT(s.noevent_records, 1);
	CHECK_INT(s.false_on_noevent, 1);
	ent_goldeval_free(g);
	unlink(path);
}

TEST(goldeval_monadic_records)
{
	/* require_dyad = false lets a record's events lack a target; "---"
	 * in the gold and an empty code both mean no actor */
	char *path = write_tmp(
	        "{\"id\":\"m\",\"text\":\"x\",\"events\":[{\"source\":\"---GOV\",\"target\":\"---\",\"code\":\"023\"}],\"config_in_effect\":{\"require_dyad\":\"False\"}}\n"
	        "{\"id\":\"d\",\"text\":\"y\",\"events\":[{\"source\":\"ARN\",\"target\":\"GON\",\"code\":\"042\"}],\"config_in_effect\":{\"require_dyad\":\"true\"}}\n");
	ent_goldeval *g;
	ent_goldeval_scores s;
	ent_event a[1], b[1];

	REQUIRE(path && ent_goldeval_open(&g, path, NULL, NULL) == 0);
	CHECK_INT(ent_goldeval_record(g, 0)->monadic, 1);
	CHECK_INT(ent_goldeval_record(g, 1)->monadic, 0);
	a[0] = ev("---GOV", "", "023");
	ent_goldeval_add(g, 0, a, 1, "");
	b[0] = ev("ARN", "GON", "042");
	ent_goldeval_add(g, 1, b, 1, "");
	ent_goldeval_scores_get(g, &s);
	CHECK_INT(s.match_root, 2);
	CHECK_INT(s.exact, 2);
	ent_goldeval_free(g);
	unlink(path);
}

TEST(goldeval_code_and_plover)
{
	char *path = write_tmp("{\"id\":\"m1\",\"cameo_code\":\"0311\",\"text\":\"x\"}\n"
	                       "{\"id\":\"m2\",\"cameo_code\":\"190\",\"text\":\"y\"}\n");
	ent_goldeval *g;
	ent_goldeval_scores s;
	ent_event e[2];

	REQUIRE(path && ent_goldeval_open(&g, path, NULL, NULL) == 0);
	e[0] = ev("A", "B", "036");
	e[1] = ev("A", "B", "010");
	ent_goldeval_add(g, 0, e, 2, "x");
	e[0] = ev("A", "B", "193");
	ent_goldeval_add(g, 1, e, 1, "y");
	ent_goldeval_scores_get(g, &s);
	CHECK_INT(s.with_gold_root, 2);
	CHECK_INT(s.events_with_gold_root, 2);
	CHECK_INT(s.system, 3);
	ent_goldeval_free(g);
	unlink(path);

	path = write_tmp("{\"id\":\"p\",\"text\":\"t\",\"sources\":[{\"code\":\"HUN\"},{\"code\":\"ROU\"}],\"targets\":[],\"cameo_code_from_manual\":\"030\"}\n"
	                 "{\"id\":\"q\",\"text\":\"t\",\"sources\":[{\"code\":\"HUN\"}],\"targets\":[{\"code\":\"IGO\"}],\"cameo_code_from_manual\":\"032\"}\n");
	REQUIRE(path && ent_goldeval_open(&g, path, NULL, NULL) == 0);
	CHECK_INT(ent_goldeval_kind(g), ENT_GOLD_PLOVER);
	e[0] = ev("HUNGOV", "ROUGOV", "031");
	ent_goldeval_add(g, 0, e, 1, "t");
	e[0] = ev("HUN", "IGOUNO", "032");
	ent_goldeval_add(g, 1, e, 1, "t");
	ent_goldeval_scores_get(g, &s);
	CHECK_INT(s.gold, 3);      /* HUN>ROU, ROU>HUN, HUN>IGO */
	CHECK_INT(s.match_root, 2); /* IGOUNO falls under the gold's bare IGO */
	ent_goldeval_free(g);
	unlink(path);
}

TEST(goldeval_bad_files)
{
	ent_goldeval *g = NULL;
	char *path;

	CHECK_INT(ent_goldeval_open(&g, "/no/such/gold.jsonl", NULL, NULL), ENT_ENOTFOUND);
	path = write_tmp("{\"id\":\"x\",\"text\":\"no gold fields\"}\n");
	CHECK_INT(ent_goldeval_open(&g, path, NULL, NULL), ENT_EINVALID);
	CHECK(strstr(ent_error_last(), ":1:") != NULL);
	unlink(path);
}

TEST(goldeval_shared_sets_load)
{
	static const char *const sets[] = {
		"data/gold/petr_unittest.jsonl", "data/gold/petr2_gsr.jsonl",
		"data/gold/cameo_manual_dev.jsonl", "data/gold/plover_gsr_dev.jsonl",
		"data/gold/conflibert_test_dev.jsonl", NULL
	};
	static const size_t counts[] = {284, 78, 214, 149, 214};
	size_t i;

	for (i = 0; sets[i]; i++) {
		const char *p = test_shared_path(sets[i]);
		ent_goldeval *g;

		if (!p) {
			test_skip("../shared/data/gold not found");
			return;
		}
		REQUIRE(ent_goldeval_open(&g, p, NULL, NULL) == 0);
		CHECK_INT(ent_goldeval_count(g), counts[i]);
		ent_goldeval_free(g);
	}
}
