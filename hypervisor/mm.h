/* mm.h: the hypervisor's own address space (the Hyp mode stage-1 translation). */
#ifndef MM_H
#define MM_H

#include "types.h"

/* Builds the Hyp page tables (an identity map: RAM cacheable, the rest device memory) and turns
 * the MMU and caches on for this CPU; CPU0 first, then each secondary with the same tables. */
void mm_init(void);
void mm_enable(void);

/* Cleans [addr, addr+size) from the data cache to the point of coherency, so that a guest
 * running with its caches off reads what the hypervisor wrote (ARM ARM B2.2.6). */
void mm_clean_dcache(uintptr_t addr, uint32_t size);
/* Cleans and invalidates [addr, addr+size), so that the hypervisor's next read comes from
 * memory: what a guest with its caches off wrote there since (ARM ARM B2.2.6). */
void mm_invalidate_dcache(uintptr_t addr, uint32_t size);

#endif
