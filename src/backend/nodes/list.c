/*
 * list.c
 *     List: a growable array of pointers, ints or Oids (nodes/pg_list.h).
 * The header and the first few cells share one allocation; a list that
 * grows beyond them moves its cells to a separate array.  NIL is the only
 * representation of the empty list: operations that empty a list free it
 * and return NIL.
 */
#include "rustydb.h"

#include "nodes/pg_list.h"
#include "utils/elog.h"

#define LIST_INITIAL_CELLS 5

static List *
new_list(NodeTag type, int min_size)
{
    int         cells = Max(min_size, LIST_INITIAL_CELLS);
    List       *list = palloc(offsetof(List, initial_elements) + (Size) cells * sizeof(ListCell));

    list->type = type;
    list->length = min_size;
    list->max_length = cells;
    list->elements = list->initial_elements;
    return list;
}

/* enlarge_list -- make room for at least min_size cells (in the list's own context). */
static void
enlarge_list(List *list, int min_size)
{
    int         new_max;

    if (min_size <= list->max_length)
        return;
    new_max = Max(16, list->max_length * 2);
    while (new_max < min_size)
        new_max *= 2;
    if (list->elements == list->initial_elements)
    {
        ListCell   *cells = MemoryContextAlloc(GetMemoryChunkContext(list),
                                               (Size) new_max * sizeof(ListCell));

        memcpy(cells, list->elements, (Size) list->length * sizeof(ListCell));
        list->elements = cells;
    }
    else
        list->elements = repalloc(list->elements, (Size) new_max * sizeof(ListCell));
    list->max_length = new_max;
}

static List *
append_cell(List *list, NodeTag type, ListCell cell)
{
    if (list == NIL)
    {
        list = new_list(type, 1);
        list->elements[0] = cell;
        return list;
    }
    Assert(list->type == type);
    enlarge_list(list, list->length + 1);
    list->elements[list->length++] = cell;
    return list;
}

List *
lappend(List *list, void *datum)
{
    return append_cell(list, T_List, (ListCell) {.ptr_value = datum});
}

List *
lappend_int(List *list, int datum)
{
    return append_cell(list, T_IntList, (ListCell) {.int_value = datum});
}

List *
lappend_oid(List *list, Oid datum)
{
    return append_cell(list, T_OidList, (ListCell) {.oid_value = datum});
}

static List *
prepend_cell(List *list, NodeTag type, ListCell cell)
{
    if (list == NIL)
        return append_cell(NIL, type, cell);
    Assert(list->type == type);
    enlarge_list(list, list->length + 1);
    memmove(&list->elements[1], &list->elements[0], (Size) list->length * sizeof(ListCell));
    list->elements[0] = cell;
    list->length++;
    return list;
}

List *
lcons(void *datum, List *list)
{
    return prepend_cell(list, T_List, (ListCell) {.ptr_value = datum});
}

List *
lcons_int(int datum, List *list)
{
    return prepend_cell(list, T_IntList, (ListCell) {.int_value = datum});
}

List *
list_make1_impl(NodeTag t, ListCell a)
{
    List       *list = new_list(t, 1);

    list->elements[0] = a;
    return list;
}

List *
list_make2_impl(NodeTag t, ListCell a, ListCell b)
{
    List       *list = new_list(t, 2);

    list->elements[0] = a;
    list->elements[1] = b;
    return list;
}

List *
list_make3_impl(NodeTag t, ListCell a, ListCell b, ListCell c)
{
    List       *list = new_list(t, 3);

    list->elements[0] = a;
    list->elements[1] = b;
    list->elements[2] = c;
    return list;
}

List *
list_make4_impl(NodeTag t, ListCell a, ListCell b, ListCell c, ListCell d)
{
    List       *list = new_list(t, 4);

    list->elements[0] = a;
    list->elements[1] = b;
    list->elements[2] = c;
    list->elements[3] = d;
    return list;
}

/* list_concat -- append list2's cells to list1 (modified in place); list2 is unchanged. */
List *
list_concat(List *list1, const List *list2)
{
    int         new_len;

    if (list1 == NIL)
        return list_copy(list2);
    if (list2 == NIL)
        return list1;
    Assert(list1->type == list2->type);
    new_len = list1->length + list2->length;
    enlarge_list(list1, new_len);
    memcpy(&list1->elements[list1->length], list2->elements, (Size) list2->length * sizeof(ListCell));
    list1->length = new_len;
    return list1;
}

List *
list_copy(const List *list)
{
    List       *copy;

    if (list == NIL)
        return NIL;
    copy = new_list(list->type, list->length);
    memcpy(copy->elements, list->elements, (Size) list->length * sizeof(ListCell));
    return copy;
}

List *
list_copy_tail(const List *list, int nskip)
{
    List       *copy;

    if (nskip < 0)
        nskip = 0;
    if (list == NIL || nskip >= list->length)
        return NIL;
    copy = new_list(list->type, list->length - nskip);
    memcpy(copy->elements, &list->elements[nskip], (Size) (list->length - nskip) * sizeof(ListCell));
    return copy;
}

List *
list_truncate(List *list, int new_size)
{
    if (new_size <= 0)
    {
        list_free(list);
        return NIL;
    }
    if (list != NIL && new_size < list->length)
        list->length = new_size;
    return list;
}

List *
list_delete_nth_cell(List *list, int n)
{
    Assert(list != NIL && n >= 0 && n < list->length);
    if (list->length == 1)
    {
        list_free(list);
        return NIL;
    }
    memmove(&list->elements[n], &list->elements[n + 1],
            (Size) (list->length - n - 1) * sizeof(ListCell));
    list->length--;
    return list;
}

List *
list_delete_ptr(List *list, void *datum)
{
    for (int i = 0; i < list_length(list); i++)
        if (list->elements[i].ptr_value == datum)
            return list_delete_nth_cell(list, i);
    return list;
}

List *
list_delete_first(List *list)
{
    if (list == NIL)
        return NIL;
    return list_delete_nth_cell(list, 0);
}

List *
list_delete_last(List *list)
{
    if (list == NIL)
        return NIL;
    return list_delete_nth_cell(list, list->length - 1);
}

bool
list_member_ptr(const List *list, const void *datum)
{
    for (int i = 0; i < list_length(list); i++)
        if (list->elements[i].ptr_value == datum)
            return true;
    return false;
}

bool
list_member_int(const List *list, int datum)
{
    for (int i = 0; i < list_length(list); i++)
        if (list->elements[i].int_value == datum)
            return true;
    return false;
}

bool
list_member_oid(const List *list, Oid datum)
{
    for (int i = 0; i < list_length(list); i++)
        if (list->elements[i].oid_value == datum)
            return true;
    return false;
}

List *
list_append_unique_ptr(List *list, void *datum)
{
    return list_member_ptr(list, datum) ? list : lappend(list, datum);
}

List *
list_append_unique_int(List *list, int datum)
{
    return list_member_int(list, datum) ? list : lappend_int(list, datum);
}

static int  (*sort_cmp) (const ListCell *a, const ListCell *b);

static int
sort_trampoline(const void *a, const void *b)
{
    return sort_cmp((const ListCell *) a, (const ListCell *) b);
}

/* list_sort -- sort in place with qsort (not stable). */
void
list_sort(List *list, int (*cmp) (const ListCell *a, const ListCell *b))
{
    if (list_length(list) < 2)
        return;
    sort_cmp = cmp;
    qsort(list->elements, (Size) list->length, sizeof(ListCell), sort_trampoline);
}

void
list_free(List *list)
{
    if (list == NIL)
        return;
    if (list->elements != list->initial_elements)
        pfree(list->elements);
    pfree(list);
}

void
list_free_deep(List *list)
{
    for (int i = 0; i < list_length(list); i++)
        pfree(list->elements[i].ptr_value);
    list_free(list);
}
