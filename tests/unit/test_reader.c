/* test_reader.c - document readers and dates. */
#include <stdlib.h>
#include "test.h"

static int read_all(const char *data, ent_input_format fmt, const char *name,
                    int *docs, int *bad, ent_doc *first, ent_arena *keep)
{
	ent_reader_opts opts;
	ent_reader *r;
	ent_arena *arena;
	ent_doc doc;
	int rc;

	memset(&opts, 0, sizeof opts);
	opts.format = fmt;
	*docs = *bad = 0;
	if (ent_reader_open_mem(&r, data, strlen(data), name, &opts))
		return -1;
	ent_arena_new(&arena, 0);
	while ((rc = ent_reader_next(r, &doc, *docs == 0 ? keep : arena)) != 0) {
		if (rc == 1) {
			if (*docs == 0 && first)
				*first = doc;
			(*docs)++;
		} else if (rc == ENT_EINVALID) {
			(*bad)++;
		} else {
			break;
		}
	}
	ent_arena_free(arena);
	ent_reader_free(r);
	return 0;
}

TEST(reader_text_date_and_id)
{
	ent_arena *keep;
	ent_doc d;
	int docs, bad;
	char date[11];

	ent_arena_new(&keep, 0);
	REQUIRE(read_all("Russia’s Foreign Policy\n\nSpearhead Opinion – 25.09.2017\n\nText.",
	                 ENT_INPUT_TEXT, "dir/003_abc.txt", &docs, &bad, &d, keep) == 0);
	CHECK_INT(docs, 1);
	CHECK_STR(d.id, "003_abc");
	ent_date_format(date, &d.date);
	CHECK_STR(date, "2017-09-25");
	ent_arena_free(keep);
}

TEST(reader_jsonl_skips_bad_records)
{
	ent_arena *keep;
	ent_doc d;
	int docs, bad;
	char date[11];

	ent_arena_new(&keep, 0);
	REQUIRE(read_all("{\"id\":\"a\",\"date\":\"2017-09\",\"title\":\"T\",\"text\":\"Caf\\u00e9.\"}\n"
	                 "not json\n"
	                 "\n"
	                 "{\"id\":\"b\"}\n"
	                 "{\"id\":\"c\",\"text\":\"ok\",\"url\":7}\n"
	                 "{\"id\":\"d\",\"text\":\"ok\"}\n",
	                 ENT_INPUT_JSONL, "x.jsonl", &docs, &bad, &d, keep) == 0);
	CHECK_INT(docs, 2);
	CHECK_INT(bad, 3);
	CHECK_STR(d.id, "a");
	CHECK_STR(d.title, "T");
	CHECK_STR(d.text, "Caf\xC3\xA9.");
	ent_date_format(date, &d.date);
	CHECK_STR(date, "2017-09");
	CHECK_INT(d.line, 1);
	ent_arena_free(keep);
}

TEST(reader_jsonl_error_names_line)
{
	ent_reader *r;
	ent_arena *arena;
	ent_doc d;

	ent_arena_new(&arena, 0);
	REQUIRE(ent_reader_open_mem(&r, "{\"text\":\"a\"}\n{bad\n", 18, "in.jsonl", NULL) == 0);
	CHECK_INT(ent_reader_next(r, &d, arena), 1);
	CHECK_INT(ent_reader_next(r, &d, arena), ENT_EINVALID);
	CHECK(strstr(ent_error_last(), "in.jsonl:2") != NULL);
	CHECK_INT(ent_reader_next(r, &d, arena), 0);
	ent_reader_free(r);
	ent_arena_free(arena);
}

TEST(reader_xml_petrarch)
{
	ent_arena *keep;
	ent_doc d;
	int docs, bad;
	char date[11];

	ent_arena_new(&keep, 0);
	REQUIRE(read_all("<Sentences>\n<Sentence date = \"20080804\" id =\"AFP_4\" source = \"AFP\" sentence = \"True\">\n"
	                 "<Text>\nThe US leader prepared to\nattend the Games.\n</Text>\n<Parse>(S)</Parse>\n</Sentence>\n"
	                 "<Sentence id=\"x\" date=\"2008\"><Parse/></Sentence>\n"
	                 "<Sentence id=\"y\" date=\"20081301\"><Text>bad date</Text></Sentence>\n"
	                 "<Sentence id=\"z\"><Text>Fine.</Text></Sentence>\n</Sentences>\n",
	                 ENT_INPUT_XML, "g.xml", &docs, &bad, &d, keep) == 0);
	CHECK_INT(docs, 2);
	CHECK_INT(bad, 2);
	CHECK_STR(d.id, "AFP_4");
	CHECK_STR(d.source, "AFP");
	CHECK_STR(d.text, "The US leader prepared to attend the Games.");
	ent_date_format(date, &d.date);
	CHECK_STR(date, "2008-08-04");
	ent_arena_free(keep);
}

TEST(reader_missing_file)
{
	ent_reader *r = NULL;

	CHECK_INT(ent_reader_open(&r, "no/such/file.txt", NULL), ENT_ENOTFOUND);
	CHECK(r == NULL);
	CHECK(strstr(ent_error_last(), "no/such/file.txt") != NULL);
}

TEST(reader_out_of_memory)
{
	static const char data[] = "{\"id\":\"a\",\"text\":\"Russia met Pakistan.\"}\n{\"id\":\"b\",\"text\":\"x\"}\n";
	long k;

	for (k = 0; k < 30; k++) {
		ent_reader *r = NULL;
		ent_arena *arena = NULL;
		ent_doc d;

		ent_alloc_fail_after(k);
		if (ent_arena_new(&arena, 0) == 0 &&
		    ent_reader_open_mem(&r, data, sizeof data - 1, "m.jsonl", NULL) == 0) {
			int rc, n = 0;

			while ((rc = ent_reader_next(r, &d, arena)) != 0 && n++ < 10)
				if (rc < 0 && rc != ENT_EINVALID)
					break;
		}
		ent_alloc_fail_after(-1);
		ent_reader_free(r);
		ent_arena_free(arena);
	}
}

TEST(date_parse_and_find)
{
	static const struct { const char *text; const char *want; } finds[] = {
		{"Spearhead Opinion – 25.09.2017", "2017-09-25"},
		{"Posted September 25, 2017 by staff", "2017-09-25"},
		{"Moscow, 3 Sept. 2016 (AFP)", "2016-09-03"},
		{"Updated 2019-01-04T10:00", "2019-01-04"},
		{"Published on Aug. 13th, 2017", "2017-08-13"},
		{"On 12/31/2016 it ended", "2016-12-31"},
		{"No date here, only 2017.", ""},
		{"Invalid 31.02.2017", ""},
	};
	ent_date d;
	char out[11];
	size_t i;

	for (i = 0; i < sizeof finds / sizeof finds[0]; i++) {
		ent_date_find(&d, finds[i].text, strlen(finds[i].text));
		ent_date_format(out, &d);
		CHECK_STR(out, finds[i].want);
	}
	CHECK_INT(ent_date_parse(&d, "2016", 4), 0);
	CHECK_INT(d.precision, ENT_DATE_YEAR);
	CHECK_INT(ent_date_parse(&d, "20170925", 8), 0);
	CHECK_INT(d.day, 25);
	CHECK_INT(ent_date_parse(&d, "2017-02-29", 10), ENT_EINVALID);
	CHECK_INT(ent_date_parse(&d, "2016-02-29", 10), 0);
	CHECK_INT(ent_date_parse(&d, "17-09-25", 8), ENT_EINVALID);
	d.year = 1970; d.month = 1; d.day = 2;
	CHECK_INT(ent_date_days(&d), 1);
	d.year = 2017; d.month = 9; d.day = 25;
	CHECK_INT(ent_date_days(&d), 17434);
}
