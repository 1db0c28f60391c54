/* grant_table.h: grants, the v1 grant-table ABI (XEN-ABI.md §2.8): a domain lets one other
 * domain map or copy a page of its RAM by writing an entry in its grant table. */
#ifndef GRANT_TABLE_H
#define GRANT_TABLE_H

#include "types.h"

struct domain;

/* Frames a grant table may grow to (Xen: 64 by default; 1 at first, as Xen), and how many
 * grants one domain may have mapped at once (its "maptrack" handles). */
#define GNTTAB_MAX_FRAMES   4
#define GNTTAB_MAPTRACK     16

/* One grant this domain mapped from another (or itself). */
struct grant_mapping {
    uint32_t flags;         /* GNTMAP_host_map, GNTMAP_readonly; 0: the handle is free */
    uint32_t domid;         /* the granting domain (0: it is gone) */
    uint32_t ref;           /* its grant reference */
    uint32_t host_addr;     /* the guest physical page it is mapped at, here */
    uintptr_t frame;        /* the machine address of the granted page */
};

struct grant_table {
    uint32_t nr_frames;     /* frames in use; 0 stands for 1, the size every table starts with */
    struct grant_mapping map[GNTTAB_MAPTRACK];
};

/* Makes the domain's table at least 'nr_frames' long; false past GNTTAB_MAX_FRAMES. */
bool gnttab_grow(struct domain *d, uint32_t nr_frames);

/* grant_table_op(cmd, uop, count) for the calling domain d. */
/* The size of one operation of an array command (map, unmap, copy); 0 for the others. */
uint32_t gnttab_op_size(uint32_t cmd);
int32_t do_grant_table_op(struct domain *d, uint32_t cmd, uint32_t uop, uint32_t count);

/* The domain goes: the grants it mapped are unmapped, and its table is empty again. */
void gnttab_domain_destroy(struct domain *d);

#endif
