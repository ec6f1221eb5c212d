/*
 * dict_load.c - getting dictionary files into an ent_dict: the format of
 * a file from its name and content, files and directories and glob
 * patterns, the embedded built-in set, and the statistics.
 */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "entente/builtin.h"
#include "entente/utf8.h"
#include "dict_int.h"

#define MAX_FILE_BYTES ((size_t)256 << 20)

/* ------------------------------------------------------------------ */
/* Lines                                                               */

int dict_next_line(dict_lines *it, const char **s, size_t *len)
{
	const char *p = it->p, *nl;

	if (p >= it->end)
		return 0;
	nl = memchr(p, '\n', (size_t)(it->end - p));
	if (!nl)
		nl = it->end;
	*s = p;
	*len = (size_t)(nl - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	it->p = nl < it->end ? nl + 1 : it->end;
	it->line++;
	return 1;
}

void dict_trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;

	if (!p) {
		*len = 0;
		return;
	}
	while (n && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\f' || p[0] == '\v')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' ||
	             p[n - 1] == '\f' || p[n - 1] == '\v'))
		n--;
	*s = p;
	*len = n;
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

static const char *const kind_names[ENT_DICT_KIND_COUNT] = {
	"none", "actor", "agent", "verb", "discard", "relation", "issue"
};

const char *ent_dict_kind_name(int kind)
{
	return kind >= 0 && kind < ENT_DICT_KIND_COUNT ? kind_names[kind] : "?";
}

static const char *const format_names[ENT_DICT_FMT_COUNT] = {
	"none", "actors", "agents", "verbs", "discards", "relations", "cameo",
	"petrarch-verbs", "petrarch-actors", "petrarch-agents", "petrarch-discards",
	"petrarch-issues"
};

const char *ent_dict_format_name(int format)
{
	return format >= 0 && format < ENT_DICT_FMT_COUNT ? format_names[format] : "?";
}

int ent_dict_format_parse(const char *name)
{
	int i;

	for (i = 1; i < ENT_DICT_FMT_COUNT; i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Detection                                                           */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The first line of text with something other than a comment, trimmed;
 * skips <!-- --> lines too. */
static int first_content(const char *text, size_t len, const char **s, size_t *n)
{
	dict_lines it;
	int k = 0;

	it.p = text;
	it.end = text + len;
	it.line = 0;
	while (dict_next_line(&it, s, n) && k++ < 1000) {
		const char *h = memchr(*s, '#', *n);

		if (h)
			*n = (size_t)(h - *s);
		dict_trim(s, n);
		if (*n && !(*n >= 2 && (*s)[0] == '<' && (*s)[1] == '!'))
			return 1;
	}
	return 0;
}

/* The format of an entente file from its first content line. */
static int sniff_own(const char *s, size_t n)
{
	const char *bar = memchr(s, '|', n);
	size_t i = 0, f = 0, first = 0;
	int nfields = 0;

	if (n && s[0] == '&' && memchr(s, '=', n))
		return ENT_DICT_FMT_VERBS;
	if (!bar)
		return ENT_DICT_FMT_NONE;
	while (i < (size_t)(bar - s)) {
		while (i < (size_t)(bar - s) && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= (size_t)(bar - s))
			break;
		f = i;
		while (i < (size_t)(bar - s) && s[i] != ' ' && s[i] != '\t')
			i++;
		if (nfields++ == 0)
			first = f;
	}
	if (nfields == 0)
		return ENT_DICT_FMT_NONE;
	{
		const char *w = s + first;

		if (w[0] == '!' || (w[0] >= '0' && w[0] <= '9'))
			return nfields == 5 ? ENT_DICT_FMT_CAMEO : ENT_DICT_FMT_VERBS;
		if (strncmp(w, "sentence", 8) == 0 || strncmp(w, "story", 5) == 0)
			return ENT_DICT_FMT_DISCARDS;
		if ((strncmp(w, "noun", 4) == 0 || strncmp(w, "adj", 3) == 0 ||
		     strncmp(w, "verb", 4) == 0) && nfields == 3)
			return ENT_DICT_FMT_RELATIONS;
	}
	return nfields == 1 ? ENT_DICT_FMT_AGENTS : ENT_DICT_FMT_ACTORS;
}

/* Whether the text looks like a PETRARCH verbs file or an issues file. */
static int sniff_petr(const char *text, size_t len)
{
	dict_lines it;
	const char *s;
	size_t n;
	int k = 0;

	it.p = text;
	it.end = text + len;
	it.line = 0;
	while (dict_next_line(&it, &s, &n) && k++ < 2000) {
		dict_trim(&s, &n);
		if (n >= 8 && memcmp(s, "---", 3) == 0 && memchr(s, '[', n) &&
		    memcmp(s + n - 3, "---", 3) == 0)
			return ENT_DICT_FMT_PETR_VERBS;
		if (n >= 6 && memcmp(s, "<ISSUE", 6) == 0)
			return ENT_DICT_FMT_PETR_ISSUES;
	}
	return ENT_DICT_FMT_NONE;
}

static int detect(const char *path, const char *text, size_t len)
{
	const char *base = strrchr(path, '/'), *s;
	size_t n;
	int own;

	base = base ? base + 1 : path;
	if (!ends_with(base, ".txt"))
		return ENT_DICT_FMT_NONE;
	if (strcmp(base, "cameo.txt") == 0)
		return ENT_DICT_FMT_CAMEO;
	if (strcmp(base, "countries.txt") == 0 || strcmp(base, "people.txt") == 0 ||
	    strcmp(base, "orgs.txt") == 0 || strcmp(base, "iso3166.txt") == 0)
		return ENT_DICT_FMT_ACTORS;
	if (strcmp(base, "relations.txt") == 0)
		return ENT_DICT_FMT_RELATIONS;
	if (ends_with(base, ".actors.txt"))
		return ENT_DICT_FMT_PETR_ACTORS;
	if (ends_with(base, ".agents.txt"))
		return ENT_DICT_FMT_PETR_AGENTS;
	if (ends_with(base, ".discards.txt"))
		return ENT_DICT_FMT_PETR_DISCARDS;
	if (ends_with(base, ".verbs.txt"))
		return ENT_DICT_FMT_PETR_VERBS;
	if (strstr(base, "Issue") || strstr(base, "issues"))
		return ENT_DICT_FMT_PETR_ISSUES;
	own = first_content(text, len, &s, &n) ? sniff_own(s, n) : ENT_DICT_FMT_NONE;
	if (strcmp(base, "agents.txt") == 0)
		return own == ENT_DICT_FMT_AGENTS ? own : ENT_DICT_FMT_PETR_AGENTS;
	if (strcmp(base, "discards.txt") == 0)
		return own == ENT_DICT_FMT_DISCARDS ? own : ENT_DICT_FMT_PETR_DISCARDS;
	if (base - path >= 6 && strncmp(base - 6, "verbs/", 6) == 0 &&
	    (own == ENT_DICT_FMT_VERBS || own == ENT_DICT_FMT_NONE))
		return ENT_DICT_FMT_VERBS;
	if (own != ENT_DICT_FMT_NONE)
		return own;
	return sniff_petr(text, len);
}

/* ------------------------------------------------------------------ */
/* Adding files                                                        */

static int file_new(ent_dict *d, const char *path, uint16_t *index)
{
	ent_dict_file_info *f;
	const char *p;

	if (d->nfiles >= 0xFFF0)
		return ent_error_set(ENT_ELIMIT, "too many dictionary files");
	if (d->nfiles == d->files_cap) {
		size_t cap = d->files_cap ? d->files_cap * 2 : 16;
		ent_dict_file_info *nf = ent_realloc(d->files, cap * sizeof *nf);

		if (!nf)
			return ent_error_set(ENT_ENOMEM, "out of memory");
		d->files = nf;
		d->files_cap = cap;
	}
	p = dict_string(d, path, strlen(path));
	if (!p)
		return ent_error_set(ENT_ENOMEM, "out of memory");
	f = &d->files[d->nfiles];
	memset(f, 0, sizeof *f);
	f->path = p;
	*index = (uint16_t)d->nfiles++;
	return ENT_OK;
}

static int plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
			return 0;
	return 1;
}

static uint32_t count_lines(const char *s, size_t n)
{
	uint32_t k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	return k + (n && s[n - 1] != '\n');
}

/* Loads text as format into d with the diagnostics under file. */
static int load_text(ent_dict *d, uint16_t file, const char *path, const char *text,
                     size_t len, int format)
{
	ent_buf clean = ENT_BUF_INIT;
	dict_load ld;
	int rc;

	/* Dictionaries are read as valid NFC UTF-8, as documents are; only
	 * lines with other than plain ASCII need the work. */
	if (!plain_ascii(text, len)) {
		size_t i = 0;

		if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < len) {
			const char *nl = memchr(text + i, '\n', len - i);
			size_t end = nl ? (size_t)(nl - text) + 1 : len;

			rc = plain_ascii(text + i, end - i) ? ent_buf_put(&clean, text + i, end - i)
			                                    : ent_utf8_clean(&clean, text + i, end - i);
			if (rc) {
				ent_buf_free(&clean);
				return ent_error_set(rc, "out of memory");
			}
			i = end;
		}
		text = clean.data;
		len = clean.len;
	}
	memset(&ld, 0, sizeof ld);
	ld.d = d;
	ld.file = file;
	ld.path = path;
	ld.format = format;
	if (file < d->nfiles) {
		d->files[file].format = (uint8_t)format;
		d->files[file].lines = count_lines(text, len);
	}
	if (format >= ENT_DICT_FMT_PETR_VERBS)
		rc = dict_load_petr(&ld, text, len);
	else
		rc = dict_load_own(&ld, text, len);
	ent_buf_free(&clean);
	return rc;
}

int ent_dict_add_text(ent_dict *d, const char *name, const char *text, size_t len,
                      ent_dict_format format)
{
	uint16_t file;
	int rc;

	if (d->finished)
		return ent_error_set(ENT_EINVALID, "dictionary already finished");
	if ((rc = file_new(d, name, &file)))
		return rc;
	if (format == ENT_DICT_FMT_NONE)
		format = (ent_dict_format)detect(name, text, len);
	if (format <= ENT_DICT_FMT_NONE || format >= ENT_DICT_FMT_COUNT) {
		d->files[file].lines = count_lines(text, len);
		return ENT_OK;  /* recorded as skipped */
	}
	return load_text(d, file, d->files[file].path, text, len, format);
}

/* Reads a whole file into buf. */
static int read_file(ent_buf *buf, const char *path)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = ENT_OK;

	if (!f)
		return ent_error_set(errno == ENOENT ? ENT_ENOTFOUND : ENT_EIO,
		                     "cannot open %s: %s", path, strerror(errno));
	ent_buf_init(buf, MAX_FILE_BYTES);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if ((rc = ent_buf_put(buf, chunk, n))) {
			rc = rc == ENT_ELIMIT ? ent_error_set(ENT_ELIMIT, "%s: file too large", path)
			                      : ent_error_set(rc, "out of memory");
			break;
		}
	}
	if (!rc && ferror(f))
		rc = ent_error_set(ENT_EIO, "cannot read %s: %s", path, strerror(errno));
	fclose(f);
	return rc;
}

int ent_dict_add_file(ent_dict *d, const char *path, ent_dict_format format)
{
	ent_buf buf = ENT_BUF_INIT;
	int rc = read_file(&buf, path);

	if (!rc)
		rc = ent_dict_add_text(d, path, buf.data, buf.len, format);
	ent_buf_free(&buf);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Directories, lists, globs                                           */

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_path(ent_dict *d, const char *path, int top, int depth, int *found);

static int add_dir(ent_dict *d, const char *path, int depth, int *found)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = ENT_OK;

	if (depth > 8)
		return ENT_OK;
	dir = opendir(path);
	if (!dir)
		return ent_error_set(ENT_EIO, "cannot open directory %s: %s", path, strerror(errno));
	while ((e = readdir(dir))) {
		size_t len;
		char *full;

		if (e->d_name[0] == '.')
			continue;
		len = strlen(path) + strlen(e->d_name) + 2;
		full = ent_malloc(len);
		if (!full) {
			rc = ent_error_set(ENT_ENOMEM, "out of memory");
			break;
		}
		snprintf(full, len, "%s%s%s", path, ends_with(path, "/") ? "" : "/", e->d_name);
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **nn = ent_realloc(names, ncap * sizeof *nn);

			if (!nn) {
				ent_free(full);
				rc = ent_error_set(ENT_ENOMEM, "out of memory");
				break;
			}
			names = nn;
			cap = ncap;
		}
		names[n++] = full;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, compare_names);
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = add_path(d, names[i], 0, depth + 1, found);
		ent_free(names[i]);
	}
	ent_free(names);
	return rc;
}

static int add_path(ent_dict *d, const char *path, int top, int depth, int *found)
{
	struct stat st;
	int rc;

	if (stat(path, &st) != 0)
		return ent_error_set(ENT_ENOTFOUND, "cannot open %s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return add_dir(d, path, depth, found);
	if (!S_ISREG(st.st_mode))
		return ENT_OK;
	if (!top && !ends_with(path, ".txt")) {
		/* Recorded so that dict check can say what it skipped. */
		uint16_t file;

		return file_new(d, path, &file);
	}
	rc = ent_dict_add_file(d, path, ENT_DICT_FMT_NONE);
	if (rc)
		return rc;
	if (d->files[d->nfiles - 1].format != ENT_DICT_FMT_NONE)
		++*found;
	else if (top) {
		dict_load ld;

		memset(&ld, 0, sizeof ld);
		ld.d = d;
		ld.file = (uint16_t)(d->nfiles - 1);
		ld.path = d->files[d->nfiles - 1].path;
		return dict_diag(&ld, ENT_DIAG_ERROR, "not a dictionary file this reader knows");
	}
	return ENT_OK;
}

int ent_dict_load_dir(ent_dict **out, const char *spec)
{
	ent_dict *d = NULL;
	char *copy = NULL, *part, *save = NULL;
	int rc, found = 0;

	*out = NULL;
	if ((rc = ent_dict_new(&d)))
		return rc;
	copy = ent_strdup(spec);
	if (!copy) {
		rc = ent_error_set(ENT_ENOMEM, "out of memory");
		goto done;
	}
	for (part = strtok_r(copy, ",", &save); part; part = strtok_r(NULL, ",", &save)) {
		if (!*part)
			continue;
		if (strpbrk(part, "*?[")) {
			glob_t g;
			size_t i;
			int gr = glob(part, 0, NULL, &g);

			if (gr == GLOB_NOMATCH) {
				rc = ent_error_set(ENT_ENOTFOUND, "no files match %s", part);
				goto done;
			}
			if (gr != 0) {
				rc = ent_error_set(gr == GLOB_NOSPACE ? ENT_ENOMEM : ENT_EIO,
				                   "cannot read %s", part);
				goto done;
			}
			for (i = 0; i < g.gl_pathc && !rc; i++)
				rc = add_path(d, g.gl_pathv[i], 1, 0, &found);
			globfree(&g);
		} else {
			rc = add_path(d, part, 1, 0, &found);
		}
		if (rc)
			goto done;
	}
	if (!found) {
		rc = ent_error_set(ENT_ENOTFOUND, "no dictionary files in %s", spec);
		goto done;
	}
	rc = ent_dict_finish(d);
done:
	ent_free(copy);
	if (rc) {
		ent_dict_free(d);
		return rc;
	}
	*out = d;
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* The built-in set                                                    */

int dict_load_builtin_cameo(ent_dict *d)
{
	const ent_builtin_file *f = ent_builtin_find("data/dict/cameo.txt");
	dict_load ld;
	int rc;

	if (!f)
		return ENT_OK;
	memset(&ld, 0, sizeof ld);
	ld.d = d;
	ld.file = 0xFFFF;  /* no file record: this is the default table */
	ld.path = f->path;
	ld.format = ENT_DICT_FMT_CAMEO;
	rc = dict_load_own(&ld, (const char *)f->data, f->size);
	d->cameo_loaded = 0;  /* a cameo.txt added later replaces it */
	return rc;
}

int ent_dict_load_builtin(ent_dict **out)
{
	const ent_builtin_file *f;
	ent_dict *d;
	int rc;

	*out = NULL;
	if ((rc = ent_dict_new(&d)))
		return rc;
	for (f = ent_builtin_files; f->path; f++) {
		if (strncmp(f->path, "data/dict/", 10) != 0 || !ends_with(f->path, ".txt"))
			continue;
		if ((rc = ent_dict_add_text(d, f->path, (const char *)f->data, f->size,
		                            ENT_DICT_FMT_NONE)))
			break;
	}
	if (!rc)
		rc = ent_dict_finish(d);
	if (rc) {
		ent_dict_free(d);
		return rc;
	}
	*out = d;
	return ENT_OK;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                          */

static int person_kind(int k)
{
	return k >= ENT_ACTOR_HEAD_OF_STATE && k <= ENT_ACTOR_OFFICIAL;
}

static int org_kind(int k)
{
	return k >= ENT_ACTOR_IGO && k <= ENT_ACTOR_AGENCY;
}

static int org_code(const char *c)
{
	static const char *const roots[] = {"IGO", "NGO", "MNC", "IMG", "UAF", NULL};
	int i;

	for (i = 0; c && roots[i]; i++)
		if (strncmp(c, roots[i], 3) == 0)
			return 1;
	return 0;
}

/* Counts distinct pointers (interned strings) in a sorted copy. */
static int compare_ptrs(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return x < y ? -1 : x > y;
}

static size_t distinct(const char **v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, compare_ptrs);
	for (i = 0; i < n; i++)
		if (i == 0 || v[i] != v[i - 1])
			k++;
	return k;
}

void ent_dict_get_stats(const ent_dict *d, ent_dict_stats *st)
{
	const char **countries, **people, **orgs, **roles;
	size_t nc = 0, np = 0, no = 0, nr = 0, i;

	memset(st, 0, sizeof *st);
	countries = ent_malloc((d->nentries + 1) * sizeof *countries);
	people = ent_malloc((d->nentries + 1) * sizeof *people);
	orgs = ent_malloc((d->nentries + 1) * sizeof *orgs);
	roles = ent_malloc((d->nentries + 1) * sizeof *roles);
	for (i = 0; i < d->nentries; i++) {
		const ent_dict_entry *e = &d->entries[i];

		switch (e->kind) {
		case ENT_DICT_ACTOR:
			st->actors++;
			if (e->sub == ENT_ACTOR_OTHER) {
				/* PETRARCH: a record with dated codes is a person;
				 * one with an organisation code an organisation. */
				if ((e->flags & ENT_ENTRY_DATED) && people)
					people[np++] = e->name;
				else if (org_code(e->code) && orgs)
					orgs[no++] = e->name;
				else if (e->code && strlen(e->code) == 3 && countries)
					countries[nc++] = e->code;
			} else if (person_kind(e->sub)) {
				if (people)
					people[np++] = e->name;
			} else if (org_kind(e->sub)) {
				if (orgs)
					orgs[no++] = e->name;
			} else if (e->code && strlen(e->code) == 3 && countries) {
				countries[nc++] = e->code;
			}
			break;
		case ENT_DICT_AGENT:
			if (roles)
				roles[nr++] = e->code;
			break;
		case ENT_DICT_VERB: st->verbs++; break;
		case ENT_DICT_DISCARD: st->discards++; break;
		case ENT_DICT_RELATION: st->relations++; break;
		case ENT_DICT_ISSUE: st->issues++; break;
		default: break;
		}
	}
	st->countries = distinct(countries, nc);
	st->people = distinct(people, np);
	st->organisations = distinct(orgs, no);
	st->roles = distinct(roles, nr);
	ent_free(countries);
	ent_free(people);
	ent_free(orgs);
	ent_free(roles);
	for (i = 0; i < d->nfiles; i++) {
		const ent_dict_file_info *f = &d->files[i];

		if (f->format == ENT_DICT_FMT_ACTORS || f->format == ENT_DICT_FMT_PETR_ACTORS)
			st->actor_phrases += f->phrases;
		if (f->format == ENT_DICT_FMT_AGENTS || f->format == ENT_DICT_FMT_PETR_AGENTS)
			st->agents += f->phrases;
	}
	for (i = 0; i < d->npatterns; i++) {
		const ent_pattern *p = &d->patterns[i];
		const char *c = p->code ? p->code : p->pair_code;
		int root = 0;

		if (d->pattern_dead && d->pattern_dead[i])
			continue;
		st->patterns++;
		if (c && c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9')
			root = (c[0] - '0') * 10 + c[1] - '0';
		st->patterns_per_root[root >= 1 && root <= 20 ? root : 0]++;
	}
	for (i = 1; i < d->synset_names.n; i++)
		if (i < d->synsets_cap && d->synsets[i].line)
			st->synsets++;
	st->cameo_codes = d->ncameo;
	st->words = d->words.n ? d->words.n - 1 : 0;
	st->trie_nodes = d->nnodes;
	st->bytes = ent_arena_used(d->arena) +
	            (d->edge_mask + 1) * (sizeof *d->edge_keys + sizeof *d->edge_child) +
	            d->nodes_cap * 2 * sizeof(uint32_t) + d->nroot * sizeof(uint32_t) +
	            d->entries_cap * sizeof *d->entries + d->patterns_cap * sizeof *d->patterns +
	            (d->words.mask + 1) * sizeof(uint32_t) + d->words.cap * 12;
}
