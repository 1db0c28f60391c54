/* p2m.h: a domain's stage-2 translation, guest physical (IPA) to machine physical (PA). */
#ifndef P2M_H
#define P2M_H

#include "types.h"

/* Domains with stage-2 tables: one VMID each, 1 to this. */
#define P2M_MAX_DOMAINS 8

struct p2m {
    uint64_t *root;         /* the level-1 table VTTBR points at */
    uint8_t vmid;
};

/* Sets up empty tables for VMID 'vmid'; false when no tables are left. */
bool p2m_init(struct p2m *p2m, uint8_t vmid);
/* Maps [ipa, ipa+size) to [pa, ...) as normal RAM, in 2 MiB blocks (all three 2 MiB aligned). */
bool p2m_map_ram(struct p2m *p2m, uint64_t ipa, uint64_t pa, uint64_t size);
enum p2m_type { P2M_RAM, P2M_DEVICE, P2M_RAM_RO };    /* RO: a page granted read-only */
/* Maps one 4 KiB page; false when out of tables, or the IPA lies in a 2 MiB block of RAM. */
bool p2m_map_page(struct p2m *p2m, uint32_t ipa, uintptr_t pa, enum p2m_type type);
bool p2m_unmap_page(struct p2m *p2m, uint32_t ipa);
/* The machine address behind a guest physical address; false where nothing is mapped. */
bool p2m_lookup(const struct p2m *p2m, uint32_t ipa, uintptr_t *pa);
/* After a change to a running domain's map: no CPU keeps a stale translation. */
void p2m_flush(const struct p2m *p2m);
/* Makes this CPU translate the domain's stage 2: VTCR, VTTBR, and no stale TLB entries. */
void p2m_activate(const struct p2m *p2m);

#endif
