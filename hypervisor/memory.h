/* memory.h: the memory_op hypercall, and the pages the hypervisor shares with each domain. */
#ifndef MEMORY_H
#define MEMORY_H

#include "types.h"
#include "grant_table.h"

struct domain;

/* Each domain's hypervisor-owned pages: its shared_info, then its grant-table frames. */
#define XEN_PAGE_SHARED_INFO    0
#define XEN_PAGE_GRANT(i)       (1 + (i))
#define XEN_PAGES               (1 + GNTTAB_MAX_FRAMES)
#define NO_GFN                  (~0ull)     /* a page not mapped into the domain (INVALID_GFN) */

/* The machine address of one of the domain's pages (Hyp mode maps it one to one). */
uintptr_t xen_page(const struct domain *d, uint32_t page);
/* The guest frame the domain mapped that page at with XENMEM_add_to_physmap, or NO_GFN. */
uint64_t xen_page_gfn(const struct domain *d, uint32_t page);

/* True if nothing is at guest physical page 'ipa' yet, so the hypervisor may put a page
 * there: not RAM, not a mapped or emulated device, not a page mapped before. */
bool guest_ipa_free(const struct domain *d, uint32_t ipa);

/* memory_op(cmd, arg) for the calling domain d (XEN-ABI.md §2.4). */
int32_t do_memory_op(struct domain *d, uint32_t cmd, uint32_t arg);

/* Unmaps the domain's pages from its stage 2 and clears them (hypercall_domain_destroy). */
void memory_domain_destroy(struct domain *d);

#endif
