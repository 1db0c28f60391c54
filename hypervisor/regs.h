/* regs.h: a guest's registers as entry.S saves them on a trap into Hyp mode and restores them
 * on the way back (the order of the push and of the two words after it). */
#ifndef REGS_H
#define REGS_H

#include "types.h"

struct cpu_regs {
    uint32_t r[13];     /* r0-r12 */
    uint32_t lr;        /* LR_usr: Hyp mode has no LR of its own (ARM ARM B1.3.2) */
    uint32_t pc;        /* ELR_hyp: where the guest continues */
    uint32_t cpsr;      /* SPSR_hyp: the guest's CPSR */
};

/* Loads 'regs' into the CPU and ERETs into the guest (entry.S). */
void return_to_guest(struct cpu_regs *regs) __attribute__((noreturn));

#endif
