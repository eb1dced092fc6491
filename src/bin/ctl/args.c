/*
 * args.c
 *     Split the -o "OPTIONS" string into server arguments the way a POSIX
 *     shell splits words: blanks separate, '...' is literal, "..." allows
 *     \" \\ \$ \` escapes, a backslash outside quotes escapes one character.
 * Entry points: CtlSplitOptions(), CtlFreeArgs().
 * pg_ctl hands its -o string to /bin/sh; we split it ourselves and exec the
 * server directly, so no shell expansion ($VAR, globs, ;) ever happens and
 * the server is our direct child (its pid is the one we wait for).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_int.h"

/*
 * CtlSplitOptions -- split options into a malloc'd, NULL-terminated array
 * of *count malloc'd words (free with CtlFreeArgs()).  On a syntax error
 * (unterminated quote) or allocation failure returns NULL and sets *error.
 */
char **
CtlSplitOptions(const char *options, int *count, const char **error)
{
    size_t      len = strlen(options);
    char      **words = calloc(len / 2 + 2, sizeof(char *));     /* upper bound */
    char       *word = malloc(len + 1);
    const char *p = options;
    int         n = 0;

    *count = 0;
    *error = NULL;
    if (words == NULL || word == NULL)
    {
        free(words);
        free(word);
        *error = "out of memory";
        return NULL;
    }
    for (;;)
    {
        size_t      w = 0;
        bool        in_word = false;

        while (isspace((unsigned char) *p))
            p++;
        if (*p == '\0')
            break;
        while (*p != '\0' && !isspace((unsigned char) *p))
        {
            in_word = true;
            if (*p == '\'')
            {
                const char *close = strchr(p + 1, '\'');

                if (close == NULL)
                {
                    *error = "unterminated single-quoted string";
                    goto fail;
                }
                memcpy(word + w, p + 1, close - p - 1);
                w += close - p - 1;
                p = close + 1;
            }
            else if (*p == '"')
            {
                p++;
                while (*p != '"')
                {
                    if (*p == '\0')
                    {
                        *error = "unterminated double-quoted string";
                        goto fail;
                    }
                    if (*p == '\\' && strchr("\"\\$`", p[1]) != NULL && p[1] != '\0')
                        p++;
                    word[w++] = *p++;
                }
                p++;
            }
            else if (*p == '\\' && p[1] != '\0')
            {
                word[w++] = p[1];
                p += 2;
            }
            else
                word[w++] = *p++;
        }
        if (in_word)
        {
            words[n] = malloc(w + 1);
            if (words[n] == NULL)
            {
                *error = "out of memory";
                goto fail;
            }
            memcpy(words[n], word, w);
            words[n][w] = '\0';
            n++;
        }
    }
    free(word);
    words[n] = NULL;
    *count = n;
    return words;

fail:
    free(word);
    CtlFreeArgs(words, n);
    return NULL;
}

/* CtlFreeArgs -- free an array from CtlSplitOptions(); NULL is allowed. */
void
CtlFreeArgs(char **args, int count)
{
    if (args == NULL)
        return;
    for (int i = 0; i < count; i++)
        free(args[i]);
    free(args);
}
