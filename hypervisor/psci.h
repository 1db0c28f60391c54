/* psci.h: the Power State Coordination Interface a guest calls to start and stop its vCPUs
 * and its machine (ARM DEN 0022; Xen's subset: XEN-ABI.md §9). */
#ifndef PSCI_H
#define PSCI_H

#include "regs.h"

/* A PSCI/SMCCC call (HVC #0 or SMC): function ID in r0, arguments r1-r3, result in r0. */
void do_psci(struct cpu_regs *regs);

#endif
