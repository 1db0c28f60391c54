/* smp.h: starting the secondary physical CPUs. */
#ifndef SMP_H
#define SMP_H

#include "types.h"

/* Releases every other CPU from where the boot loader parked it; returns how many came up. */
uint32_t smp_bring_up(void);

/* Where a released CPU arrives (boot.S), and the C it then runs. */
void secondary_entry(void);
void start_secondary(uint32_t cpu);
/* CPU0 has built the domains: every CPU may now run them. */
void smp_domains_ready(void);

#endif
