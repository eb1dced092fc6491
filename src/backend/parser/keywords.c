/*
 * keywords.c
 *     The SQL keyword table and lookups by spelling.
 * Entry points: KeywordLookup(), KeywordIdLookup(), QuoteIdentifier().
 * The list itself is PARSER_KEYWORD_LIST in parser_int.h (one source for
 * the enum and this table); it must stay sorted by spelling.
 */
#include "rustydb.h"

#include <ctype.h>

#include "parser_int.h"
#include "utils/palloc.h"

const KeywordInfo ParserKeywords[KW__COUNT] = {
#define PARSER_KW_ENTRY(id, word, cat, bare) [id] = {word, cat, bare},
    PARSER_KEYWORD_LIST(PARSER_KW_ENTRY)
#undef PARSER_KW_ENTRY
};

/* The longest keyword is well under this; longer words are never keywords. */
#define KEYWORD_MAX_LEN 32

/*
 * KeywordIdLookup -- KeywordId of the len-byte word (ASCII case folded),
 * or -1.  Binary search over the sorted table.
 */
int
KeywordIdLookup(const char *word, int len)
{
    char        lower[KEYWORD_MAX_LEN + 1];
    int         lo = 0;
    int         hi = KW__COUNT - 1;

    if (len <= 0 || len > KEYWORD_MAX_LEN)
        return -1;
    for (int i = 0; i < len; i++)
    {
        unsigned char ch = (unsigned char) word[i];

        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char) (ch + ('a' - 'A'));
        lower[i] = (char) ch;
    }
    lower[len] = '\0';

    while (lo <= hi)
    {
        int         mid = lo + (hi - lo) / 2;
        int         cmp = strcmp(lower, ParserKeywords[mid].word);

        if (cmp == 0)
            return mid;
        if (cmp < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

int
KeywordLookup(const char *word)
{
    int         id = KeywordIdLookup(word, (int) strlen(word));

    return id < 0 ? -1 : (int) ParserKeywords[id].category;
}

/*
 * QuoteIdentifier -- see parser.h.  Unreserved keywords need no quotes
 * (they are valid ColIds), every other keyword category does.
 */
const char *
QuoteIdentifier(const char *ident)
{
    bool        safe;
    int         nquotes = 0;
    char       *result;
    char       *out;

    safe = ((ident[0] >= 'a' && ident[0] <= 'z') || ident[0] == '_');
    for (const char *s = ident; *s; s++)
    {
        char        ch = *s;

        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')
            continue;
        safe = false;
        if (ch == '"')
            nquotes++;
    }
    if (safe)
    {
        int         cat = KeywordLookup(ident);

        if (cat >= 0 && cat != KEYWORD_UNRESERVED)
            safe = false;
    }
    if (safe)
        return ident;

    result = palloc(strlen(ident) + nquotes + 3);
    out = result;
    *out++ = '"';
    for (const char *s = ident; *s; s++)
    {
        if (*s == '"')
            *out++ = '"';
        *out++ = *s;
    }
    *out++ = '"';
    *out = '\0';
    return result;
}
