/* memory.c: pages the hypervisor shares with a domain, and the memory_op hypercall that puts
 * them into the domain's physical address space. A domain's shared_info (event channel bits,
 * XEN-ABI.md §3) and its grant-table frames (§2.8) belong to the hypervisor; the guest picks
 * a free guest frame and asks for one of them there with XENMEM_add_to_physmap, and stage 2
 * then maps that frame to the hypervisor's page (XEN-ABI.md §2.4). */
#include "memory.h"
#include "domain.h"
#include "guest.h"
#include "hypercall.h"
#include "mm.h"
#include "vpl011.h"

#define PAGE_SIZE                   0x1000u
#define XENMEM_add_to_physmap       7
#define XENMEM_remove_from_physmap  15
#define MEMOP_EXTENT_SHIFT          6       /* public/memory.h */
#define MEMOP_CMD_MASK              0x3f

#define XENMAPSPACE_shared_info     0
#define XENMAPSPACE_grant_table     1
#define XENMAPSPACE_gmfn_foreign    4

/* XENMEM_add_to_physmap's argument, 24 bytes on arm32 (§2.4). */
struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;          /* for gmfn_range only */
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};

/* XENMEM_remove_from_physmap's argument (xen_pfn_t is 64 bits, 8-aligned): 16 bytes. */
struct xen_remove_from_physmap {
    uint16_t domid;
    uint64_t gpfn;
};

_Static_assert(sizeof(struct xen_add_to_physmap) == 24 && sizeof(struct xen_remove_from_physmap) == 16,
               "arm32 layouts (memory.h)");

/* The pages themselves, in the hypervisor's .bss: one set per possible domain. */
static uint8_t pool[P2M_MAX_DOMAINS][XEN_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
/* Where each page is mapped in its domain, as gfn + 1 (0: not mapped). */
static uint64_t mapped[P2M_MAX_DOMAINS][XEN_PAGES];

uintptr_t xen_page(const struct domain *d, uint32_t page)
{
    return (uintptr_t)pool[d->id - 1][page];
}

uint64_t xen_page_gfn(const struct domain *d, uint32_t page)
{
    return mapped[d->id - 1][page] - 1;     /* 0 - 1 = NO_GFN */
}

bool guest_ipa_free(const struct domain *d, uint32_t ipa)
{
    uintptr_t pa;
    if (ipa - GUEST_GICD_BASE < GUEST_GICD_SIZE || ipa - GUEST_PL011_BASE < GUEST_PL011_SIZE)
        return false;                       /* emulated: its accesses must keep trapping */
    return !p2m_lookup(&d->p2m, ipa, &pa);  /* RAM, the GICV pages, shared pages: taken */
}

/* Maps page 'page' of d at guest frame 'gpfn'. Xen 4.17 maps a hypervisor page at one frame
 * only: a second add_to_physmap while it is mapped is -EBUSY, even at the same frame (arm/mm.c
 * "Mandate the caller to first unmap"). Xen would map over anything already at that frame,
 * RAM included, punching a hole in the guest's memory; this hypervisor maps RAM in 2 MiB
 * blocks and never splits them, so it refuses a frame that is not free with -EINVAL. */
static int32_t map_xen_page(struct domain *d, uint32_t page, uint64_t gpfn)
{
    if (mapped[d->id - 1][page])
        return -EBUSY;
    if (gpfn >= (1u << 20) || !guest_ipa_free(d, (uint32_t)gpfn << 12))
        return -EINVAL;
    if (!p2m_map_page(&d->p2m, (uint32_t)gpfn << 12, xen_page(d, page), P2M_RAM))
        return -ENOMEM;                     /* no level-3 table left for that 2 MiB */
    mapped[d->id - 1][page] = gpfn + 1;
    return 0;
}

static int32_t add_to_physmap(struct domain *d, uint32_t arg)
{
    struct xen_add_to_physmap xatp;
    if (!copy_from_guest(&xatp, arg, sizeof(xatp)))
        return -EFAULT;
    if (xatp.space == XENMAPSPACE_gmfn_foreign)
        return -ENOSYS;                     /* only through add_to_physmap_batch (memory.c) */
    struct domain *target = domain_by_any_id(d, xatp.domid);
    if (target == NULL)
        return -ESRCH;
    if (target != d)
        return -EPERM;                      /* another domain's map: the toolstack's (XSM_TARGET) */
    if (xatp.gpfn == NO_GFN)
        return -EINVAL;
    switch (xatp.space) {
    case XENMAPSPACE_shared_info:
        if (xatp.idx != 0)
            return -EINVAL;
        return map_xen_page(d, XEN_PAGE_SHARED_INFO, xatp.gpfn);
    case XENMAPSPACE_grant_table:
        /* Frame idx; asking for one past the end grows the table, up to its limit. Bit 31
         * would ask for a status frame, which only the v2 ABI has: no such frame. */
        if (xatp.idx >= GNTTAB_MAX_FRAMES || !gnttab_grow(d, (uint32_t)xatp.idx + 1))
            return -EINVAL;
        return map_xen_page(d, XEN_PAGE_GRANT((uint32_t)xatp.idx), xatp.gpfn);
    default:
        return -ENOSYS;                     /* gmfn, gmfn_range, dev_mmio: not offered here */
    }
}

/* Takes a hypervisor page back out of the guest's map. Xen removes whatever is at the frame,
 * RAM too; here only the pages add_to_physmap put there can go (RAM: -EINVAL). */
static int32_t remove_from_physmap(struct domain *d, uint32_t arg)
{
    struct xen_remove_from_physmap xrfp;
    if (!copy_from_guest(&xrfp, arg, sizeof(xrfp)))
        return -EFAULT;
    struct domain *target = domain_by_any_id(d, xrfp.domid);
    if (target == NULL)
        return -ESRCH;
    if (target != d)
        return -EPERM;
    for (uint32_t page = 0; page < XEN_PAGES; page++) {
        if (mapped[d->id - 1][page] == xrfp.gpfn + 1) {
            p2m_unmap_page(&d->p2m, (uint32_t)xrfp.gpfn << 12);
            mapped[d->id - 1][page] = 0;
            return 0;
        }
    }
    uintptr_t pa;
    if (xrfp.gpfn < (1u << 20) && p2m_lookup(&d->p2m, (uint32_t)xrfp.gpfn << 12, &pa))
        return -EINVAL;
    return -ENOENT;                         /* nothing there (get_page_from_gfn fails) */
}

int32_t do_memory_op(struct domain *d, uint32_t cmd, uint32_t arg)
{
    /* Above the command, where a preempted call continues (only gmfn ranges ever do). */
    uint32_t start_extent = cmd >> MEMOP_EXTENT_SHIFT;
    switch (cmd & MEMOP_CMD_MASK) {
    case XENMEM_add_to_physmap:
        return add_to_physmap(d, arg);
    case XENMEM_remove_from_physmap:
        return start_extent ? -EINVAL : remove_from_physmap(d, arg);
    default:
        return -ENOSYS;
    }
}

void memory_domain_destroy(struct domain *d)
{
    for (uint32_t page = 0; page < XEN_PAGES; page++) {
        uint64_t gpfn = xen_page_gfn(d, page);
        if (gpfn != NO_GFN)
            p2m_unmap_page(&d->p2m, (uint32_t)gpfn << 12);
        mapped[d->id - 1][page] = 0;
        memset((void *)xen_page(d, page), 0, PAGE_SIZE);
        mm_clean_dcache(xen_page(d, page), PAGE_SIZE);
    }
}
