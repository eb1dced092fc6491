/*
 * pg_list.h
 *     List: a growable array of pointers, ints or Oids, with NIL for empty.
 * Implemented in src/backend/nodes/list.c.  Lists are allocated in
 * CurrentMemoryContext; appending may move the element array, so never keep
 * a ListCell pointer across a modification of the same list.
 */
#ifndef NODES_PG_LIST_H
#define NODES_PG_LIST_H

#include "nodes/nodes.h"

typedef union ListCell
{
    void       *ptr_value;
    int         int_value;
    Oid         oid_value;
} ListCell;

typedef struct List
{
    NodeTag     type;           /* T_List, T_IntList or T_OidList */
    int         length;
    int         max_length;
    ListCell   *elements;
    ListCell    initial_elements[FLEXIBLE_ARRAY_MEMBER];
} List;

#define NIL ((List *) NULL)

static inline int
list_length(const List *l)
{
    return l ? l->length : 0;
}

#define lfirst(lc) ((lc)->ptr_value)
#define lfirst_int(lc) ((lc)->int_value)
#define lfirst_oid(lc) ((lc)->oid_value)
#define lfirst_node(type, lc) castNode(type, lfirst(lc))

static inline ListCell *
list_nth_cell(const List *list, int n)
{
    Assert(list != NIL && n >= 0 && n < list->length);
    return &list->elements[n];
}

#define list_nth(l, n) (list_nth_cell(l, n)->ptr_value)
#define list_nth_int(l, n) (list_nth_cell(l, n)->int_value)
#define list_nth_oid(l, n) (list_nth_cell(l, n)->oid_value)
#define list_nth_node(type, l, n) castNode(type, list_nth(l, n))
#define linitial(l) list_nth(l, 0)
#define lsecond(l) list_nth(l, 1)
#define lthird(l) list_nth(l, 2)
#define linitial_int(l) list_nth_int(l, 0)
#define linitial_oid(l) list_nth_oid(l, 0)
#define llast(l) list_nth(l, list_length(l) - 1)
#define linitial_node(type, l) castNode(type, linitial(l))

/* foreach(cell, list) { ... lfirst(cell) ... }  -- safe against NIL. */
typedef struct ForEachState
{
    const List *l;
    int         i;
} ForEachState;

#define foreach(cell, lst) \
    for (ForEachState cell##__state = {(lst), 0}; \
         (cell##__state.l != NIL && cell##__state.i < cell##__state.l->length) ? \
         (cell = &cell##__state.l->elements[cell##__state.i], true) : (cell = NULL, false); \
         cell##__state.i++)
#define foreach_current_index(cell) (cell##__state.i)

/* forboth(c1, l1, c2, l2): walk two lists in step, stopping at the shorter. */
typedef struct ForBothState
{
    const List *l1;
    const List *l2;
    int         i;
} ForBothState;

#define forboth(cell1, list1, cell2, list2) \
    for (ForBothState cell1##__state = {(list1), (list2), 0}; \
         cell1##__state.i < list_length(cell1##__state.l1) && \
         cell1##__state.i < list_length(cell1##__state.l2) ? \
         (cell1 = &cell1##__state.l1->elements[cell1##__state.i], \
          cell2 = &cell1##__state.l2->elements[cell1##__state.i], true) : \
         (cell1 = NULL, cell2 = NULL, false); \
         cell1##__state.i++)

extern List *lappend(List *list, void *datum);
extern List *lappend_int(List *list, int datum);
extern List *lappend_oid(List *list, Oid datum);
extern List *lcons(void *datum, List *list);
extern List *lcons_int(int datum, List *list);
extern List *list_make1_impl(NodeTag t, ListCell a);
extern List *list_make2_impl(NodeTag t, ListCell a, ListCell b);
extern List *list_make3_impl(NodeTag t, ListCell a, ListCell b, ListCell c);
extern List *list_make4_impl(NodeTag t, ListCell a, ListCell b, ListCell c, ListCell d);
#define list_make1(x1) list_make1_impl(T_List, (ListCell) {.ptr_value = (x1)})
#define list_make2(x1, x2) list_make2_impl(T_List, (ListCell) {.ptr_value = (x1)}, (ListCell) {.ptr_value = (x2)})
#define list_make3(x1, x2, x3) list_make3_impl(T_List, (ListCell) {.ptr_value = (x1)}, (ListCell) {.ptr_value = (x2)}, (ListCell) {.ptr_value = (x3)})
#define list_make4(x1, x2, x3, x4) list_make4_impl(T_List, (ListCell) {.ptr_value = (x1)}, (ListCell) {.ptr_value = (x2)}, (ListCell) {.ptr_value = (x3)}, (ListCell) {.ptr_value = (x4)})
#define list_make1_int(x1) list_make1_impl(T_IntList, (ListCell) {.int_value = (x1)})
#define list_make2_int(x1, x2) list_make2_impl(T_IntList, (ListCell) {.int_value = (x1)}, (ListCell) {.int_value = (x2)})
#define list_make1_oid(x1) list_make1_impl(T_OidList, (ListCell) {.oid_value = (x1)})

extern List *list_concat(List *list1, const List *list2);   /* modifies list1 */
extern List *list_copy(const List *list);                   /* shallow */
extern List *list_copy_tail(const List *list, int nskip);
extern List *list_truncate(List *list, int new_size);
extern List *list_delete_nth_cell(List *list, int n);
extern List *list_delete_ptr(List *list, void *datum);
extern List *list_delete_first(List *list);
extern List *list_delete_last(List *list);
extern bool list_member_ptr(const List *list, const void *datum);
extern bool list_member_int(const List *list, int datum);
extern bool list_member_oid(const List *list, Oid datum);
extern List *list_append_unique_ptr(List *list, void *datum);
extern List *list_append_unique_int(List *list, int datum);
extern void list_sort(List *list, int (*cmp) (const ListCell *a, const ListCell *b));
extern void list_free(List *list);
extern void list_free_deep(List *list);                     /* also pfree()s each element */

#endif                          /* NODES_PG_LIST_H */
