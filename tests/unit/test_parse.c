/*
 * test_parse.c - the CoNLL-U reader, model loading and checking, and the
 * tagger and parser on news sentences (subjects and objects of the main
 * verbs), long sentences and odd input.
 */
#include <stdlib.h>

#include "test.h"
#include "entente/builtin.h"
#include "../../src/lib/parse_int.h"

static const char conllu_text[] =
	"# newdoc id = d1\n"
	"# sent_id = d1-1\n"
	"1\tPakistan\tPakistan\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
	"2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
	"2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
	"3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
	"4\tobject\tobject\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
	"5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
	"\n"
	"1\tbroken\n"
	"\n"
	"1\tIndia\tIndia\tPROPN\tNNP\t_\t0\troot\t_\t_\n"
	"1.1\tempty\t_\t_\t_\t_\t_\t_\t0:root\t_\n"
	"2\tagreed\tagree\tVERB\tVBD\t_\t1\tparataxis:new\t_\t_\n";

TEST(conllu_reader_reads_words_ranges_and_errors)
{
	ent_conllu_reader *r = NULL;
	ent_arena *a = NULL;
	ent_conllu_sent s;

	REQUIRE(ent_arena_new(&a, 0) == 0);
	REQUIRE(ent_conllu_open_mem(&r, conllu_text, sizeof conllu_text - 1, "mem") == 0);
	CHECK_INT(ent_conllu_next(r, &s, a), 1);
	CHECK_INT(s.ntokens, 5);
	CHECK_STR(s.text, "Pakistan didn't object.");
	CHECK_STR(s.sent_id, "d1-1");
	CHECK_STR(s.doc_id, "d1");
	CHECK_INT(s.tokens[3].head, 0);
	CHECK_INT(s.tokens[0].head, 4);
	CHECK_STR(ent_deprel_name(s.tokens[0].deprel), "nsubj");
	CHECK_STR(ent_xpos_name(s.tokens[1].xpos), "VBD");
	CHECK_INT(s.tokens[1].upos, ENT_UPOS_AUX);
	CHECK_STR(s.tokens[2].lemma, "not");
	CHECK_INT(s.nlines, 3); /* two comments and the range line */
	CHECK_INT(s.lines[2].before, 1);
	CHECK_INT(ent_conllu_next(r, &s, a), ENT_EINVALID);
	CHECK(strstr(ent_error_last(), "mem:10:") != NULL);
	CHECK_INT(ent_conllu_next(r, &s, a), 1);
	CHECK_INT(s.ntokens, 2);
	CHECK_INT(s.tokens[1].deprel, 0); /* unknown relation */
	CHECK_INT(ent_conllu_next(r, &s, a), 0);
	ent_conllu_free(r);
	ent_arena_free(a);
}

TEST(conllu_reader_rejects_bad_heads_and_ids)
{
	static const char *const bad[] = {
		"1\tA\t_\t_\t_\t_\t2\t_\t_\t_\n\n",
		"2\tA\t_\t_\t_\t_\t0\t_\t_\t_\n\n",
		"1\tA\t_\t_\t_\t_\tx\t_\t_\t_\n\n",
		"1\tA\t_\t_\t_\t_\t0\t_\t_\t_\t_\n\n",
		"1\t\t_\t_\t_\t_\t0\t_\t_\t_\n\n",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ent_conllu_reader *r = NULL;
		ent_arena *a = NULL;
		ent_conllu_sent s;

		REQUIRE(ent_arena_new(&a, 0) == 0);
		REQUIRE(ent_conllu_open_mem(&r, bad[i], strlen(bad[i]), "bad") == 0);
		CHECK_INT(ent_conllu_next(r, &s, a), ENT_EINVALID);
		CHECK(strncmp(ent_error_last(), "bad:1:", 6) == 0);
		CHECK_INT(ent_conllu_next(r, &s, a), 0);
		ent_conllu_free(r);
		ent_arena_free(a);
	}
}

TEST(name_tables_round_trip)
{
	int i;

	for (i = 1; i < ENT_XPOS_COUNT; i++)
		CHECK_INT(ent_xpos_parse(ent_xpos_name(i), strlen(ent_xpos_name(i))), i);
	for (i = 1; i < ENT_DEPREL_COUNT; i++)
		CHECK_INT(ent_deprel_parse(ent_deprel_name(i), strlen(ent_deprel_name(i))), i);
	CHECK(ent_deprel_parse("nsubj:pass", 10) > 0);
	CHECK(ent_deprel_parse("obl:tmod", 8) > 0);
	CHECK_INT(ent_xpos_parse("XYZ", 3), -1);
}

TEST(model_load_rejects_bad_files)
{
	const ent_builtin_file *bf = ent_builtin_find("data/model/parser.bin");
	ent_model *m = NULL;
	unsigned char junk[64];
	unsigned char *copy;

	memset(junk, 'x', sizeof junk);
	CHECK_INT(ent_model_load(&m, junk, sizeof junk), ENT_EFORMAT);
	CHECK(m == NULL);
	CHECK_INT(ent_model_load(&m, junk, 3), ENT_EFORMAT);
	CHECK_INT(ent_model_load_file(&m, "no/such/model.bin"), ENT_ENOTFOUND);
	CHECK_INT(ent_model_load_file(&m, "Makefile"), ENT_EFORMAT);
	CHECK(strstr(ent_error_last(), "Makefile") != NULL);
	if (!bf) {
		test_skip("no built-in model");
		return;
	}
	/* truncated */
	CHECK_INT(ent_model_load(&m, bf->data, bf->size - 100), ENT_EFORMAT);
	CHECK(strstr(ent_error_last(), "truncated") != NULL);
	/* corrupt and wrong version */
	copy = malloc(bf->size);
	REQUIRE(copy != NULL);
	memcpy(copy, bf->data, bf->size);
	copy[bf->size / 2] ^= 0x55;
	CHECK_INT(ent_model_load(&m, copy, bf->size), ENT_EFORMAT);
	memcpy(copy, bf->data, bf->size);
	copy[8] = 99;
	CHECK_INT(ent_model_load(&m, copy, bf->size), ENT_EFORMAT);
	CHECK(strstr(ent_error_last(), "version") != NULL);
	memcpy(copy, bf->data, bf->size);
	CHECK_INT(ent_model_load(&m, copy, bf->size), 0);
	ent_model_free(m);
	free(copy);
	ent_model_free(NULL);
}

/* Parses text and returns the index (in seg) of the first token whose
 * form is word, or -1. */
static long find_token(const ent_segmentation *seg, const char *text, const char *word)
{
	size_t i;

	for (i = 0; i < seg->ntokens; i++)
		if (seg->tokens[i].end - seg->tokens[i].start == strlen(word) &&
		    memcmp(text + seg->tokens[i].start, word, strlen(word)) == 0)
			return (long)i;
	return -1;
}

/* Whether the token with form dep depends on the token with form head
 * by a relation whose name starts with rel. */
static int has_arc(const ent_segmentation *seg, const char *text, const char *head,
                   const char *rel, const char *dep)
{
	long h = find_token(seg, text, head), d = find_token(seg, text, dep);
	const ent_sentence *s;
	const char *name;

	if (h < 0 || d < 0)
		return 0;
	s = &seg->sents[0];
	name = ent_deprel_name(seg->tokens[d].deprel);
	return seg->tokens[d].head == h - (long)s->first + 1 &&
	       strncmp(name, rel, strlen(rel)) == 0;
}

typedef struct svo_case {
	const char *text, *verb, *subj, *obj;
} svo_case;

TEST(parser_finds_subjects_and_objects_in_news)
{
	static const svo_case cases[] = {
		{"Moscow opened up contacts with the Taliban.", "opened", "Moscow", "contacts"},
		{"Pakistan put off the visit of a US delegation led by acting representative of US "
		 "on Afghanistan & Pakistan, Alice Wells.", "put", "Pakistan", "visit"},
		{"Moscow hosted comprehensive joint military drills with India on August 13.",
		 "hosted", "Moscow", "drills"},
		{"Beijing signed a trade deal with Islamabad.", "signed", "Beijing", "deal"},
		{"India condemned the attack on its embassy in Kabul.", "condemned", "India", "attack"},
		{"Russia sold advanced fighter jets to Pakistan last year.", "sold", "Russia", "jets"},
		{"Washington imposed new sanctions on Tehran on Monday.", "imposed", "Washington",
		 "sanctions"},
		{"The Kremlin rejected the proposal.", "rejected", "Kremlin", "proposal"},
		{"China praised Pakistan for its role in the talks.", "praised", "China", "Pakistan"},
		{"Islamabad expelled two Indian diplomats on Sunday.", "expelled", "Islamabad",
		 "diplomats"},
	};
	ent_model *m = NULL;
	ent_arena *a = NULL;
	size_t i;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	REQUIRE(ent_arena_new(&a, 0) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const svo_case *c = &cases[i];
		ent_segmentation seg;

		ent_arena_reset(a);
		REQUIRE(ent_segment(&seg, c->text, strlen(c->text), a) == 0);
		REQUIRE(ent_tag_parse_all(m, &seg, c->text, a) == 0);
		if (!has_arc(&seg, c->text, c->verb, "nsubj", c->subj) ||
		    !has_arc(&seg, c->text, c->verb, "obj", c->obj)) {
			test_failures++;
			fprintf(stderr, "  wrong subject or object: %s\n", c->text);
		}
		CHECK_INT(seg.tokens[find_token(&seg, c->text, c->verb)].upos, ENT_UPOS_VERB);
	}
	ent_arena_free(a);
	ent_model_free(m);
}

/* Checks that tokens[0..n) form one tree: heads in range, one root, no
 * cycle. */
static int is_tree(const ent_token *t, size_t n)
{
	size_t i, roots = 0;

	for (i = 0; i < n; i++) {
		size_t steps = 0;
		long h = t[i].head;

		if (h < 0 || h > (long)n || h == (long)i + 1)
			return 0;
		if (h == 0)
			roots++;
		while (h != 0 && steps++ <= n)
			h = t[h - 1].head;
		if (h != 0)
			return 0;
		if (t[i].deprel == 0 || !t[i].lemma)
			return 0;
	}
	return roots == 1;
}

TEST(parser_handles_a_1000_token_sentence)
{
	static const char *const words[] = {"The", "army", "said", "that", "troops", "from",
	                                    "India", "and", "Pakistan", "met", ",", "but"};
	ent_model *m = NULL;
	ent_arena *a = NULL;
	ent_buf text = ENT_BUF_INIT;
	ent_segmentation seg;
	size_t i;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	for (i = 0; i < 1000; i++)
		REQUIRE(ent_buf_printf(&text, "%s ", words[i % 12]) == 0);
	REQUIRE(ent_arena_new(&a, 0) == 0);
	REQUIRE(ent_tokenize(&seg, text.data, text.len, a) == 0);
	REQUIRE(seg.nsents == 1);
	CHECK_INT(seg.ntokens, 1000);
	REQUIRE(ent_tag_parse_all(m, &seg, text.data, a) == 0);
	CHECK(is_tree(seg.tokens, seg.ntokens));
	ent_buf_free(&text);
	ent_arena_free(a);
	ent_model_free(m);
}

TEST(parser_survives_odd_tokens)
{
	static const char *const texts[] = {
		"", ".", "!!!", "a", "\xff\xfe", "US$ 3,000,000 -- ??? http://x.y/z :-) ...",
		"ALL CAPS HEADLINE: RUSSIA TALKS", "12 34 56", "\xe2\x80\x9cQuoted\xe2\x80\x9d text",
	};
	ent_model *m = NULL;
	ent_arena *a = NULL;
	size_t i;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	REQUIRE(ent_arena_new(&a, 0) == 0);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		ent_segmentation seg;
		size_t k;

		ent_arena_reset(a);
		REQUIRE(ent_segment(&seg, texts[i], strlen(texts[i]), a) == 0);
		REQUIRE(ent_tag_parse_all(m, &seg, texts[i], a) == 0);
		for (k = 0; k < seg.nsents; k++)
			CHECK(is_tree(seg.tokens + seg.sents[k].first, seg.sents[k].ntokens));
	}
	CHECK_INT(ent_tag_parse(m, NULL, 0, "", a), 0);
	ent_arena_free(a);
	ent_model_free(m);
}

TEST(lemmas_of_regular_and_irregular_forms)
{
	static const char *const cases[][2] = {
		{"The talks were held in Moscow.", "be"},
		{"Troops went home.", "go"},
		{"Officials said the countries signed agreements.", "sign"},
	};
	ent_model *m = NULL;
	ent_arena *a = NULL;
	ent_segmentation seg;
	size_t i;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	REQUIRE(ent_arena_new(&a, 0) == 0);
	for (i = 0; i < 3; i++) {
		size_t k;
		int found = 0;

		ent_arena_reset(a);
		REQUIRE(ent_segment(&seg, cases[i][0], strlen(cases[i][0]), a) == 0);
		REQUIRE(ent_tag_parse_all(m, &seg, cases[i][0], a) == 0);
		for (k = 0; k < seg.ntokens; k++)
			found |= strcmp(seg.tokens[k].lemma, cases[i][1]) == 0;
		CHECK(found);
	}
	ent_arena_reset(a);
	REQUIRE(ent_segment(&seg, cases[2][0], strlen(cases[2][0]), a) == 0);
	REQUIRE(ent_tag_parse_all(m, &seg, cases[2][0], a) == 0);
	CHECK_STR(seg.tokens[0].lemma, "official");
	CHECK_STR(seg.tokens[3].lemma, "country");
	CHECK_STR(seg.tokens[5].lemma, "agreement");
	ent_arena_free(a);
	ent_model_free(m);
}

TEST(lemmas_and_relations_follow_ewt)
{
	static const char text[] = "Some 1,100 Americans want to visit Iraqi towns.";
	ent_model *m = NULL;
	ent_arena *a = NULL;
	ent_segmentation seg;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	REQUIRE(ent_arena_new(&a, 0) == 0);
	REQUIRE(ent_segment(&seg, text, strlen(text), a) == 0);
	REQUIRE(ent_tag_parse_all(m, &seg, text, a) == 0);
	REQUIRE(seg.ntokens == 9);
	CHECK_STR(seg.tokens[1].lemma, "1100");     /* thousands separators go */
	CHECK_STR(seg.tokens[2].lemma, "American");
	CHECK_STR(seg.tokens[6].lemma, "Iraqi");    /* adjectives from names */
	CHECK_STR(seg.tokens[7].lemma, "town");
	CHECK(has_arc(&seg, text, "want", "xcomp", "visit"));
	CHECK(is_tree(seg.tokens, seg.ntokens));
	ent_arena_free(a);
	ent_model_free(m);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The decoder looks up part of the parser's features (tables of tag and
 * label templates) where training hashes them, and hashes the rest in
 * vector rounds, in another order: on every state of random walks
 * through parses of news sentences, the slots must be the same ones. */
TEST(decoder_features_are_the_trainers)
{
	static const char text[] =
	    "The United Nations said on Monday that Russian troops had withdrawn from the "
	    "town, but Ukraine's foreign minister, Dmytro Kuleba, rejected the claim. "
	    "\"We will not negotiate,\" he told reporters in Kyiv after talks with Turkey.";
	ent_model *m = NULL;
	ent_arena *a = NULL;
	ent_segmentation seg;
	uint32_t rnd = 12345;
	size_t s, walk;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	REQUIRE(ent_arena_new(&a, 0) == 0);
	REQUIRE(ent_segment(&seg, text, strlen(text), a) == 0);
	REQUIRE(ent_tag_parse_all(m, &seg, text, a) == 0);
	for (s = 0; s < seg.nsents; s++) {
		const ent_token *tok = seg.tokens + seg.sents[s].first;
		int n = (int)seg.sents[s].ntokens, i;
		ent_tokinfo *ti = ent_arena_alloc(a, (size_t)n * sizeof *ti);
		uint8_t *xpos = ent_arena_alloc(a, (size_t)n), *upos = ent_arena_alloc(a, (size_t)n);
		ent_pwords pw;
		ent_pstate st;

		REQUIRE(ti && xpos && upos);
		pw.word = ent_arena_alloc(a, (size_t)(n + 1) * sizeof *pw.word);
		pw.suf = ent_arena_alloc(a, (size_t)(n + 1) * sizeof *pw.suf);
		pw.cverb = ent_arena_alloc(a, (size_t)(n + 1) * sizeof *pw.cverb);
		pw.cpunct = ent_arena_alloc(a, (size_t)(n + 1) * sizeof *pw.cpunct);
		pw.tag = ent_arena_alloc(a, (size_t)n + 1);
		pw.utag = ent_arena_alloc(a, (size_t)n + 1);
		st.stack = ent_arena_alloc(a, (size_t)(n + 1) * sizeof *st.stack);
		st.node = ent_arena_alloc(a, (size_t)(n + 1) * sizeof *st.node);
		REQUIRE(pw.word && pw.suf && pw.cverb && pw.cpunct && pw.tag && pw.utag && st.stack &&
		        st.node);
		ent__tokinfo(ti, tok, (size_t)n, text, &m->table);
		for (i = 0; i < n; i++) {
			xpos[i] = tok[i].xpos;
			upos[i] = tok[i].upos;
		}
		ent__pstate_words(&st, &pw, ti, xpos, upos, n);
		for (walk = 0; walk < 4; walk++) {
			ent__pstate_init(&st, n);
			while (!ent__pstate_done(&st)) {
				uint64_t h[ENT_PARSE_NFEAT], o[ENT_PARSE_NFEAT];
				uint8_t valid[ENT_NACT];
				size_t nh = ent__parse_features(h, &st), no = ent__parse_slots(o, &st, m), k;
				int act;

				CHECK_INT(no, nh);
				for (k = 0; k < nh; k++)
					h[k] = ent__slot(h[k], m->parser.nslots, m->parser.nclasses);
				qsort(h, nh, sizeof *h, cmp_u64);
				qsort(o, no, sizeof *o, cmp_u64);
				for (k = 0; k < nh && k < no; k++)
					if (o[k] != h[k]) {
						CHECK(!"decoder slots differ from the trainer's");
						break;
					}
				ent__pstate_valid(&st, valid);
				do {
					rnd = rnd * 1103515245u + 12345u;
					act = (int)(rnd >> 16) % ENT_NACT;
				} while (!valid[act]);
				rnd = rnd * 1103515245u + 12345u;
				ent__pstate_apply(&st, act, (int)((rnd >> 16) % (uint32_t)m->nlabels));
			}
		}
	}
	ent_arena_free(a);
	ent_model_free(m);
}

/* Every vector way of hashing the decoder's features that this processor
 * has gives what the plain one gives. */
TEST(decoder_hash_rounds_agree)
{
	CHECK_INT(ent__hash_rounds_check(), 0);
}

/* A batch of sentences keeps the values of the words it has seen (by
 * form): the trees are those of the sentences parsed one by one. */
TEST(batch_word_cache_changes_nothing)
{
	static const char text[] =
	    "Russia said on Monday that Russia would talk. Talks in Geneva said nothing. "
	    "RUSSIA said Talks would resume, and Russia's talks went on. Said Russia: talk.";
	ent_model *m = NULL;
	ent_arena *a = NULL;
	ent_segmentation one, all;
	size_t s, t;

	if (ent_model_builtin(&m)) {
		test_skip("no built-in model");
		return;
	}
	REQUIRE(ent_arena_new(&a, 0) == 0);
	REQUIRE(ent_segment(&all, text, strlen(text), a) == 0);
	REQUIRE(ent_segment(&one, text, strlen(text), a) == 0);
	REQUIRE(all.nsents > 2 && all.ntokens == one.ntokens);
	REQUIRE(ent_tag_parse_all(m, &all, text, a) == 0);
	for (s = 0; s < one.nsents; s++)
		REQUIRE(ent_tag_parse(m, one.tokens + one.sents[s].first, one.sents[s].ntokens, text,
		                      a) == 0);
	for (t = 0; t < all.ntokens; t++) {
		CHECK_INT(all.tokens[t].xpos, one.tokens[t].xpos);
		CHECK_INT(all.tokens[t].upos, one.tokens[t].upos);
		CHECK_INT(all.tokens[t].head, one.tokens[t].head);
		CHECK_INT(all.tokens[t].deprel, one.tokens[t].deprel);
		CHECK_STR(all.tokens[t].lemma, one.tokens[t].lemma);
	}
	ent_arena_free(a);
	ent_model_free(m);
}
