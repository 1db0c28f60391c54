/* hypercall.h: the Xen hypercalls a guest makes with HVC #0xEA1 (XEN-ABI.md §1, §2). */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#include "regs.h"

/* The number is in r12, the arguments in r0-r4; the result goes to r0. */
void do_hypercall(struct cpu_regs *regs);

#endif
