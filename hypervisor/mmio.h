/* mmio.h: guest accesses that stage 2 did not map: emulated devices, or a fault. */
#ifndef MMIO_H
#define MMIO_H

#include "regs.h"

/* One guest load or store to an emulated device, as the hypervisor understood it. */
struct mmio_access {
    uint32_t size;          /* 1, 2 or 4 bytes */
    bool write;             /* a store (else a load) */
    bool sign_extend;       /* LDRSB, LDRSH */
    uint32_t rt;            /* the register loaded or stored */
    bool pair;              /* LDRD, STRD: a second word, at the address + 4, ... */
    uint32_t rt2;           /* ... loaded into or stored from this register */
    uint32_t length;        /* of the instruction: 4 (A32) or 2 (16-bit T32) */
    bool writeback;         /* the instruction also updates a base register: */
    uint32_t rn, rn_value;  /* ... this one, to this value */
};

/* A stage-2 data abort (HSR.EC 0x24) from the running guest: emulate the access or kill the
 * domain. On return the guest continues after the faulting instruction. */
void do_data_abort(struct cpu_regs *regs, uint32_t hsr);

#endif
