/*
 * cameo_csv.h - reads the two public CAMEO tables that data/dict/cameo.txt
 * is made from: the CAMEO 1.1b3 codebook as CSV (cameo-codes.csv: code,
 * name, Goldstein score) and PLOVER's CAMEO2PLOVER table ("CODE: EVENT,
 * mode, context # label"). Shared by tools/gen-cameo.c, which writes
 * cameo.txt, and the unit test that checks cameo.txt against them.
 * Header-only (static functions); plain C with the standard library.
 */
#ifndef ENTENTE_CAMEO_CSV_H
#define ENTENTE_CAMEO_CSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cameo_row {
	char code[8];
	char name[160];
	double goldstein;
	char plover[24];
	char mode[24];
} cameo_row;

/* Reads one CSV record (RFC 4180: quotes, doubled quotes, line breaks in
 * quoted fields) from f into fields (NUL-terminated copies in buf);
 * returns the number of fields, or -1 at the end of the file. */
static inline int cameo_csv_record(FILE *f, char *buf, size_t cap, char **fields, int max)
{
	size_t o = 0;
	int c, n = 1, quoted = 0, any = 0;

	fields[0] = buf;
	while ((c = fgetc(f)) != EOF) {
		any = 1;
		if (quoted) {
			if (c != '"') {
				if (o + 1 < cap)
					buf[o++] = (char)c;
				continue;
			}
			c = fgetc(f);
			if (c == '"') {
				if (o + 1 < cap)
					buf[o++] = '"';
				continue;
			}
			quoted = 0;
			if (c == EOF)
				break;
		}
		if (c == '"') {
			quoted = 1;
		} else if (c == ',') {
			if (o + 1 < cap && n < max) {
				buf[o++] = '\0';
				fields[n++] = buf + o;
			}
		} else if (c == '\n') {
			break;
		} else if (c != '\r' && o + 1 < cap) {
			buf[o++] = (char)c;
		}
	}
	if (!any)
		return -1;
	buf[o] = '\0';
	return n;
}

static inline void cameo_trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	memmove(s, s + i, n - i + 1);
}

/* Reads the codebook rows (code, name, Goldstein) into rows (at most
 * max); returns how many, or -1 when the file cannot be read. */
static inline int cameo_read_codes(const char *path, cameo_row *rows, int max)
{
	FILE *f = fopen(path, "r");
	static char buf[65536];
	char *fields[16];
	int n = 0, k, header = 1;

	if (!f)
		return -1;
	while ((k = cameo_csv_record(f, buf, sizeof buf, fields, 16)) >= 0) {
		if (header) {
			header = 0;
			continue;
		}
		if (k < 5 || n >= max)
			continue;
		memset(&rows[n], 0, sizeof rows[n]);
		snprintf(rows[n].code, sizeof rows[n].code, "%s", fields[3]);
		snprintf(rows[n].name, sizeof rows[n].name, "%s", fields[2]);
		cameo_trim(rows[n].name);
		rows[n].goldstein = strtod(fields[4], NULL);
		n++;
	}
	fclose(f);
	return n;
}

/* Adds PLOVER types and modes from CAMEO2PLOVER to rows (the first line
 * for a code wins); returns 0, or -1 when the file cannot be read. */
static inline int cameo_read_plover(const char *path, cameo_row *rows, int n)
{
	FILE *f = fopen(path, "r");
	char line[512], empty[1];

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		char *colon, *hash, *event, *mode, *comma;
		int i;

		if (line[0] == '#' || !(colon = strchr(line, ':')))
			continue;
		*colon = '\0';
		cameo_trim(line);
		if ((hash = strchr(colon + 1, '#')))
			*hash = '\0';
		event = colon + 1;
		empty[0] = '\0';
		mode = empty;
		if ((comma = strchr(event, ','))) {
			*comma = '\0';
			mode = comma + 1;
			if ((comma = strchr(mode, ',')))
				*comma = '\0';
		}
		cameo_trim(event);
		cameo_trim(mode);
		for (i = 0; i < n; i++) {
			if (strcmp(rows[i].code, line) != 0 || rows[i].plover[0])
				continue;
			snprintf(rows[i].plover, sizeof rows[i].plover, "%s", event);
			snprintf(rows[i].mode, sizeof rows[i].mode, "%s", mode);
		}
	}
	fclose(f);
	return 0;
}

/* QuadClass of a root (GDELT/ICEWS): 01-05 verbal cooperation, 06-08
 * material cooperation, 09-13 verbal conflict, 14-20 material conflict. */
static inline int cameo_quad(int root)
{
	return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

#endif
