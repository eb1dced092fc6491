/*
 * guc_int.h
 *     Private to src/backend/utils/misc: the layout of a setting's table
 *     entry and run-time state, shared by guc_tables.c, guc.c, guc_file.c
 *     and guc_show.c.
 */
#ifndef GUC_INT_H
#define GUC_INT_H

#include "rustydb.h"
#include "utils/guc.h"
#include "utils/elog.h"

/* A value of any setting type.  Strings are allocated in GucMemoryContext. */
typedef union GucValue
{
    bool        boolval;
    int         intval;         /* int and enum */
    double      realval;
    char       *stringval;
} GucValue;

/* One allowed value of an enum setting; hidden ones are accepted but not listed. */
typedef struct GucEnumOption
{
    const char *name;
    int         value;
    bool        hidden;
} GucEnumOption;

/*
 * Hooks.  check: validate (and possibly canonicalise, for strings: replace
 * *newval with a new GucMemoryContext string) a parsed value; on rejection
 * return false and optionally set *detail to a static or palloc'd message.
 * assign: apply a value that passed check (must not fail).  show: SHOW
 * text for settings whose variable does not hold what SHOW prints.
 */
typedef bool (*GucCheckHook) (GucValue *newval, GucSource source, const char **detail);
typedef void (*GucAssignHook) (const GucValue *newval);
typedef const char *(*GucShowHook) (void);

/* The static description of a setting (guc_tables.c). */
typedef struct GucDefinition
{
    const char *name;           /* canonical spelling */
    GucType     type;
    GucContext  context;
    const char *category;
    const char *description;    /* one line, no trailing period */
    int         flags;          /* GUC_UNIT_*, GUC_REPORT, ... */
    void       *variable;       /* bool *, int *, double *, char ** (enum: int *) */
    const char *boot_value;     /* default, in the same syntax as the files */
    double      min;            /* int/real */
    double      max;
    const GucEnumOption *options;   /* enum: NULL-name terminated */
    GucCheckHook check;
    GucAssignHook assign;
    GucShowHook show;
} GucDefinition;

/*
 * Run-time state of one setting (guc.c).  The stack has one level: changes
 * made inside a transaction remember the value from before it (prior) and
 * the value a commit should keep (pending, differs from the current value
 * only after SET LOCAL).
 */
typedef struct GucState
{
    const GucDefinition *def;
    GucValue    value;          /* mirrors *def->variable */
    GucSource   source;
    GucValue    reset_value;    /* what RESET returns to */
    GucSource   reset_source;
    bool        in_xact;        /* prior/pending valid */
    GucValue    prior;
    GucSource   prior_source;
    GucValue    pending;
    GucSource   pending_source;
    bool        report_pending; /* GUC_REPORT: value changed since last ParameterStatus */
} GucState;

/* guc_tables.c */
extern const GucDefinition GucDefinitions[];
extern const int GucDefinitionCount;

/* guc.c */
extern struct MemoryContextData *GucMemoryContext;
extern GucState *GucFindState(const char *name);
extern GucState *GucStates(void);

/* Why a value was rejected: the pieces of the error report (palloc'd or static). */
typedef struct GucValueError
{
    int         sqlstate;
    const char *message;
    const char *detail;
    const char *hint;
} GucValueError;

/*
 * GucParseValue -- parse value for def into *out (strings allocated in
 * GucMemoryContext) and run the check hook.  On failure fills *err.
 */
extern bool GucParseValue(const GucDefinition *def, const char *value, GucSource source,
                          GucValue *out, GucValueError *err);
/* SHOW text of a value (show hook not applied), palloc'd. */
extern char *GucFormatValue(const GucDefinition *def, const GucValue *value);
extern void GucFreeValue(const GucDefinition *def, GucValue *value);
extern const char *GucEnumName(const GucDefinition *def, int value);
/* Reverts a setting whose line was removed from the config files to its built-in default. */
extern void GucRevertFileValue(GucState *state);
/* SHOW text of the setting's current value, palloc'd. */
extern char *GucShowText(const GucState *state);
/* SET's argument list as one string ("a, b" for list settings), palloc'd (guc_commands.c). */
struct List;
extern char *GucFlattenSetArgs(const GucDefinition *def, const char *name, struct List *args);
/* log_prefix.c: LogLinePrefixHook implementation. */
extern const char *GucLogLinePrefix(const ErrorData *edata, bool first_line);
/* May the caller change superuser-only (SUSET) settings?  True before a role is known. */
extern bool GucCallerIsSuperuser(void);

#endif                          /* GUC_INT_H */
