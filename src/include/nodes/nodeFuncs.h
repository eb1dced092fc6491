/*
 * nodeFuncs.h
 *     Generic operations on analyzed expression trees (nodes/primnodes.h):
 *     result types, locations, walkers and mutators, copying.
 * Implemented in src/backend/nodes/nodeFuncs.c and copyfuncs.c.
 */
#ifndef NODES_NODEFUNCS_H
#define NODES_NODEFUNCS_H

#include "nodes/primnodes.h"

extern Oid exprType(const Node *expr);
extern int32 exprTypmod(const Node *expr);
extern int exprLocation(const Node *expr);     /* -1 if unknown */
extern bool exprIsSet(const Node *expr);        /* returns a set (SRF) */

/*
 * expression_tree_walker -- call walker(child, context) for each immediate
 * child of node; returns true as soon as a walker call does.  Does not
 * descend into SubLink subselects' Query (use query_tree_walker for that).
 */
extern bool expression_tree_walker(Node *node, bool (*walker) (Node *, void *), void *context);

/*
 * expression_tree_mutator -- return a copy of node with each immediate child
 * replaced by mutator(child, context).  Allocated in CurrentMemoryContext.
 */
extern Node *expression_tree_mutator(Node *node, Node *(*mutator) (Node *, void *), void *context);

extern bool query_tree_walker(struct Query *query, bool (*walker) (Node *, void *), void *context);

/* Deep copy of any primnodes/plannodes tree (plans are cached and copied). */
extern void *copyObject(const void *from);
extern bool equal(const void *a, const void *b);

#endif                          /* NODES_NODEFUNCS_H */
