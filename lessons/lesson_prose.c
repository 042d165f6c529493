/*
 * lesson_prose.c - cutting a lesson's prose into blocks.
 *
 * The rules are deliberately few (FORMAT.md: prose is "shown as it is,
 * wrapped"): a paragraph runs until a blank line, a heading, a list item,
 * a table row, an indented line or a code fence; fenced code and
 * indented lines are verbatim (fenced code gains a four-space indent, so
 * it stands out from the text around it the way a rendered page shows
 * it); everything else is words to wrap. Both players (the plain-text
 * one and the full-screen view) draw the same blocks, so a lesson reads
 * the same in either.
 */
#include "lesson_prose.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *lesson_prose_inline(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    for (const char *p = s; *p;) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
        } else if (*p == '[' && strstr(p, "](")) {
            const char *close = strstr(p, "](");
            const char *end = strchr(close, ')');
            if (end && !memchr(p, '\n', (size_t)(end - p))) {
                memcpy(o, p + 1, (size_t)(close - p - 1));
                o += close - p - 1;
                p = end + 1;
            } else {
                *o++ = *p++;
            }
        } else {
            *o++ = *p++;
        }
    }
    *o = 0;
    return out;
}

/* Length of a list marker at the start of [s] ("- ", "* ", "12. "), or 0. */
static size_t list_marker(const char *s)
{
    if ((s[0] == '-' || s[0] == '*') && s[1] == ' ') {
        return 2;
    }
    size_t i = 0;
    while (isdigit((unsigned char)s[i])) {
        i++;
    }
    return i && s[i] == '.' && s[i + 1] == ' ' ? i + 2 : 0;
}

/* Hands the gathered paragraph [para] (its marker [marker] bytes long at
 * its start) to [fn]. */
static void flush_para(const char *para, size_t marker, lesson_prose_fn *fn,
                       void *ctx)
{
    char lead[16] = "";
    if (marker && marker < sizeof lead) {
        snprintf(lead, sizeof lead, "%.*s", (int)marker, para);
    }
    // Words are what matters: the joined lines' indentation (a list
    // item's continuation) and the space after the last go.
    char *text = lesson_prose_inline(para + marker);
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' && (n == 0 || text[n - 1] == ' ')) {
            continue;
        }
        text[n++] = *p;
    }
    while (n && text[n - 1] == ' ') {
        n--;
    }
    text[n] = 0;
    fn(ctx, LESSON_PROSE_PARAGRAPH, lead, text);
    free(text);
}

int lesson_prose_walk(const char *text, lesson_prose_fn *fn, void *ctx)
{
    char *para = NULL;          // the paragraph being gathered
    size_t plen = 0, marker = 0;
    bool in_code = false;
    int nparas = 0;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = malloc(n + 1);
        memcpy(line, p, n);
        line[n] = 0;
        bool end = !nl && !*p;
        bool code_fence = strncmp(line, "```", 3) == 0;
        bool breaks = end || in_code || code_fence || line[0] == 0 ||
                      line[0] == '#' || list_marker(line) ||
                      line[0] == '|' || strncmp(line, "    ", 4) == 0;
        if (breaks && para) {
            flush_para(para, marker, fn, ctx);
            free(para);
            para = NULL;
            plen = 0;
            nparas++;
        }
        if (end) {
            free(line);
            break;
        }
        if (code_fence) {
            in_code = !in_code;
        } else if (in_code) {
            char *indented = malloc(n + 5);
            snprintf(indented, n + 5, "    %s", line);
            fn(ctx, LESSON_PROSE_VERBATIM, "", indented);
            free(indented);
        } else if (line[0] == '|' || strncmp(line, "    ", 4) == 0) {
            fn(ctx, LESSON_PROSE_VERBATIM, "", line);
        } else if (line[0] == '#') {
            const char *h = line;
            while (*h == '#') {
                h++;
            }
            while (*h == ' ') {
                h++;
            }
            char *hp = lesson_prose_inline(h);
            fn(ctx, LESSON_PROSE_HEADING, "", hp);
            free(hp);
        } else if (line[0] == 0) {
            fn(ctx, LESSON_PROSE_BLANK, "", "");
        } else {
            if (!para) {
                marker = list_marker(line);
            }
            para = realloc(para, plen + n + 2);
            memcpy(para + plen, line, n);
            plen += n;
            para[plen++] = ' ';
            para[plen] = 0;
        }
        free(line);
        p = nl ? nl + 1 : p + n;
    }
    free(para);
    return nparas;
}
