/*
 * print.c
 *     Print a result set in psql's default "aligned" format (border 1):
 *     centered headers, a "-+-" rule, numeric columns right-aligned, other
 *     columns left-aligned, multi-line values continued with '+', and a
 *     "(N rows)" footer followed by a blank line.
 * Entry points: CliPrintAligned() (pure: takes names, type OIDs and a 2-D
 * array of cell strings, so it is unit-tested without a server),
 * CliPrintResult() (adapter for a PGresult), CliDisplayWidth().
 * Widths are display columns: multibyte text is measured with mbrtowc() and
 * wcwidth() under the locale chosen by setlocale(); bytes that do not decode
 * count one column each.  Tabs expand to 8-column stops, other control
 * characters print as \r or \xNN, as psql does.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE             /* wcwidth() */
#endif

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cli_int.h"

/* Type OIDs psql right-aligns (pg_type.oid values, fixed since PostgreSQL 7). */
#define CLI_OID_INT8 20
#define CLI_OID_INT2 21
#define CLI_OID_INT4 23
#define CLI_OID_OID 26
#define CLI_OID_XID 28
#define CLI_OID_CID 29
#define CLI_OID_FLOAT4 700
#define CLI_OID_FLOAT8 701
#define CLI_OID_MONEY 790
#define CLI_OID_NUMERIC 1700
#define CLI_OID_XID8 5069

#define CLI_TAB_STOP 8

/* One display line of a formatted cell. */
typedef struct CellLine
{
    char       *text;           /* malloc'd, control characters made visible */
    int         width;          /* display columns */
} CellLine;

/* A cell split at newlines; a NULL value is one empty line. */
typedef struct Cell
{
    int         nlines;
    CellLine   *lines;
} Cell;

/* Growable byte buffer used while formatting one line. */
typedef struct LineBuf
{
    char       *data;
    size_t      len;
    size_t      cap;
} LineBuf;

static void buf_append(LineBuf *buf, const char *bytes, size_t n);
static void cell_add_line(Cell *cell, LineBuf *buf, int width);
static void format_cell(const char *value, Cell *cell);
static void free_cell(Cell *cell);
static void put_spaces(FILE *out, int n);
static void out_of_memory(void);

static void
out_of_memory(void)
{
    fprintf(stderr, "%s: error: out of memory\n", CLI_PROGRAM_NAME);
    exit(CLI_EXIT_ERROR);
}

static void
buf_append(LineBuf *buf, const char *bytes, size_t n)
{
    if (buf->len + n + 1 > buf->cap)
    {
        size_t      cap = buf->cap ? buf->cap : 32;

        while (cap < buf->len + n + 1)
            cap *= 2;
        buf->data = realloc(buf->data, cap);
        if (buf->data == NULL)
            out_of_memory();
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

/* Move the buffer's contents into a new line of cell; the buffer restarts empty. */
static void
cell_add_line(Cell *cell, LineBuf *buf, int width)
{
    CellLine   *lines = realloc(cell->lines, (cell->nlines + 1) * sizeof(*lines));

    if (lines == NULL)
        out_of_memory();
    cell->lines = lines;
    if (buf->data == NULL)
        buf_append(buf, "", 0);
    lines[cell->nlines].text = buf->data;
    lines[cell->nlines].width = width;
    cell->nlines++;
    memset(buf, 0, sizeof(*buf));
}

/*
 * format_cell -- split value at newlines and make control characters visible.
 * value NULL (SQL NULL) prints as an empty string, psql's default.
 * The result is owned by cell; release it with free_cell().
 */
static void
format_cell(const char *value, Cell *cell)
{
    LineBuf     buf = {NULL, 0, 0};
    int         width = 0;
    size_t      len = value ? strlen(value) : 0;
    size_t      i = 0;
    mbstate_t   state;

    memset(cell, 0, sizeof(*cell));
    memset(&state, 0, sizeof(state));
    while (i < len)
    {
        unsigned char c = (unsigned char) value[i];

        if (c == '\n')
        {
            cell_add_line(cell, &buf, width);
            width = 0;
            i++;
        }
        else if (c == '\t')
        {
            int         spaces = CLI_TAB_STOP - width % CLI_TAB_STOP;

            for (int k = 0; k < spaces; k++)
                buf_append(&buf, " ", 1);
            width += spaces;
            i++;
        }
        else if (c == '\r')
        {
            buf_append(&buf, "\\r", 2);
            width += 2;
            i++;
        }
        else if (c < 0x20 || c == 0x7f)
        {
            char        esc[8];

            snprintf(esc, sizeof(esc), "\\x%02X", c);
            buf_append(&buf, esc, 4);
            width += 4;
            i++;
        }
        else if (c < 0x80)
        {
            buf_append(&buf, value + i, 1);
            width++;
            i++;
        }
        else
        {
            wchar_t     wc;
            size_t      n = mbrtowc(&wc, value + i, len - i, &state);

            if (n == (size_t) -1 || n == (size_t) -2 || n == 0)
            {
                /* undecodable in this locale: one column per byte */
                memset(&state, 0, sizeof(state));
                n = 1;
                width++;
            }
            else
            {
                int         w = wcwidth(wc);

                width += (w < 0) ? 1 : w;
            }
            buf_append(&buf, value + i, n);
            i += n;
        }
    }
    cell_add_line(cell, &buf, width);
}

static void
free_cell(Cell *cell)
{
    for (int i = 0; i < cell->nlines; i++)
        free(cell->lines[i].text);
    free(cell->lines);
}

static void
put_spaces(FILE *out, int n)
{
    for (int i = 0; i < n; i++)
        fputc(' ', out);
}

/*
 * CliDisplayWidth -- display columns of the longest line of text[0..len).
 * text need not be NUL-terminated.
 */
int
CliDisplayWidth(const char *text, size_t len)
{
    char       *copy = malloc(len + 1);
    Cell        cell;
    int         width = 0;

    if (copy == NULL)
        out_of_memory();
    memcpy(copy, text, len);
    copy[len] = '\0';
    format_cell(copy, &cell);
    for (int i = 0; i < cell.nlines; i++)
        if (cell.lines[i].width > width)
            width = cell.lines[i].width;
    free_cell(&cell);
    free(copy);
    return width;
}

/* CliTypeIsNumeric -- true for the types psql right-aligns. */
bool
CliTypeIsNumeric(unsigned int type_oid)
{
    switch (type_oid)
    {
        case CLI_OID_INT2:
        case CLI_OID_INT4:
        case CLI_OID_INT8:
        case CLI_OID_FLOAT4:
        case CLI_OID_FLOAT8:
        case CLI_OID_NUMERIC:
        case CLI_OID_OID:
        case CLI_OID_XID:
        case CLI_OID_XID8:
        case CLI_OID_CID:
        case CLI_OID_MONEY:
            return true;
        default:
            return false;
    }
}

/*
 * CliPrintAligned -- print a table to out in psql's aligned format.
 * names[ncols] are the column headers, type_oids[ncols] decide alignment
 * (NULL: all left-aligned), cells[nrows * ncols] is row-major with NULL
 * meaning SQL NULL.  title, if not NULL, is centered above the table.
 * footer adds "(N rows)".  A blank line always follows, as in psql.
 * Nothing is retained; the caller keeps ownership of every argument.
 */
void
CliPrintAligned(FILE *out, const char *title, int ncols,
                const char *const *names, const unsigned int *type_oids,
                int nrows, const char *const *cells, bool footer)
{
    Cell       *headers = calloc(ncols > 0 ? ncols : 1, sizeof(Cell));
    Cell       *body = calloc((size_t) nrows * ncols > 0 ? (size_t) nrows * ncols : 1, sizeof(Cell));
    int        *widths = calloc(ncols > 0 ? ncols : 1, sizeof(int));
    bool       *right = calloc(ncols > 0 ? ncols : 1, sizeof(bool));
    int         header_lines = 0;
    int         total_width;

    if (headers == NULL || body == NULL || widths == NULL || right == NULL)
        out_of_memory();

    for (int j = 0; j < ncols; j++)
    {
        format_cell(names[j], &headers[j]);
        right[j] = type_oids != NULL && CliTypeIsNumeric(type_oids[j]);
        if (headers[j].nlines > header_lines)
            header_lines = headers[j].nlines;
        for (int l = 0; l < headers[j].nlines; l++)
            if (headers[j].lines[l].width > widths[j])
                widths[j] = headers[j].lines[l].width;
    }
    for (int i = 0; i < nrows; i++)
        for (int j = 0; j < ncols; j++)
        {
            Cell       *cell = &body[(size_t) i * ncols + j];

            format_cell(cells[(size_t) i * ncols + j], cell);
            for (int l = 0; l < cell->nlines; l++)
                if (cell->lines[l].width > widths[j])
                    widths[j] = cell->lines[l].width;
        }

    /* border 1: " col | col " -- each column plus 3, less the outer 1 */
    total_width = ncols > 0 ? ncols * 3 - 1 : 0;
    for (int j = 0; j < ncols; j++)
        total_width += widths[j];

    if (title != NULL)
    {
        int         title_width = CliDisplayWidth(title, strlen(title));

        if (title_width < total_width)
            put_spaces(out, (total_width - title_width) / 2);
        fprintf(out, "%s\n", title);
    }

    /* headers: centered, always padded to full width, '+' when continued */
    for (int l = 0; l < header_lines; l++)
    {
        for (int j = 0; j < ncols; j++)
        {
            Cell       *h = &headers[j];
            int         w = l < h->nlines ? h->lines[l].width : 0;
            int         left = (widths[j] - w) / 2;

            if (j > 0)
                fputc('|', out);
            fputc(' ', out);
            put_spaces(out, left);
            if (l < h->nlines)
                fputs(h->lines[l].text, out);
            put_spaces(out, widths[j] - w - left);
            fputc(l + 1 < h->nlines ? '+' : ' ', out);
        }
        fputc('\n', out);
    }

    /* the rule under the headers; psql prints "--" even for zero columns */
    if (ncols == 0)
        fputs("--", out);
    for (int j = 0; j < ncols; j++)
    {
        if (j > 0)
            fputc('+', out);
        for (int k = 0; k < widths[j] + 2; k++)
            fputc('-', out);
    }
    fputc('\n', out);

    /*
     * rows: the last column gets no trailing padding or blank margin, so
     * lines carry no trailing whitespace except where psql leaves it
     */
    for (int i = 0; i < nrows && ncols > 0; i++)
    {
        int         row_lines = 0;

        for (int j = 0; j < ncols; j++)
            if (body[(size_t) i * ncols + j].nlines > row_lines)
                row_lines = body[(size_t) i * ncols + j].nlines;

        for (int l = 0; l < row_lines; l++)
        {
            for (int j = 0; j < ncols; j++)
            {
                Cell       *cell = &body[(size_t) i * ncols + j];
                bool        last = (j == ncols - 1);
                bool        more = l + 1 < cell->nlines;

                if (j > 0)
                    fputc('|', out);
                fputc(' ', out);
                if (l >= cell->nlines)
                {
                    if (!last)
                    {
                        put_spaces(out, widths[j]);
                        fputc(' ', out);
                    }
                    continue;
                }
                if (right[j])
                {
                    put_spaces(out, widths[j] - cell->lines[l].width);
                    fputs(cell->lines[l].text, out);
                }
                else
                {
                    fputs(cell->lines[l].text, out);
                    if (!last || more)
                        put_spaces(out, widths[j] - cell->lines[l].width);
                }
                if (more)
                    fputc('+', out);
                else if (!last)
                    fputc(' ', out);
            }
            fputc('\n', out);
        }
    }

    if (footer)
        fprintf(out, "(%d row%s)\n", nrows, nrows == 1 ? "" : "s");
    fputc('\n', out);

    for (int j = 0; j < ncols; j++)
        free_cell(&headers[j]);
    for (size_t k = 0; k < (size_t) nrows * ncols; k++)
        free_cell(&body[k]);
    free(headers);
    free(body);
    free(widths);
    free(right);
}

/*
 * CliPrintResult -- print a PGRES_TUPLES_OK result with CliPrintAligned().
 * The cell pointers handed to the printer point into res; nothing is copied.
 */
void
CliPrintResult(FILE *out, const PGresult *res, const char *title)
{
    int         ncols = PQnfields(res);
    int         nrows = PQntuples(res);
    const char **names = calloc(ncols > 0 ? ncols : 1, sizeof(char *));
    unsigned int *types = calloc(ncols > 0 ? ncols : 1, sizeof(unsigned int));
    const char **cells = calloc((size_t) nrows * ncols > 0 ? (size_t) nrows * ncols : 1,
                                sizeof(char *));

    if (names == NULL || types == NULL || cells == NULL)
        out_of_memory();
    for (int j = 0; j < ncols; j++)
    {
        names[j] = PQfname(res, j);
        types[j] = PQftype(res, j);
    }
    for (int i = 0; i < nrows; i++)
        for (int j = 0; j < ncols; j++)
            cells[(size_t) i * ncols + j] =
                PQgetisnull(res, i, j) ? NULL : PQgetvalue(res, i, j);

    CliPrintAligned(out, title, ncols, names, types, nrows, cells, true);
    free(names);
    free(types);
    free(cells);
}
