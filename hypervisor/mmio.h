/* mmio.h: guest accesses that stage 2 did not map: emulated devices, or a fault. */
#ifndef MMIO_H
#define MMIO_H

#include "regs.h"

/* A stage-2 data abort (HSR.EC 0x24) from the running guest: emulate the access or kill the
 * domain. On return the guest continues after the faulting instruction. */
void do_data_abort(struct cpu_regs *regs, uint32_t hsr);

#endif
