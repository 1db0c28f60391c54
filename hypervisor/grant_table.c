/* grant_table.c: sharing pages between domains with grants, Xen's v1 grant tables (XEN-ABI.md
 * §2.8; the only version Xen offers on ARM). The granting domain writes an entry in its grant
 * table, a set of hypervisor pages it maps with XENMEM_add_to_physmap (memory.c):
 *
 *   entry 'ref' = { u16 flags; u16 domid; u32 frame }    8 bytes, 512 per 4 KiB frame
 *
 * "domain 'domid' may use my guest frame 'frame'" (flags GTF_permit_access, maybe
 * GTF_readonly). The other domain then asks the hypervisor to map that page into its own
 * stage 2 (GNTTABOP_map_grant_ref) or to copy to or from it (GNTTABOP_copy). While a grant is
 * mapped the hypervisor sets GTF_reading (and GTF_writing, if writable) in the entry, so the
 * granter knows the page is still in use. Entries 0-7 are reserved for the toolstack. */
#include "grant_table.h"
#include "domain.h"
#include "guest.h"
#include "hypercall.h"
#include "memory.h"
#include "mm.h"

#define GNTTABOP_map_grant_ref      0
#define GNTTABOP_unmap_grant_ref    1
#define GNTTABOP_setup_table        2
#define GNTTABOP_copy               5
#define GNTTABOP_query_size         6
#define GNTTABOP_CMD_MASK           0xfff   /* above it: a continuation argument */

#define ENTRIES_PER_FRAME           512

/* Entry flags (public/grant_table.h). */
#define GTF_permit_access           1u
#define GTF_type_mask               3u
#define GTF_readonly                (1u << 2)
#define GTF_reading                 (1u << 3)
#define GTF_writing                 (1u << 4)
#define GTF_cache_mask              (7u << 5)   /* GTF_PWT, GTF_PCD, GTF_PAT */
#define GTF_sub_page                (1u << 8)

#define GNTMAP_device_map           (1u << 0)
#define GNTMAP_host_map             (1u << 1)
#define GNTMAP_readonly             (1u << 2)
#define GNTMAP_application_map      (1u << 3)
#define GNTMAP_contains_pte         (1u << 4)
#define GNTCOPY_source_gref         (1u << 0)
#define GNTCOPY_dest_gref           (1u << 1)

/* Per-operation results, in each operation's status field (public/grant_table.h). */
#define GNTST_okay                  0
#define GNTST_general_error         (-1)
#define GNTST_bad_domain            (-2)
#define GNTST_bad_gntref            (-3)
#define GNTST_bad_handle            (-4)
#define GNTST_bad_virt_addr         (-5)
#define GNTST_permission_denied     (-8)
#define GNTST_bad_page              (-9)
#define GNTST_bad_copy_arg          (-10)
#define GNTST_no_space              (-13)

/* The operations' arguments, as an arm32 guest lays them out (8-byte handles and frames). */
struct gnttab_map_grant_ref {       /* 32 bytes */
    uint64_t host_addr;
    uint32_t flags;
    uint32_t ref;
    uint16_t dom;
    int16_t status;
    uint32_t handle;
    uint64_t dev_bus_addr;
};

struct gnttab_unmap_grant_ref {     /* 24 bytes */
    uint64_t host_addr;
    uint64_t dev_bus_addr;
    uint32_t handle;
    int16_t status;
};

struct gnttab_setup_table {         /* 24 bytes */
    uint16_t dom;
    uint32_t nr_frames;
    int16_t status;
    uint64_t frame_list;            /* a handle: a pointer to nr_frames 64-bit frame numbers */
};

struct gnttab_copy_ptr {
    union {
        uint32_t ref;
        uint64_t gmfn;
    } u;
    uint16_t domid;
    uint16_t offset;
};

struct gnttab_copy {                /* 40 bytes */
    struct gnttab_copy_ptr source, dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;
};

struct gnttab_query_size {          /* 16 bytes */
    uint16_t dom;
    uint32_t nr_frames;
    uint32_t max_nr_frames;
    int16_t status;
};

_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32 && sizeof(struct gnttab_unmap_grant_ref) == 24
               && sizeof(struct gnttab_setup_table) == 24 && sizeof(struct gnttab_copy) == 40
               && sizeof(struct gnttab_query_size) == 16, "arm32 layouts (grant_table.h)");

#define PAGE_SIZE   0x1000u

static uint32_t nr_frames(const struct domain *d)
{
    return d->gnttab.nr_frames ? d->gnttab.nr_frames : 1;  /* 0 until it grows: Xen's initial 1 */
}

bool gnttab_grow(struct domain *d, uint32_t frames)
{
    if (frames > GNTTAB_MAX_FRAMES)
        return false;
    if (frames > nr_frames(d))
        d->gnttab.nr_frames = frames;       /* the new frames are zero: no grants in them */
    return true;
}

/* Entry 'ref' of d's table: the 32-bit word of flags and domid, then the frame. The guest
 * writes it, maybe with its caches off: read it from memory. */
static uintptr_t entry(const struct domain *d, uint32_t ref)
{
    uintptr_t e = xen_page(d, XEN_PAGE_GRANT(ref / ENTRIES_PER_FRAME)) + (ref % ENTRIES_PER_FRAME) * 8;
    mm_invalidate_dcache(e, 8);
    return e;
}

/* The machine address of guest frame 'gfn' of d's RAM, or 0: only RAM can be granted
 * (Xen's get_paged_frame answers GNTST_bad_page for anything else). */
static uintptr_t ram_frame(const struct domain *d, uint64_t gfn)
{
    uint64_t ipa = gfn << 12;
    if (gfn >= (1u << 20) || ipa < GUEST_RAM_BASE || ipa - GUEST_RAM_BASE >= d->ram_size)
        return 0;
    return d->ram_pa + (uintptr_t)(ipa - GUEST_RAM_BASE);
}

/* How many mappings of d's grant 'ref' exist, in every domain ('writable': only those that
 * may write); 'mapper' and 'frame' tell of one of them. Xen counts them in the granter's
 * "active entry"; here they are counted afresh, the tables being small. */
static uint32_t pins(const struct domain *d, uint32_t ref, bool writable, uint32_t *mapper, uintptr_t *frame)
{
    uint32_t n = 0;
    for (uint32_t id = 1; domain_by_id(id); id++) {
        const struct grant_table *gt = &domain_by_id(id)->gnttab;
        for (uint32_t h = 0; h < GNTTAB_MAPTRACK; h++) {
            const struct grant_mapping *m = &gt->map[h];
            if (m->flags && m->domid == d->id && m->ref == ref && (!writable || !(m->flags & GNTMAP_readonly))) {
                n++;
                if (mapper)
                    *mapper = id;
                if (frame)
                    *frame = m->frame;
            }
        }
    }
    return n;
}

/* The grant entry allows domain 'to' to read (and write, unless 'readonly') the page: sets
 * GTF_reading (and GTF_writing) as it checks. Compare-and-swap, because the granting guest
 * may change the entry at the same moment; Xen gives up after five tries, and so does this. */
static int16_t set_status(uintptr_t e, uint32_t to, bool readonly, bool check)
{
    uint32_t old = __atomic_load_n((uint32_t *)e, __ATOMIC_RELAXED);
    for (int tries = 0; tries < 5; tries++) {
        uint16_t flags = old & 0xffff, domid = old >> 16;
        if (check && ((flags & (GTF_type_mask | GTF_sub_page)) != GTF_permit_access || domid != to))
            return GNTST_general_error;
        if (!readonly && (flags & GTF_readonly))
            return GNTST_general_error;
        uint32_t new = old | GTF_reading | (readonly ? 0 : GTF_writing);
        if (__atomic_compare_exchange_n((uint32_t *)e, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
            mm_clean_dcache(e, 4);
            return GNTST_okay;
        }
    }
    return GNTST_general_error;             /* the entry keeps changing under us */
}

/* After a mapping of d's 'ref' went away: GTF_writing goes when no writable mapping is left,
 * GTF_reading when none at all is (Xen's unmap_common_complete). */
static void clear_status(const struct domain *d, uint32_t ref)
{
    uint32_t clear = 0;
    if (pins(d, ref, true, NULL, NULL) == 0)
        clear |= GTF_writing;
    if (pins(d, ref, false, NULL, NULL) == 0)
        clear |= GTF_reading;
    uintptr_t e = entry(d, ref);
    __atomic_fetch_and((uint32_t *)e, ~clear, __ATOMIC_SEQ_CST);
    mm_clean_dcache(e, 4);
}

/* GNTTABOP_map_grant_ref: map domain op->dom's grant op->ref at guest physical address
 * op->host_addr of the caller (on ARM host_addr is a guest physical address, and only
 * GNTMAP_host_map, perhaps read-only, is possible: grant_table.c, arm/mm.c). */
static void map_grant_ref(struct domain *d, struct gnttab_map_grant_ref *op)
{
    if (!(op->flags & (GNTMAP_host_map | GNTMAP_device_map))) {
        op->status = GNTST_bad_gntref;      /* nothing to map: Xen's answer, odd as it is */
        return;
    }
    if (op->flags & (GNTMAP_device_map | GNTMAP_application_map | GNTMAP_contains_pte)) {
        op->status = GNTST_general_error;   /* no device mappings for a translated guest */
        return;
    }
    struct domain *granter = domain_by_any_id(d, op->dom);
    if (granter == NULL || op->dom == DOMID_SELF) {
        op->status = GNTST_bad_domain;      /* by number only: DOMID_SELF is no domain here */
        return;
    }
    uint32_t handle = 0;
    while (handle < GNTTAB_MAPTRACK && d->gnttab.map[handle].flags)
        handle++;
    if (handle == GNTTAB_MAPTRACK) {
        op->status = GNTST_no_space;
        return;
    }
    if (op->ref >= nr_frames(granter) * ENTRIES_PER_FRAME) {
        op->status = GNTST_bad_gntref;
        return;
    }
    bool readonly = op->flags & GNTMAP_readonly;
    /* Mapped already? Then by this domain only (Xen's active entry holds one domid), and
     * the page stays the one it was first mapped with, whatever the entry says now. */
    uint32_t mapper = 0;
    uintptr_t frame = 0;
    uint32_t all = pins(granter, op->ref, false, &mapper, &frame);
    if (all && mapper != d->id) {
        op->status = GNTST_general_error;
        return;
    }
    uintptr_t e = entry(granter, op->ref);
    if (all) {
        if (!readonly && pins(granter, op->ref, true, NULL, NULL) == 0
            && set_status(e, d->id, false, false) != GNTST_okay) {
            op->status = GNTST_general_error;
            return;
        }
    } else {
        int16_t status = set_status(e, d->id, readonly, true);
        if (status != GNTST_okay) {
            op->status = status;
            return;
        }
        frame = ram_frame(granter, ((volatile uint32_t *)e)[1]);
        if (frame == 0) {
            clear_status(granter, op->ref);
            op->status = GNTST_bad_page;
            return;
        }
    }
    uint16_t cache = *(volatile uint16_t *)e & GTF_cache_mask;
    uint32_t ipa = (uint32_t)op->host_addr & ~(PAGE_SIZE - 1);
    if (cache || op->host_addr >> 32 || !guest_ipa_free(d, ipa)
        || !p2m_map_page(&d->p2m, ipa, frame, readonly ? P2M_RAM_RO : P2M_RAM)) {
        clear_status(granter, op->ref);     /* nothing else holds the entry now */
        op->status = GNTST_general_error;
        return;
    }
    d->gnttab.map[handle] = (struct grant_mapping){
        .flags = op->flags & (GNTMAP_host_map | GNTMAP_readonly),
        .domid = granter->id, .ref = op->ref, .host_addr = ipa, .frame = frame,
    };
    op->handle = handle;
    op->dev_bus_addr = frame;               /* Xen says where the page is in machine memory */
    op->status = GNTST_okay;
}

/* GNTTABOP_unmap_grant_ref: the mapping 'handle' leaves op->host_addr. With host_addr 0 Xen
 * unmaps nothing and keeps the handle; so does this. */
static void unmap_grant_ref(struct domain *d, struct gnttab_unmap_grant_ref *op)
{
    if (op->handle >= GNTTAB_MAPTRACK || d->gnttab.map[op->handle].flags == 0) {
        op->status = GNTST_bad_handle;
        return;
    }
    struct grant_mapping *m = &d->gnttab.map[op->handle];
    op->status = GNTST_okay;
    if (op->host_addr == 0)
        return;
    uintptr_t pa;
    uint32_t ipa = (uint32_t)op->host_addr & ~(PAGE_SIZE - 1);
    if (op->host_addr >> 32 || !p2m_lookup(&d->p2m, ipa, &pa) || pa != m->frame || ipa != m->host_addr) {
        op->status = GNTST_general_error;   /* that page is not this grant */
        return;
    }
    p2m_unmap_page(&d->p2m, ipa);
    m->flags = 0;
    struct domain *granter = domain_by_id(m->domid);
    if (granter && !granter->dead)
        clear_status(granter, m->ref);
}

/* One side of a copy: a granted page (checked as for a mapping, but only for the copy), or
 * one of the caller's own frames. The page's machine address, or 0 with the status. */
static uintptr_t copy_page(struct domain *d, const struct gnttab_copy_ptr *p, bool gref, bool write, int16_t *status)
{
    struct domain *owner = domain_by_any_id(d, p->domid);
    if (owner == NULL) {
        *status = GNTST_bad_domain;
        return 0;
    }
    if (!gref) {
        if (owner != d) {
            *status = GNTST_permission_denied;  /* only one's own frames by number */
            return 0;
        }
        uintptr_t frame = ram_frame(d, p->u.gmfn);
        if (frame == 0)
            *status = GNTST_bad_page;
        return frame;
    }
    if (p->u.ref >= nr_frames(owner) * ENTRIES_PER_FRAME) {
        *status = GNTST_bad_gntref;
        return 0;
    }
    uintptr_t e = entry(owner, p->u.ref);
    uint32_t word = *(volatile uint32_t *)e;
    uint16_t flags = word & 0xffff;
    if ((flags & GTF_type_mask) != GTF_permit_access || (word >> 16) != d->id || (write && (flags & GTF_readonly))) {
        *status = GNTST_general_error;
        return 0;
    }
    uintptr_t frame = ram_frame(owner, ((volatile uint32_t *)e)[1]);
    if (frame == 0)
        *status = GNTST_bad_page;
    return frame;
}

/* GNTTABOP_copy: len bytes from source to dest, neither crossing its page's end. */
static void grant_copy(struct domain *d, struct gnttab_copy *op)
{
    if (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE) {
        op->status = GNTST_bad_copy_arg;
        return;
    }
    int16_t status = GNTST_okay;
    uintptr_t src = copy_page(d, &op->source, op->flags & GNTCOPY_source_gref, false, &status);
    uintptr_t dst = src ? copy_page(d, &op->dest, op->flags & GNTCOPY_dest_gref, true, &status) : 0;
    if (dst) {
        mm_invalidate_dcache(src + op->source.offset, op->len);
        memcpy((void *)(dst + op->dest.offset), (const void *)(src + op->source.offset), op->len);
        mm_clean_dcache(dst + op->dest.offset, op->len);
    }
    op->status = status;
}

/* GNTTABOP_setup_table: grow the table to nr_frames and say where each frame is mapped (the
 * guest frame add_to_physmap put it at, or ~0: on ARM the guest maps the frames itself). */
static int32_t setup_table(struct domain *d, uint32_t uop, uint32_t count)
{
    struct gnttab_setup_table op;
    if (count != 1)
        return -EINVAL;
    if (!copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    struct domain *target = domain_by_any_id(d, op.dom);
    if (target == NULL)
        op.status = GNTST_bad_domain;
    else if (target != d)
        op.status = GNTST_permission_denied;
    else if (!gnttab_grow(d, op.nr_frames))
        op.status = GNTST_general_error;
    else {
        op.status = GNTST_okay;
        for (uint32_t i = 0; i < op.nr_frames; i++) {
            uint64_t gfn = xen_page_gfn(d, XEN_PAGE_GRANT(i));
            if (!copy_to_guest((uint32_t)op.frame_list + 8 * i, &gfn, sizeof(gfn)))
                op.status = GNTST_bad_virt_addr;
        }
    }
    return copy_to_guest(uop + 8, &op.status, sizeof(op.status)) ? 0 : -EFAULT;
}

static int32_t query_size(struct domain *d, uint32_t uop, uint32_t count)
{
    struct gnttab_query_size op;
    if (count != 1)
        return -EINVAL;
    if (!copy_from_guest(&op, uop, sizeof(op)))
        return -EFAULT;
    struct domain *target = domain_by_any_id(d, op.dom);
    if (target == NULL)
        op.status = GNTST_bad_domain;
    else if (target != d)
        op.status = GNTST_permission_denied;
    else {
        op.nr_frames = nr_frames(d);
        op.max_nr_frames = GNTTAB_MAX_FRAMES;
        op.status = GNTST_okay;
    }
    return copy_to_guest(uop, &op, sizeof(op)) ? 0 : -EFAULT;
}

uint32_t gnttab_op_size(uint32_t cmd)
{
    struct gnttab_map_grant_ref map;
    struct gnttab_unmap_grant_ref unmap;
    struct gnttab_copy copy;
    return cmd == GNTTABOP_map_grant_ref ? sizeof(map) : cmd == GNTTABOP_unmap_grant_ref ? sizeof(unmap)
         : cmd == GNTTABOP_copy ? sizeof(copy) : 0;
}

int32_t do_grant_table_op(struct domain *d, uint32_t cmd, uint32_t uop, uint32_t count)
{
    if ((int32_t)count < 0 || (cmd & ~GNTTABOP_CMD_MASK))
        return -EINVAL;
    /* Map, unmap and copy take an array of 'count' operations, each with its own status. */
    for (uint32_t i = 0; i < count; i++) {
        union {
            struct gnttab_map_grant_ref map;
            struct gnttab_unmap_grant_ref unmap;
            struct gnttab_copy copy;
        } op;
        uint32_t size = gnttab_op_size(cmd);
        if (size == 0)
            break;
        if (!copy_from_guest(&op, uop + i * size, size))
            return -EFAULT;
        if (cmd == GNTTABOP_map_grant_ref)
            map_grant_ref(d, &op.map);
        else if (cmd == GNTTABOP_unmap_grant_ref)
            unmap_grant_ref(d, &op.unmap);
        else
            grant_copy(d, &op.copy);
        if (!copy_to_guest(uop + i * size, &op, size))
            return -EFAULT;
    }
    switch (cmd) {
    case GNTTABOP_map_grant_ref:
    case GNTTABOP_unmap_grant_ref:
    case GNTTABOP_copy:
        return 0;
    case GNTTABOP_setup_table:
        return setup_table(d, uop, count);
    case GNTTABOP_query_size:
        return query_size(d, uop, count);
    default:
        return -ENOSYS;                     /* transfer, versions, status frames: not here */
    }
}

void gnttab_domain_destroy(struct domain *d)
{
    /* Its mappings of other domains' grants go, and those entries lose their flags. */
    for (uint32_t h = 0; h < GNTTAB_MAPTRACK; h++) {
        struct grant_mapping *m = &d->gnttab.map[h];
        if (!m->flags)
            continue;
        p2m_unmap_page(&d->p2m, m->host_addr);
        m->flags = 0;
        struct domain *granter = domain_by_id(m->domid);
        if (granter && granter != d && !granter->dead)
            clear_status(granter, m->ref);
    }
    /* Mappings others hold of its pages stay: as on Xen, a mapped page outlives its owner's
     * table, and the mapper unmaps it when it likes. They belong to no grant any more (no
     * domain is 0), so a new table after a reboot starts with nothing pinned. */
    for (uint32_t id = 1; domain_by_id(id); id++)
        for (uint32_t h = 0; h < GNTTAB_MAPTRACK; h++)
            if (domain_by_id(id)->gnttab.map[h].domid == d->id && id != d->id)
                domain_by_id(id)->gnttab.map[h].domid = 0;
    d->gnttab.nr_frames = 0;
}
