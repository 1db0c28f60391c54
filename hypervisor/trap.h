/* trap.h: exceptions taken to Hyp mode. */
#ifndef TRAP_H
#define TRAP_H

#include "regs.h"

/* Points HVBAR at the vector table (entry.S). */
void trap_init(void);

/* Called from entry.S with the vector offset and the saved r0-r12, lr. */
void hyp_trap(uint32_t vector, const uint32_t *regs);

/* A trap from the running guest (entry.S): handle it; returning resumes the guest. */
void guest_trap(struct cpu_regs *regs);

#endif
