/* inject.h: exceptions the hypervisor makes the running guest take, as if its own processor
 * had raised them. */
#ifndef INJECT_H
#define INJECT_H

#include "regs.h"

/* Each changes the trap frame (and the guest's banked LR, SPSR and fault registers) so that
 * the guest resumes in its exception handler. 'regs->pc' must be the address of the
 * instruction the exception is about; 'va' is the faulting virtual address, reported in DFAR
 * or IFAR. */
void inject_undefined(struct cpu_regs *regs);
void inject_data_abort(struct cpu_regs *regs, uint32_t va);
void inject_prefetch_abort(struct cpu_regs *regs, uint32_t va);

/* A stage-2 instruction abort (HSR.EC 0x20): the guest fetched from a guest physical address
 * with nothing there. It gets a prefetch abort, unless the fetch was its own exception vector. */
void do_instruction_abort(struct cpu_regs *regs);

/* Whether to print one more line about a fault the running domain caused: true for its first
 * few, then once more for a line saying the rest go unlogged, then false. */
bool guest_fault_log(void);

#endif
