/* p2m.h: a domain's stage-2 translation, guest physical (IPA) to machine physical (PA). */
#ifndef P2M_H
#define P2M_H

#include "types.h"

struct p2m {
    uint64_t *root;         /* the level-1 table VTTBR points at */
    uint8_t vmid;
};

/* Sets up empty tables for VMID 'vmid'; false when no tables are left. */
bool p2m_init(struct p2m *p2m, uint8_t vmid);
/* Maps [ipa, ipa+size) to [pa, ...) as normal RAM, in 2 MiB blocks (all three 2 MiB aligned). */
bool p2m_map_ram(struct p2m *p2m, uint64_t ipa, uint64_t pa, uint64_t size);
/* Makes this CPU translate the domain's stage 2: VTCR, VTTBR, and no stale TLB entries. */
void p2m_activate(const struct p2m *p2m);

#endif
