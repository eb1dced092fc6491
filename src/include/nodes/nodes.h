/*
 * nodes.h
 *     Tagged tree nodes: every parse, query, plan and executor-state node
 *     starts with a NodeTag.
 *
 * Tags are plain ints divided into ranges, one per header, so that the
 * subsystems that own those headers add tags without touching this file:
 *
 *     1 ..  99   nodes/nodes.h, nodes/pg_list.h, nodes/value.h (here)
 *   100 .. 399   nodes/parsenodes.h   raw parse trees, utility statements
 *   400 .. 599   nodes/primnodes.h    analyzed queries and typed expressions
 *   600 .. 799   nodes/plannodes.h    plans
 *   800 .. 999   nodes/execnodes.h    executor state
 *  1000 ..       anything else (tcop, commands)
 */
#ifndef NODES_NODES_H
#define NODES_NODES_H

#include "rustydb.h"
#include "utils/palloc.h"

typedef int NodeTag;

enum
{
    T_Invalid = 0,
    T_List = 1,
    T_IntList,
    T_OidList,
    T_Integer,
    T_Float,
    T_Boolean,
    T_String,
    T_BitString,
    T_Null
};

typedef struct Node
{
    NodeTag     type;
} Node;

#define nodeTag(nodeptr) (((const Node *) (nodeptr))->type)
#define IsA(nodeptr, _type_) (nodeTag(nodeptr) == T_##_type_)
#define makeNode(_type_) ((_type_ *) newNode(sizeof(_type_), T_##_type_))
#define NodeSetTag(nodeptr, t) (((Node *) (nodeptr))->type = (t))
#define castNode(_type_, nodeptr) ((_type_ *) (nodeptr))

/* Allocated zeroed in CurrentMemoryContext. */
static inline Node *
newNode(Size size, NodeTag tag)
{
    Node *result = (Node *) palloc0(size);

    result->type = tag;
    return result;
}

/* Kinds of query/statement a Query or plan performs. */
typedef enum CmdType
{
    CMD_UNKNOWN,
    CMD_SELECT,
    CMD_UPDATE,
    CMD_INSERT,
    CMD_DELETE,
    CMD_UTILITY,
    CMD_NOTHING
} CmdType;

typedef enum JoinType
{
    JOIN_INNER,
    JOIN_LEFT,
    JOIN_FULL,
    JOIN_RIGHT,
    JOIN_SEMI,                  /* planner-internal: EXISTS / IN */
    JOIN_ANTI                   /* planner-internal: NOT EXISTS */
} JoinType;

#endif                          /* NODES_NODES_H */
