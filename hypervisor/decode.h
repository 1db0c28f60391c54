/* decode.h: a guest's load or store, decoded from the instruction itself when the data abort's
 * syndrome does not describe it. */
#ifndef DECODE_H
#define DECODE_H

#include "mmio.h"

/* The A32 load or store at the guest's PC, which faulted at stage 2 on the guest virtual
 * address 'va' (HDFAR) with syndrome 'hsr' (ISV = 0). Fills in 'a' and returns NULL, or
 * returns why the access cannot be emulated. */
const char *decode_access(const struct cpu_regs *regs, uint32_t hsr, uint32_t va, struct mmio_access *a);

#endif
